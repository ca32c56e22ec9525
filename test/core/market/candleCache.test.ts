import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CandleCache, type CandleKey } from '../../../core/market/index.ts';
import { HOUR_MS, START_MS, cleanCandles } from './candleFixtures.ts';

const KEY: CandleKey = { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h' };
const at = (bar: number): number => START_MS + bar * HOUR_MS;

describe('CandleCache', () => {
  let dir: string;
  let cache: CandleCache;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ballast-cache-'));
    cache = CandleCache.open(join(dir, 'candles.sqlite'));
  });
  afterEach(() => {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its data in the given file in WAL mode', () => {
    cache.storeCandles(KEY, cleanCandles(3));
    expect(cache.journalMode()).toBe('wal');
    expect(existsSync(join(dir, 'candles.sqlite-wal'))).toBe(true);
  });

  it('stores and reads back a range exactly, in time order, fromMs inclusive and toMs exclusive', () => {
    const candles = cleanCandles(50).map((candle, i) => (i % 2 === 0 ? { ...candle, quoteVolume: i } : candle));
    expect(cache.storeCandles(KEY, [...candles].reverse())).toBe(50);
    expect(cache.readCandles(KEY, at(10), at(20))).toEqual(candles.slice(10, 20));
    expect(cache.readSeries(KEY, at(0), at(50)).length).toBe(50);
    expect(cache.countCandles(KEY, at(0), at(50))).toBe(50);
  });

  it('is idempotent: storing the same bars again writes nothing and keeps the first copy', () => {
    const candles = cleanCandles(10);
    cache.storeCandles(KEY, candles);
    const changed = candles.map((candle) => ({ ...candle, close: candle.close + 1, high: candle.high + 1 }));
    expect(cache.storeCandles(KEY, changed)).toBe(0);
    expect(cache.readCandles(KEY, at(0), at(10))).toEqual(candles);
    expect(cache.countCandles(KEY, at(0), at(10))).toBe(10);
  });

  it('overwrites only when asked to', () => {
    const candles = cleanCandles(3);
    cache.storeCandles(KEY, candles);
    const corrected = { ...candles[1]!, volumeBase: 99 };
    expect(cache.storeCandles(KEY, [corrected], { onConflict: 'replace' })).toBe(1);
    expect(cache.readCandles(KEY, at(1), at(2))).toEqual([corrected]);
  });

  it('keeps exchanges, symbols and timeframes apart', () => {
    cache.storeCandles(KEY, cleanCandles(5));
    expect(cache.countCandles({ ...KEY, symbol: 'ETH/USDT' }, at(0), at(5))).toBe(0);
    expect(cache.countCandles({ ...KEY, exchange: 'kraken' }, at(0), at(5))).toBe(0);
    expect(cache.countCandles({ ...KEY, timeframe: '4h' }, at(0), at(5))).toBe(0);
  });

  it('knows the latest stored open time', () => {
    expect(cache.latestOpenTimeMs(KEY)).toBeNull();
    cache.storeCandles(KEY, cleanCandles(7));
    expect(cache.latestOpenTimeMs(KEY)).toBe(at(6));
  });

  it('refuses to store a bar with a missing value, and stores none of its batch', () => {
    const candles = cleanCandles(5);
    candles[3] = { ...candles[3]!, close: Number.NaN };
    expect(() => cache.storeCandles(KEY, candles)).toThrow(/missing or non-numeric/);
    expect(cache.countCandles(KEY, at(0), at(5))).toBe(0);
  });

  it('finds the holes between stored runs', () => {
    cache.storeCandles(KEY, cleanCandles(20).filter((_, i) => i < 5 || (i >= 8 && i < 15)));
    expect(cache.storedRuns(KEY, at(0), at(20))).toEqual([
      { fromMs: at(0), toMs: at(5) },
      { fromMs: at(8), toMs: at(15) },
    ]);
    expect(cache.findHoles(KEY, at(0), at(20))).toEqual([
      { fromMs: at(5), toMs: at(8), bars: 3 },
      { fromMs: at(15), toMs: at(20), bars: 5 },
    ]);
  });

  it('does not count a range recorded as covered (empty at the exchange) as a hole, and merges covered ranges', () => {
    cache.storeCandles(KEY, cleanCandles(10).filter((_, i) => i !== 4));
    cache.recordCovered(KEY, { fromMs: at(3), toMs: at(5) });
    cache.recordCovered(KEY, { fromMs: at(5), toMs: at(7) });
    cache.recordCovered(KEY, { fromMs: at(1), toMs: at(2) });
    expect(cache.findHoles(KEY, at(0), at(10))).toEqual([]);
    expect(cache.coveredRanges(KEY)).toEqual([
      { fromMs: at(1), toMs: at(2) },
      { fromMs: at(3), toMs: at(7) },
    ]);
  });

  it('stores a page and its covered range in one step', () => {
    const page = cleanCandles(5).filter((_, i) => i !== 2);
    expect(cache.storePage(KEY, page, { fromMs: at(0), toMs: at(5) })).toBe(4);
    expect(cache.findHoles(KEY, at(0), at(5))).toEqual([]);
    expect(cache.findHoles(KEY, at(0), at(6))).toEqual([{ fromMs: at(5), toMs: at(6), bars: 1 }]);
  });

  it('keeps what it stored across a reopen', () => {
    cache.storeCandles(KEY, cleanCandles(4));
    cache.close();
    cache = CandleCache.open(join(dir, 'candles.sqlite'));
    expect(cache.countCandles(KEY, at(0), at(4))).toBe(4);
  });

  it('stores 33,411 bars in one batch quickly', () => {
    const started = performance.now();
    expect(cache.storeCandles(KEY, cleanCandles(33_411))).toBe(33_411);
    expect(cache.findHoles(KEY, at(0), at(33_411))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
