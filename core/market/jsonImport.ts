import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CandleRowCollector, type ImportResult } from './candleRowCollector.ts';
import { COLUMN_HEADER_NAMES, locateColumns } from './importColumns.ts';
import { readFailure, refuseUnreadableOrLarge, tooLarge } from './importFile.ts';
import { MAX_IMPORT_FILE_CHARS } from './importProblems.ts';
import type { ImportLayout, ImportNote } from './importReport.ts';
import { importFailure } from './importWording.ts';

/** Any number, Infinity included (JSON.parse makes it of 1e999), so the row check can name it. */
const anyNumber = z.custom<number>((value) => typeof value === 'number');
const cellSchema = z.union([anyNumber, z.string(), z.null()]);
const rowSchema = z.union([z.array(cellSchema), z.record(z.string(), cellSchema)]);
/** A bare list of rows, or an object wrapping it as `candles` or `data`. */
const fileSchema = z.union([
  z.array(z.unknown()),
  z.object({ candles: z.array(z.unknown()) }),
  z.object({ data: z.array(z.unknown()) }),
]);

/** Binance's raw klines have 12 values, the quote volume eighth; ccxt's OHLCV lists have 6. */
const BINANCE_KLINE_LENGTH = 12;
const BINANCE_QUOTE_VOLUME = 7;

function rowsOf(document: z.infer<typeof fileSchema>): unknown[] {
  if (Array.isArray(document)) return document;
  return 'candles' in document ? document.candles : document.data;
}

function addObjectRow(collector: CandleRowCollector, row: number, values: Readonly<Record<string, unknown>>): void {
  const keys = Object.keys(values);
  const located = locateColumns(keys);
  if (!located.ok) {
    collector.problem(row, 'ROW_MISSING_FIELDS', { missing: located.missing.map((column) => COLUMN_HEADER_NAMES[column]).join(', ') });
    return;
  }
  const { positions } = located;
  const value = (position: number): unknown => values[keys[position] ?? ''];
  collector.add(
    row,
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
 * Imports candles from JSON: rows as lists in kline order `[time, open, high, low, close,
 * volume, …]` (numbers or numeric strings, as Binance and ccxt return them) or as objects with
 * named fields. Rows are the entries of the list, numbered from 1.
 */
export function importCandlesFromJson(text: string): ImportResult {
  if (text.length > MAX_IMPORT_FILE_CHARS) return tooLarge();
  if (text.trim() === '') return importFailure('EMPTY_FILE');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return importFailure('NOT_JSON');
  }
  const document = fileSchema.safeParse(parsed);
  if (!document.success) return importFailure('NOT_A_CANDLE_LIST');
  const collector = new CandleRowCollector({ rowNumbering: 'list-entries', separator: null });
  let layout: ImportLayout | null = null;
  const notes: ImportNote[] = [];
  const rows = rowsOf(document.data);
  for (let position = 0; position < rows.length; position++) {
    const row = position + 1;
    const parsedRow = rowSchema.safeParse(rows[position]);
    if (!parsedRow.success) {
      collector.problem(row, 'ROW_NOT_A_CANDLE');
      continue;
    }
    const values = parsedRow.data;
    if (!Array.isArray(values)) {
      layout ??= 'json-objects';
      addObjectRow(collector, row, values);
      continue;
    }
    if (layout === null) {
      layout = 'json-lists';
      notes.push({ code: values.length >= BINANCE_KLINE_LENGTH ? 'HEADERLESS_BINANCE_KLINES' : 'HEADERLESS_OHLCV_ORDER', params: {} });
    }
    if (values.length < 6) collector.problem(row, 'ROW_TOO_FEW_CELLS', { cells: values.length, expected: 6 });
    else {
      const quoteVolume = values.length >= BINANCE_KLINE_LENGTH ? values[BINANCE_QUOTE_VOLUME] : undefined;
      collector.add(row, values[0], values[1], values[2], values[3], values[4], values[5], quoteVolume);
    }
  }
  return collector.finish(layout ?? 'json-lists', notes);
}

export async function importCandlesFromJsonFile(path: string): Promise<ImportResult> {
  const refused = await refuseUnreadableOrLarge(path);
  if (refused) return refused;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return readFailure(error);
  }
  return importCandlesFromJson(text);
}
