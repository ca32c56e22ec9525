import { readFileSync } from 'node:fs';

/**
 * One symbol's replayed candle history, column-wise in typed arrays so a 33k-row file costs a few
 * hundred kilobytes and every lookup is a binary search.
 */
export interface CandleSeries {
  readonly intervalMs: number;
  readonly length: number;
  readonly openTimeMs: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volumeBase: Float64Array;
  readonly volumeQuote: Float64Array;
  readonly tradeCount: Float64Array;
  /** file rows (1-based, header is row 1) whose quote volume was missing and estimated as volume × close */
  readonly estimatedQuoteVolumeRows: readonly number[];
}

const loaded = new Map<string, CandleSeries>();

/** Reads a candle CSV once per process (header: timestamp,datetime_utc,open,high,low,close,volume,quote_volume,trade_count). */
export function loadCandleCsv(path: string): CandleSeries {
  const cached = loaded.get(path);
  if (cached !== undefined) return cached;
  const series = parseCandleCsv(readFileSync(path, 'utf8'), path);
  loaded.set(path, series);
  return series;
}

export function parseCandleCsv(text: string, origin: string): CandleSeries {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((name) => name.trim());
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`Candle file ${origin} has no "${name}" column (header: ${header.join(',')})`);
    return index;
  };
  const at = { time: column('timestamp'), open: column('open'), high: column('high'), low: column('low'), close: column('close'), volume: column('volume') };
  const quoteColumn = header.indexOf('quote_volume');
  const tradesColumn = header.indexOf('trade_count');
  const length = lines.length - 1;
  const estimatedQuoteVolumeRows: number[] = [];
  const series = {
    length,
    openTimeMs: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volumeBase: new Float64Array(length),
    volumeQuote: new Float64Array(length),
    tradeCount: new Float64Array(length),
  };
  for (let row = 0; row < length; row += 1) {
    const cells = (lines[row + 1] ?? '').split(',');
    const number = (index: number, optional = false): number => {
      const cell = (cells[index] ?? '').trim();
      if (cell === '' && optional) return 0;
      const value = Number(cell);
      if (cell === '' || !Number.isFinite(value)) {
        throw new Error(`Candle file ${origin}, row ${row + 2}: column ${header[index] ?? index} is not a number ("${cell}")`);
      }
      return value;
    };
    series.openTimeMs[row] = number(at.time);
    series.open[row] = number(at.open);
    series.high[row] = number(at.high);
    series.low[row] = number(at.low);
    series.close[row] = number(at.close);
    series.volumeBase[row] = number(at.volume);
    const quoteCell = quoteColumn >= 0 ? (cells[quoteColumn] ?? '').trim() : '';
    const quoteVolume = Number(quoteCell);
    if (quoteCell !== '' && Number.isFinite(quoteVolume)) {
      series.volumeQuote[row] = quoteVolume;
    } else {
      // The exports leave quote volume empty or "nan" on a few rows; klines still need one.
      series.volumeQuote[row] = series.volumeBase[row]! * series.close[row]!;
      estimatedQuoteVolumeRows.push(row + 2);
    }
    series.tradeCount[row] = tradesColumn >= 0 ? number(tradesColumn, true) : 0;
    if (row > 0 && series.openTimeMs[row]! <= series.openTimeMs[row - 1]!) {
      throw new Error(`Candle file ${origin}, row ${row + 2}: timestamps must be strictly ascending`);
    }
  }
  if (length < 2) throw new Error(`Candle file ${origin} needs at least two rows to know its interval`);
  return { ...series, intervalMs: smallestStepMs(series.openTimeMs), estimatedQuoteVolumeRows };
}

function smallestStepMs(openTimeMs: Float64Array): number {
  let smallest = Number.POSITIVE_INFINITY;
  const rows = Math.min(openTimeMs.length, 500);
  for (let row = 1; row < rows; row += 1) smallest = Math.min(smallest, openTimeMs[row]! - openTimeMs[row - 1]!);
  return smallest;
}

/** Index of the last candle that opened at or before `atMs`, or -1. */
export function lastIndexOpenedBy(series: CandleSeries, atMs: number): number {
  let low = 0;
  let high = series.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (series.openTimeMs[middle]! <= atMs) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** Index of the first candle that opened at or after `atMs` (may equal length). */
export function firstIndexOpenedFrom(series: CandleSeries, atMs: number): number {
  return lastIndexOpenedBy(series, atMs - 1) + 1;
}

export function lastCloseTimeMs(series: CandleSeries): number {
  return series.openTimeMs[series.length - 1]! + series.intervalMs;
}
