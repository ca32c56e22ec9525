import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { CandleRowCollector, importFailure, type ImportResult } from './candleRowCollector.ts';
import { COLUMN_WORDS, HEADERLESS_POSITIONS, locateColumns, type ColumnPositions } from './importColumns.ts';
import { looksLikeTimestamp } from './importTimestamp.ts';

function splitQuoted(line: string, delimiter: string): string[] | null {
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

/**
 * Reads a CSV replay file one line at a time, so a file can be streamed from disk. The first
 * non-blank line decides the delimiter and whether there is a header: it is data when its
 * first cell reads as a time. Rows are numbered as lines of the file, starting at 1.
 */
export class CsvCandleReader {
  private readonly collector = new CandleRowCollector('Row');
  private positions: ColumnPositions | null = null;
  private delimiter = ',';
  private lineNumber = 0;
  private fatal: ImportResult | null = null;
  private requiredFieldCount = 0;
  /** With a header, every row must have exactly its number of cells (a decimal comma would shift them). */
  private headerFieldCount: number | null = null;

  pushLine(rawLine: string): void {
    this.lineNumber++;
    if (this.fatal) return;
    let line = this.lineNumber === 1 && rawLine.charCodeAt(0) === 0xfeff ? rawLine.slice(1) : rawLine;
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')) return;
    // A header line is consumed; a first line of data is read like any other row.
    if (this.positions === null && this.start(line) !== 'data') return;
    this.readRow(line);
  }

  /** Reads the first line: a header ('header'), a first row ('data') or unusable ('fatal'). */
  private start(line: string): 'header' | 'data' | 'fatal' {
    this.delimiter = line.includes(',') ? ',' : line.includes(';') ? ';' : line.includes('\t') ? '\t' : ',';
    const cells = splitQuoted(line, this.delimiter) ?? [line];
    let kind: 'header' | 'data' = 'data';
    if (looksLikeTimestamp(cells[0] ?? '')) {
      this.positions = HEADERLESS_POSITIONS;
    } else {
      kind = 'header';
      const located = locateColumns(cells);
      if (!located.ok) {
        const names = located.missing.map((column) => `'${COLUMN_WORDS[column]}'`).join(', ');
        this.fatal = importFailure(
          'MISSING_COLUMNS',
          `The file's first line is neither a candle nor a header naming all needed columns: ${names} not found, so nothing was imported.`,
          [`Row ${this.lineNumber}: columns found: ${cells.map((cell) => `'${cell.trim()}'`).join(', ')}`],
        );
        return 'fatal';
      }
      this.positions = located.positions;
      this.headerFieldCount = cells.length;
    }
    const { time, open, high, low, close, volume, quoteVolume } = this.positions;
    this.requiredFieldCount = Math.max(time, open, high, low, close, volume, quoteVolume ?? 0) + 1;
    return kind;
  }

  private readRow(line: string): void {
    const positions = this.positions ?? HEADERLESS_POSITIONS;
    const quotePosition = positions.quoteVolume;
    const cells = line.includes('"') ? splitQuoted(line, this.delimiter) : line.split(this.delimiter);
    if (cells === null) {
      this.collector.problem(this.lineNumber, 'has an unclosed quote');
      return;
    }
    if (this.headerFieldCount !== null && cells.length !== this.headerFieldCount) {
      this.collector.problem(this.lineNumber, `has ${cells.length} value(s) but the header names ${this.headerFieldCount} columns`);
      return;
    }
    if (cells.length < this.requiredFieldCount) {
      this.collector.problem(this.lineNumber, `has ${cells.length} value(s), expected at least ${this.requiredFieldCount}`);
      return;
    }
    this.collector.add(
      this.lineNumber,
      cells[positions.time],
      cells[positions.open],
      cells[positions.high],
      cells[positions.low],
      cells[positions.close],
      cells[positions.volume],
      quotePosition === null ? undefined : cells[quotePosition],
    );
  }

  finish(): ImportResult {
    if (this.fatal) return this.fatal;
    if (this.positions === null) return importFailure('EMPTY_FILE', 'The file is empty, so nothing was imported.');
    return this.collector.finish();
  }
}

/** Imports a whole CSV text; either every row becomes a candle or the result lists the problems. */
export function importCandlesFromCsv(text: string): ImportResult {
  const reader = new CsvCandleReader();
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    if (end < 0) {
      if (start < text.length) reader.pushLine(text.slice(start));
      break;
    }
    reader.pushLine(text.slice(start, end));
    start = end + 1;
  }
  return reader.finish();
}

/** Streams a CSV file from disk line by line; a file that cannot be read is an import error. */
export async function importCandlesFromCsvFile(path: string): Promise<ImportResult> {
  const reader = new CsvCandleReader();
  try {
    const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) reader.pushLine(line);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return importFailure('UNREADABLE_FILE', 'The file could not be read, so nothing was imported.', [detail]);
  }
  return reader.finish();
}
