import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { CandleRowCollector, type ImportResult } from './candleRowCollector.ts';
import { readFirstLine, splitQuoted } from './csvLayout.ts';
import type { ColumnPositions } from './importColumns.ts';
import { readFailure, refuseUnreadableOrLarge, tooLarge } from './importFile.ts';
import { MAX_IMPORT_FILE_CHARS } from './importProblems.ts';
import type { ImportLayout, ImportNote } from './importReport.ts';
import { importFailure } from './importWording.ts';

/**
 * Reads a CSV replay file one line at a time, so a file can be streamed from disk. Lines before
 * the first bar are note lines (skipped and reported), a header naming the columns, or already
 * a bar (a file without header, read in kline order). Rows are numbered as lines of the file,
 * starting at 1, as a spreadsheet shows them.
 */
export class CsvCandleReader {
  private collector: CandleRowCollector | null = null;
  private positions: ColumnPositions | null = null;
  private delimiter = ',';
  private lineNumber = 0;
  private fatal: ImportResult | null = null;
  private requiredFieldCount = 0;
  /** With a header, every row must have exactly its number of cells (a decimal comma would shift them). */
  private headerFieldCount: number | null = null;
  /** Without a header, every row must have as many cells as the first bar row, for the same reason. */
  private firstRowFieldCount: { readonly row: number; readonly cells: number } | null = null;
  private layout: ImportLayout = 'named-columns';
  private readonly notes: ImportNote[] = [];
  private preambleLines = 0;
  private afterCryptoDataDownload = false;

  pushLine(rawLine: string): void {
    this.lineNumber++;
    if (this.fatal) return;
    let line = this.lineNumber === 1 && rawLine.charCodeAt(0) === 0xfeff ? rawLine.slice(1) : rawLine;
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')) return;
    // A header or note line is consumed; a first line of data is read like any other row.
    if (this.collector === null && this.start(line) !== 'data') return;
    this.readRow(line);
  }

  private start(line: string): 'skip' | 'data' {
    const first = readFirstLine(line, this.lineNumber, this.preambleLines, this.afterCryptoDataDownload);
    if (first.kind === 'preamble') {
      this.preambleLines++;
      this.afterCryptoDataDownload ||= first.mentionsCryptoDataDownload;
      this.notes.push(first.note);
      return 'skip';
    }
    if (first.kind === 'fatal') {
      this.fatal = importFailure(first.code, first.params);
      return 'skip';
    }
    this.delimiter = first.delimiter;
    this.positions = first.positions;
    this.layout = first.layout;
    this.headerFieldCount = first.headerFieldCount;
    this.notes.push(...first.notes);
    // A header-less row may stop after the volume: a quote volume past its end is simply absent.
    const { time, open, high, low, close, volume } = first.positions;
    this.requiredFieldCount = Math.max(time, open, high, low, close, volume) + 1;
    this.collector = new CandleRowCollector({ rowNumbering: 'file-lines', separator: first.delimiter });
    return first.kind === 'data' ? 'data' : 'skip';
  }

  private readRow(line: string): void {
    const collector = this.collector;
    const positions = this.positions;
    if (collector === null || positions === null) return;
    const row = this.lineNumber;
    const cells = line.includes('"') ? splitQuoted(line, this.delimiter) : line.split(this.delimiter);
    if (cells === null) {
      collector.problem(row, 'ROW_UNCLOSED_QUOTE');
      return;
    }
    if (this.headerFieldCount !== null && cells.length !== this.headerFieldCount && !onlyEmptyAfter(cells, this.headerFieldCount)) {
      collector.problem(row, 'ROW_CELL_COUNT_DIFFERS', { cells: cells.length, expected: this.headerFieldCount });
      return;
    }
    if (this.headerFieldCount === null) {
      this.firstRowFieldCount ??= { row, cells: cells.length };
      const first = this.firstRowFieldCount;
      if (cells.length !== first.cells && !onlyEmptyAfter(cells, first.cells)) {
        collector.problem(row, 'ROW_CELL_COUNT_CHANGES', { cells: cells.length, expected: first.cells, firstRow: first.row });
        return;
      }
    }
    if (cells.length < this.requiredFieldCount) {
      collector.problem(row, 'ROW_TOO_FEW_CELLS', { cells: cells.length, expected: this.requiredFieldCount });
      return;
    }
    const quotePosition = positions.quoteVolume;
    collector.add(
      row,
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
    if (this.collector === null) {
      return this.preambleLines > 0 ? importFailure('MISSING_COLUMNS', { row: 1, missing: 'time, open, high, low, close, volume', found: '' }) : importFailure('EMPTY_FILE');
    }
    return this.collector.finish(this.layout, this.notes);
  }
}

/** A trailing separator at the end of a row adds empty cells; they do not shift any value. */
function onlyEmptyAfter(cells: readonly string[], count: number): boolean {
  if (cells.length < count) return false;
  for (let i = count; i < cells.length; i++) if ((cells[i] ?? '').trim() !== '') return false;
  return true;
}

/** Imports a whole CSV text; either every row becomes a candle or the result lists the problems. */
export function importCandlesFromCsv(text: string): ImportResult {
  if (text.length > MAX_IMPORT_FILE_CHARS) return tooLarge();
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
  const refused = await refuseUnreadableOrLarge(path);
  if (refused) return refused;
  const reader = new CsvCandleReader();
  try {
    const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) reader.pushLine(line);
  } catch (error) {
    return readFailure(error);
  }
  return reader.finish();
}
