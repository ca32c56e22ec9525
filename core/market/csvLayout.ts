import { BINANCE_KLINE_POSITIONS, HEADERLESS_POSITIONS, locateColumns, COLUMN_HEADER_NAMES, type ColumnPositions } from './importColumns.ts';
import type { ImportErrorCode, ImportParams } from './importProblems.ts';
import type { ImportLayout, ImportNote } from './importReport.ts';
import { looksLikeTimestamp } from './importTimestamp.ts';

/** Split one CSV line on `delimiter`, honouring double quotes; null when a quote never closes. */
export function splitQuoted(line: string, delimiter: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const char = line.charAt(i);
    if (inQuotes) {
      if (char === '"' && line.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (char === '"') inQuotes = false;
      else field += char;
    } else if (char === '"') inQuotes = true;
    else if (char === delimiter) {
      fields.push(field);
      field = '';
    } else field += char;
  }
  if (inQuotes) return null;
  fields.push(field);
  return fields;
}

function countOutsideQuotes(line: string, char: string): number {
  let count = 0;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (c === '"') inQuotes = !inQuotes;
    else if (c === char && !inQuotes) count++;
  }
  return count;
}

/**
 * The separator of a header or first row. A tab or semicolon that splits the line into the six
 * cells a bar needs wins over a comma: files separated that way are the ones whose commas are
 * decimal marks (`1577836800000;7195,24;…`).
 */
export function detectDelimiter(line: string): string {
  for (const candidate of ['\t', ';']) if (countOutsideQuotes(line, candidate) >= 5) return candidate;
  if (line.includes(',')) return ',';
  if (line.includes(';')) return ';';
  return line.includes('\t') ? '\t' : ',';
}

/**
 * Note lines above the header (a title or a web address: at most one non-empty cell) that are
 * skipped; CryptoDataDownload writes one.
 */
const MAX_PREAMBLE_LINES = 3;

export type FirstLine =
  | { readonly kind: 'preamble'; readonly note: ImportNote; readonly mentionsCryptoDataDownload: boolean }
  | {
      readonly kind: 'header' | 'data';
      readonly delimiter: string;
      readonly positions: ColumnPositions;
      readonly layout: ImportLayout;
      readonly notes: readonly ImportNote[];
      /** With a header, the number of cells every row must have. */
      readonly headerFieldCount: number | null;
    }
  | { readonly kind: 'fatal'; readonly code: ImportErrorCode; readonly params: ImportParams };

function shortText(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 60 ? `${trimmed.slice(0, 60)}…` : trimmed;
}

/**
 * Reads a line seen before the first bar: a note line to skip, a header naming the columns, or
 * already a bar (a header-less file, read in kline order). `row` is its 1-based line number and
 * `preambleSoFar` how many note lines came before it.
 */
export function readFirstLine(line: string, row: number, preambleSoFar: number, afterCryptoDataDownload: boolean): FirstLine {
  const delimiter = detectDelimiter(line);
  const cells = splitQuoted(line, delimiter) ?? [line];
  if (looksLikeTimestamp((cells[0] ?? '').trim())) {
    const binance = cells.length >= 12 && looksLikeTimestamp((cells[6] ?? '').trim());
    return {
      kind: 'data',
      delimiter,
      positions: binance ? BINANCE_KLINE_POSITIONS : HEADERLESS_POSITIONS,
      layout: binance ? 'binance-klines' : 'ohlcv-order',
      notes: [{ code: binance ? 'HEADERLESS_BINANCE_KLINES' : 'HEADERLESS_OHLCV_ORDER', params: {} }],
      headerFieldCount: null,
    };
  }
  const located = locateColumns(cells);
  if (located.ok) {
    const notes: ImportNote[] = [];
    if (located.unnamedTime) notes.push({ code: 'UNNAMED_TIME_COLUMN', params: {} });
    const volumes = located.volumeNamedAfterAsset;
    if (volumes !== null) {
      notes.push(
        volumes.quote === null
          ? { code: 'VOLUME_COLUMN_CHOSEN', params: { base: volumes.base } }
          : { code: 'VOLUME_COLUMNS_CHOSEN', params: { base: volumes.base, quote: volumes.quote } },
      );
    }
    if (located.ignored.length > 0) notes.push({ code: 'IGNORED_COLUMNS', params: { columns: located.ignored.join(', ') } });
    const layout: ImportLayout = located.unnamedTime
      ? 'pandas-index'
      : afterCryptoDataDownload || volumes !== null
        ? 'cryptodatadownload'
        : 'named-columns';
    return { kind: 'header', delimiter, positions: located.positions, layout, notes, headerFieldCount: cells.length };
  }
  const filled = cells.filter((cell) => cell.trim() !== '');
  if (filled.length <= 1 && preambleSoFar < MAX_PREAMBLE_LINES) {
    const text = shortText(filled[0] ?? line);
    return { kind: 'preamble', note: { code: 'SKIPPED_PREAMBLE_LINE', params: { row, text } }, mentionsCryptoDataDownload: /cryptodatadownload/i.test(text) };
  }
  const missing = located.missing.map((column) => COLUMN_HEADER_NAMES[column]).join(', ');
  return { kind: 'fatal', code: 'MISSING_COLUMNS', params: { row, missing, found: cells.map((cell) => cell.trim()).join(', ') } };
}
