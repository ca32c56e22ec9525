import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CandleRowCollector, importFailure, type ImportResult } from './candleRowCollector.ts';
import { COLUMN_WORDS, locateColumns } from './importColumns.ts';

const cellSchema = z.union([z.number(), z.string(), z.null()]);
const rowSchema = z.union([z.array(cellSchema), z.record(z.string(), cellSchema)]);
/** A bare list of rows, or an object wrapping it as `candles` or `data`. */
const fileSchema = z.union([
  z.array(z.unknown()),
  z.object({ candles: z.array(z.unknown()) }),
  z.object({ data: z.array(z.unknown()) }),
]);

function rowsOf(document: z.infer<typeof fileSchema>): unknown[] {
  if (Array.isArray(document)) return document;
  return 'candles' in document ? document.candles : document.data;
}

function addObjectRow(collector: CandleRowCollector, rowNumber: number, row: Readonly<Record<string, unknown>>): void {
  const keys = Object.keys(row);
  const located = locateColumns(keys);
  if (!located.ok) {
    collector.problem(rowNumber, `has no ${located.missing.map((column) => `'${COLUMN_WORDS[column]}'`).join(', ')} field`);
    return;
  }
  const { positions } = located;
  const value = (position: number): unknown => row[keys[position] ?? ''];
  collector.add(
    rowNumber,
    value(positions.time),
    value(positions.open),
    value(positions.high),
    value(positions.low),
    value(positions.close),
    value(positions.volume),
    positions.quoteVolume === null ? undefined : value(positions.quoteVolume),
  );
}

/**
 * Imports candles from JSON: rows as arrays in kline order `[time, open, high, low, close,
 * volume, …]` (numbers or numeric strings, as Binance and ccxt return them) or as objects with
 * named fields. Items are numbered from 1 in the order they appear.
 */
export function importCandlesFromJson(text: string): ImportResult {
  if (text.trim() === '') return importFailure('EMPTY_FILE', 'The file is empty, so nothing was imported.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return importFailure('UNREADABLE_FILE', 'The file is not valid JSON, so nothing was imported.', [detail]);
  }
  const document = fileSchema.safeParse(parsed);
  if (!document.success) {
    return importFailure('UNREADABLE_FILE', 'The file is JSON but not a list of candles, so nothing was imported.', [
      'Expected a list of rows, or an object with a "candles" or "data" list.',
    ]);
  }
  const collector = new CandleRowCollector('Row');
  rowsOf(document.data).forEach((item, position) => {
    const rowNumber = position + 1;
    const row = rowSchema.safeParse(item);
    if (!row.success) {
      collector.problem(rowNumber, 'is neither a list of values nor an object of named values');
    } else if (Array.isArray(row.data)) {
      if (row.data.length < 6) collector.problem(rowNumber, `has ${row.data.length} value(s), expected at least 6`);
      else collector.add(rowNumber, row.data[0], row.data[1], row.data[2], row.data[3], row.data[4], row.data[5]);
    } else {
      addObjectRow(collector, rowNumber, row.data);
    }
  });
  return collector.finish();
}

export async function importCandlesFromJsonFile(path: string): Promise<ImportResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return importFailure('UNREADABLE_FILE', 'The file could not be read, so nothing was imported.', [detail]);
  }
  return importCandlesFromJson(text);
}
