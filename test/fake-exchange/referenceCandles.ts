import { readFileSync } from 'node:fs';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../support/sharedData.ts';

/**
 * The reference file read the plainest possible way, independently of the fake's own loader, so
 * tests compare what ccxt received against the data itself rather than against the code under test.
 */
export interface ReferenceCandle {
  openTimeMs: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

let cache: ReferenceCandle[] | undefined;

export function referenceBtcCandles(): ReferenceCandle[] {
  cache ??= readFileSync(sharedDataPath(BTC_USDT_1H_CSV), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [time, , open, high, low, close, volume] = line.split(',');
      return { openTimeMs: Number(time), open: Number(open), high: Number(high), low: Number(low), close: Number(close), volume: Number(volume) };
    });
  return cache;
}

export function referenceCandleAt(iso: string): ReferenceCandle {
  const atMs = Date.parse(iso);
  const candle = referenceBtcCandles().find((row) => row.openTimeMs === atMs);
  if (candle === undefined) throw new Error(`No BTC/USDT candle opens at ${iso}`);
  return candle;
}

export const HOUR_MS = 3_600_000;
