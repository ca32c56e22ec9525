import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CandleCache,
  backfillCandles,
  countMissingBars,
  createCcxtMarketData,
  importCandlesFromCsvFile,
  updateCandles,
  validateCandles,
  type BackfillOptions,
  type BackfillProgress,
  type Candle,
  type CandleKey,
  type MarketDataPort,
} from '../../../core/market/index.ts';
import { binanceClientFor, startFakeExchange, type FakeExchange } from '../../fake-exchange/index.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../support/sharedData.ts';

const KEY: CandleKey = { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h' };
const FROM_MS = Date.UTC(2017, 7, 17);
const TO_MS = Date.UTC(2021, 5, 10);
const HOUR_MS = 3_600_000;

function portFor(fake: FakeExchange): MarketDataPort {
  const client = binanceClientFor(fake, { timeout: 5_000 });
  // The limiter stays on; a shorter interval between requests keeps the test fast.
  client.rateLimit = 5;
  const created = createCcxtMarketData({ exchangeId: 'binance', exchange: client, nowMs: () => fake.clock.nowMs() });
  if (!created.ok) throw new Error(created.error.detail);
  return created.value;
}

function klineRequests(fake: FakeExchange): number {
  return fake.inspect.counters().byPath['GET /api/v3/klines'] ?? 0;
}

const ohlcv = ({ openTimeMs, open, high, low, close, volumeBase }: Candle): Candle => ({ openTimeMs, open, high, low, close, volumeBase });

describe('backfill of the real 33,411-bar BTC/USDT file from the fake exchange through ccxt', () => {
  let fake: FakeExchange;
  let port: MarketDataPort;
  let dir: string;
  let cache: CandleCache;
  let fileCandles: Candle[];

  beforeAll(async () => {
    fake = await startFakeExchange();
    port = portFor(fake);
    dir = mkdtempSync(join(tmpdir(), 'ballast-backfill-'));
    cache = CandleCache.open(join(dir, 'candles.sqlite'));
    const imported = await importCandlesFromCsvFile(sharedDataPath(BTC_USDT_1H_CSV));
    if (!imported.ok) throw new Error(imported.error.message);
    fileCandles = imported.value.candles;
  });
  afterAll(async () => {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
    await fake.close();
  });

  const options = (extra: Partial<BackfillOptions> = {}): BackfillOptions => ({
    port,
    cache,
    symbol: 'BTC/USDT',
    timeframe: '1h',
    fromMs: FROM_MS,
    toMs: TO_MS,
    pageLimit: 1_000,
    retry: { attempts: 0, baseDelayMs: 10 },
    ...extra,
  });

  it('stops at an exchange failure midway, keeping the pages it got', async () => {
    fake.faults.add({ fault: { kind: 'serverError', status: 503, body: 'text' }, path: '/api/v3/klines', skip: 15, times: 1 });
    const events: BackfillProgress[] = [];
    const failed = await backfillCandles(options({ onProgress: (event) => events.push(event) }));
    expect(failed).toMatchObject({ ok: false, error: { code: 'EXCHANGE_UNAVAILABLE', retryable: true }, report: { requests: 16 } });
    const stored = cache.countCandles(KEY, FROM_MS, TO_MS);
    expect(stored).toBeGreaterThan(14_000);
    expect(stored).toBeLessThan(16_000);
    expect(events.at(-1)?.fetchedBars).toBe(stored);
    expect(events.at(-1)?.percent).toBeGreaterThan(40);
    expect(events.at(-1)?.percent).toBeLessThan(50);
  });

  it('resumes where it stopped, emitting progress to 100 %, with no duplicate and no hole', async () => {
    const storedBefore = cache.countCandles(KEY, FROM_MS, TO_MS);
    const latestBefore = cache.latestOpenTimeMs(KEY)!;
    const firstResumedRequest = fake.inspect.requests().length;
    const events: BackfillProgress[] = [];
    const resumed = await backfillCandles(options({ onProgress: (event) => events.push(event) }));
    expect(resumed.ok).toBe(true);
    expect(resumed.report.storedBars).toBe(33_411 - storedBefore);

    const firstKlines = fake.inspect.requests().slice(firstResumedRequest).find((entry) => entry.path === '/api/v3/klines');
    expect(Number(firstKlines?.params.startTime)).toBe(latestBefore + HOUR_MS);

    expect(events.at(-1)).toMatchObject({ percent: 100, fetchedBars: 33_411 - storedBefore });
    const percents = events.map((event) => event.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));

    const cached = cache.readCandles(KEY, FROM_MS, TO_MS);
    expect(cached).toHaveLength(33_411);
    expect(cached).toEqual(fileCandles.map(ohlcv));
    const issues = validateCandles(cached, '1h').filter((issue) => issue.kind !== 'exchange-outage' && issue.kind !== 'outlier-jump');
    expect(issues.map((issue) => issue.kind)).toEqual(Array<string>(8).fill('gap'));
    expect(countMissingBars(issues)).toBe(16);
  });

  it('makes zero requests on a second run over the covered range, the 8 real gaps included', async () => {
    const requestsBefore = fake.inspect.counters().requests;
    const again = await backfillCandles(options());
    expect(again).toEqual({ ok: true, report: { requests: 0, fetchedBars: 0, storedBars: 0, plannedBars: 0, holes: 0 } });
    expect(fake.inspect.counters().requests).toBe(requestsBefore);
  });

  it('stays zero-request after reopening the cache file', async () => {
    cache.close();
    cache = CandleCache.open(join(dir, 'candles.sqlite'));
    const before = klineRequests(fake);
    expect((await backfillCandles(options())).ok).toBe(true);
    expect(klineRequests(fake)).toBe(before);
  });
});

describe('incremental updates from the fake exchange', () => {
  it('stores only closed bars and later fetches just the new ones', async () => {
    const fake = await startFakeExchange({ startAt: '2021-06-01T00:30:00Z' });
    const port = portFor(fake);
    const cache = CandleCache.open(':memory:');
    try {
      const first = await backfillCandles({ port, cache, symbol: 'BTC/USDT', timeframe: '1h', fromMs: Date.UTC(2021, 4, 31), toMs: Date.UTC(2021, 5, 2), pageLimit: 1_000 });
      expect(first).toMatchObject({ ok: true, report: { storedBars: 24 } });
      // The 00:00 bar was still forming at 00:30: it must not be cached half-made.
      expect(cache.latestOpenTimeMs(KEY)).toBe(Date.UTC(2021, 4, 31, 23));

      fake.clock.set('2021-06-01T06:10:00Z');
      const before = klineRequests(fake);
      const update = await updateCandles({ port, cache, symbol: 'BTC/USDT', timeframe: '1h', pageLimit: 1_000 });
      expect(update).toMatchObject({ ok: true, report: { requests: 1, storedBars: 6 } });
      expect(klineRequests(fake)).toBe(before + 1);
      expect(cache.latestOpenTimeMs(KEY)).toBe(Date.UTC(2021, 5, 1, 5));
      const midnight = cache.readCandles(KEY, Date.UTC(2021, 5, 1), Date.UTC(2021, 5, 1, 1))[0];
      const imported = await importCandlesFromCsvFile(sharedDataPath(BTC_USDT_1H_CSV));
      const expected = imported.ok ? imported.value.candles.find((candle) => candle.openTimeMs === Date.UTC(2021, 5, 1)) : undefined;
      expect(midnight).toEqual(expected && ohlcv(expected));
    } finally {
      cache.close();
      await fake.close();
    }
  });
});
