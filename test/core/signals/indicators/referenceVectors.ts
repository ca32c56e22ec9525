import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { sharedDataPath } from '../../../support/sharedData.ts';

/** Reference vectors from ../shared/data/indicators, parsed so a changed file fails loudly. */

const numbers = z.array(z.number());
const nullableNumbers = z.array(z.number().nullable());

const technicalIndicatorsSchema = z.object({
  input_close_test_data_js: numbers,
  SMA: z.object({ period: z.number(), expected: numbers }),
  EMA: z.object({ period: z.number(), expected: numbers }),
  BollingerBands: z.object({
    period: z.number(),
    stdDev: z.number(),
    expected: z.array(z.object({ lower: z.number(), middle: z.number(), upper: z.number(), pb: z.number() })),
  }),
  RSI: z.object({
    period: z.number(),
    values: numbers,
    expected: numbers,
    noGains_values: numbers,
    noGains_expected: numbers,
  }),
  ATR: z.object({ period: z.number(), high: numbers, low: numbers, close: numbers, expected: numbers }),
  MACD: z.object({
    fastPeriod: z.number(),
    slowPeriod: z.number(),
    signalPeriod: z.number(),
    SimpleMAOscillator: z.literal(false),
    SimpleMASignal: z.literal(false),
    expected: z.array(z.object({ MACD: z.number(), signal: z.number().nullable(), histogram: z.number().nullable() })),
  }),
});

const bollingerDataSchema = z.object({
  prices: numbers,
  middle: nullableNumbers,
  upper: nullableNumbers,
  lower: nullableNumbers,
});

export function technicalIndicatorsVectors(): z.infer<typeof technicalIndicatorsSchema> {
  const text = readFileSync(sharedDataPath('indicators', 'technicalindicators_test_vectors.json'), 'utf8');
  return technicalIndicatorsSchema.parse(JSON.parse(text));
}

export function bollingerData(): z.infer<typeof bollingerDataSchema> {
  const text = readFileSync(sharedDataPath('indicators', 'BB_data.json'), 'utf8');
  return bollingerDataSchema.parse(JSON.parse(text));
}

export type CsvRow = Readonly<Record<string, number | undefined>>;

/** A bukosabino-ta CSV as rows of numbers; empty cells are undefined, the date column is dropped. */
export function bukosabinoCsv(fileName: string): CsvRow[] {
  const text = readFileSync(sharedDataPath('indicators', 'bukosabino-ta', fileName), 'utf8');
  const [header, ...lines] = text.trim().split(/\r?\n/);
  if (header === undefined) throw new Error(`${fileName} is empty`);
  const columns = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    const row: Record<string, number | undefined> = {};
    columns.forEach((column, index) => {
      if (index === 0) return;
      const cell = cells[index] ?? '';
      const value = cell === '' ? undefined : Number(cell);
      if (value !== undefined && !Number.isFinite(value)) throw new Error(`${fileName}: bad number ${cell} in ${column}`);
      row[column] = value;
    });
    return row;
  });
}

/** The value of a column that must be present in this row. */
export function cell(row: CsvRow, column: string): number {
  const value = row[column];
  if (value === undefined) throw new Error(`missing ${column}`);
  return value;
}

/** Feeds every input and collects what `update` returned, warm-up undefineds included. */
export function runSeries<T>(inputs: readonly number[], update: (input: number) => T | undefined): (T | undefined)[] {
  return inputs.map((input) => update(input));
}
