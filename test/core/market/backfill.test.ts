import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CandleCache,
  backfillCandles,
  updateCandles,
  validateCandles,
  type BackfillOptions,
  type BackfillProgress,
  type Candle,
  type CandleKey,
} from '../../../core/market/index.ts';
import { HOUR_MS, START_MS, cleanCandles } from './candleFixtures.ts';
import { PERMANENT, ScriptedCandlePort, TRANSIENT } from './scriptedCandlePort.ts';

const at = (bar: number): number => START_MS + bar * HOUR_MS;
const KEY: CandleKey = { exchange: 'scripted', symbol: 'BTC/USDT', timeframe: '1h' };
const BARS = 2_500;

describe('backfillCandles', () => {
  let cache: CandleCache;
  let candles: Candle[];
  let port: ScriptedCandlePort;

  beforeEach(() => {
    cache = CandleCache.open(':memory:');
    candles = cleanCandles(BARS);
    // Half an hour into bar BARS: bars 0..BARS-1 are closed.
    port = new ScriptedCandlePort(candles, '1h', at(BARS) + HOUR_MS / 2);
  });
  afterEach(() => {
    cache.close();
  });

  const options = (extra: Partial<BackfillOptions> = {}): BackfillOptions => ({
    port,
    cache,
    symbol: 'BTC/USDT',
    timeframe: '1h',
    fromMs: at(0),
    toMs: at(BARS + 100),
    pageLimit: 1_000,
    retry: { attempts: 0, baseDelayMs: 1 },
    ...extra,
  });

  it('fetches a range page by page into the cache, exactly as served', async () => {
    const result = await backfillCandles(options());
    expect(result).toEqual({ ok: true, report: { requests: 3, fetchedBars: BARS, storedBars: BARS, plannedBars: BARS, holes: 1 } });
    expect(port.requests.map((request) => request.sinceMs)).toEqual([at(0), at(1_000), at(2_000)]);
    expect(cache.readCandles(KEY, at(0), at(BARS))).toEqual(candles);
  });

  it('makes zero requests when the range is already covered', async () => {
    await backfillCandles(options());
    port.requests.length = 0;
    const second = await backfillCandles(options());
    expect(second).toEqual({ ok: true, report: { requests: 0, fetchedBars: 0, storedBars: 0, plannedBars: 0, holes: 0 } });
    expect(port.requests).toEqual([]);
  });

  it('remembers real exchange gaps as covered, so they are asked for once and not forever', async () => {
    candles = candles.filter((_, i) => ![10, 11, 12, 1_500, 2_000].includes(i));
    port = new ScriptedCandlePort(candles, '1h', at(BARS) + HOUR_MS / 2);
    const first = await backfillCandles(options());
    expect(first.ok && first.report.fetchedBars).toBe(BARS - 5);
    const gaps = validateCandles(cache.readCandles(KEY, at(0), at(BARS)), '1h').filter((issue) => issue.kind === 'gap');
    expect(gaps.map((gap) => gap.missingBars)).toEqual([3, 1, 1]);
    port.requests.length = 0;
    expect((await backfillCandles(options())).ok).toBe(true);
    expect(port.requests).toEqual([]);
  });

  it('never stores the bar that is still forming', async () => {
    candles.push({ ...candles[BARS - 1]!, openTimeMs: at(BARS) });
    port = new ScriptedCandlePort(candles, '1h', at(BARS) + HOUR_MS / 2);
    await backfillCandles(options());
    expect(cache.latestOpenTimeMs(KEY)).toBe(at(BARS - 1));
  });

  it('stops on a failure with what it stored kept, and the next run resumes without duplicates or holes', async () => {
    port.failures.set(2, PERMANENT);
    const failed = await backfillCandles(options());
    expect(failed).toMatchObject({ ok: false, error: PERMANENT, report: { requests: 2, storedBars: 1_000 } });
    port.failures.clear();
    port.requests.length = 0;
    const resumed = await backfillCandles(options());
    expect(resumed).toMatchObject({ ok: true, report: { storedBars: BARS - 1_000 } });
    expect(port.requests[0]?.sinceMs).toBe(at(1_000));
    expect(cache.readCandles(KEY, at(0), at(BARS))).toEqual(candles);
  });

  it('retries a page after a passing failure, with backoff', async () => {
    port.failures.set(2, TRANSIENT);
    port.failures.set(3, TRANSIENT);
    const result = await backfillCandles(options({ retry: { attempts: 2, baseDelayMs: 1 } }));
    expect(result).toMatchObject({ ok: true, report: { requests: 5, storedBars: BARS } });
    expect(port.requests.map((request) => request.sinceMs)).toEqual([at(0), at(1_000), at(1_000), at(1_000), at(2_000)]);
  });

  it('gives up after the allowed retries and says so', async () => {
    for (const n of [2, 3, 4]) port.failures.set(n, TRANSIENT);
    const result = await backfillCandles(options({ retry: { attempts: 2, baseDelayMs: 1 } }));
    expect(result).toMatchObject({ ok: false, error: { code: 'EXCHANGE_UNAVAILABLE' }, report: { requests: 4, storedBars: 1_000 } });
  });

  it('reports progress for a progress bar: planned total, rising percent, ending at 100', async () => {
    const events: BackfillProgress[] = [];
    await backfillCandles(options({ onProgress: (progress) => events.push(progress) }));
    expect(events.map((event) => Math.round(event.percent))).toEqual([0, 40, 80, 100]);
    expect(events.map((event) => event.fetchedBars)).toEqual([0, 1_000, 2_000, BARS]);
    expect(events.every((event) => event.totalBars === BARS)).toBe(true);
    expect(events.map((event) => event.currentMs)).toEqual([at(0), at(1_000), at(2_000), at(BARS)]);
  });

  it('stops when cancelled between pages, keeping the pages already stored', async () => {
    const controller = new AbortController();
    const result = await backfillCandles(
      options({
        signal: controller.signal,
        onProgress: (progress) => {
          if (progress.fetchedBars >= 1_000) controller.abort();
        },
      }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' }, report: { requests: 1, storedBars: 1_000 } });
    expect(result.ok || result.error.message).toMatch(/next run continues/);
    expect(cache.countCandles(KEY, at(0), at(BARS))).toBe(1_000);
  });

  it('stops promptly when cancelled while a request is in flight, storing nothing from it', async () => {
    port.latencyMs = 400;
    const controller = new AbortController();
    setTimeout(() => {
      controller.abort();
    }, 50);
    const started = performance.now();
    const result = await backfillCandles(options({ signal: controller.signal }));
    expect(performance.now() - started).toBeLessThan(350);
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' }, report: { storedBars: 0 } });
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(cache.countCandles(KEY, at(0), at(BARS))).toBe(0);
  });

  it('makes no request at all when cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await backfillCandles(options({ signal: controller.signal }))).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(port.requests).toEqual([]);
  });

  it('fills only the holes of a partly cached range', async () => {
    cache.storeCandles(KEY, [...candles.slice(0, 1_000), ...candles.slice(1_500)]);
    const result = await backfillCandles(options());
    expect(port.requests.map((request) => request.sinceMs)).toEqual([at(1_000)]);
    expect(result).toMatchObject({ ok: true, report: { plannedBars: 500, storedBars: 500 } });
    expect(cache.readCandles(KEY, at(0), at(BARS))).toEqual(candles);
  });

  it('asks again for an empty answer about the latest bars, which may just not be published yet', async () => {
    port = new ScriptedCandlePort(candles.slice(0, 2_000), '1h', at(BARS) + HOUR_MS / 2);
    await backfillCandles(options());
    port.requests.length = 0;
    await backfillCandles(options());
    expect(port.requests.map((request) => request.sinceMs)).toEqual([at(BARS - 2)]);
  });

  it('refuses an exchange that answers with bars older than asked for instead of looping forever', async () => {
    port.ignoreSince = true;
    const result = await backfillCandles(options());
    expect(result).toMatchObject({ ok: false, error: { code: 'MALFORMED_RESPONSE' }, report: { requests: 2, storedBars: 1_000 } });
  });

  it('does nothing for a range that ends before it starts or lies in the future', async () => {
    expect(await backfillCandles(options({ fromMs: at(10), toMs: at(5) }))).toMatchObject({ ok: true, report: { requests: 0 } });
    expect(await backfillCandles(options({ fromMs: at(BARS + 5), toMs: at(BARS + 50) }))).toMatchObject({ ok: true, report: { requests: 0 } });
  });

  it('refuses nonsensical arguments', async () => {
    await expect(backfillCandles(options({ pageLimit: 0 }))).rejects.toThrow(/pageLimit/);
    await expect(backfillCandles(options({ fromMs: Number.NaN }))).rejects.toThrow(/fromMs/);
  });
});

describe('updateCandles', () => {
  it('fetches only the bars newer than the latest cached one', async () => {
    const cache = CandleCache.open(':memory:');
    const candles = cleanCandles(1_010);
    const port = new ScriptedCandlePort(candles, '1h', at(1_000) + 1);
    await backfillCandles({ port, cache, symbol: 'BTC/USDT', timeframe: '1h', fromMs: at(0), toMs: at(1_000), pageLimit: 1_000 });
    port.requests.length = 0;
    port.clockMs = at(1_010) + 1;
    const result = await updateCandles({ port, cache, symbol: 'BTC/USDT', timeframe: '1h', pageLimit: 1_000 });
    expect(result).toMatchObject({ ok: true, report: { requests: 1, storedBars: 10 } });
    expect(port.requests).toEqual([{ sinceMs: at(1_000), limit: 1_000 }]);
    expect(cache.readCandles(KEY, at(0), at(1_010))).toEqual(candles);
    cache.close();
  });

  it('needs a starting point when nothing is cached yet', async () => {
    const cache = CandleCache.open(':memory:');
    const port = new ScriptedCandlePort(cleanCandles(10), '1h', at(10) + 1);
    expect(await updateCandles({ port, cache, symbol: 'BTC/USDT', timeframe: '1h' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await updateCandles({ port, cache, symbol: 'BTC/USDT', timeframe: '1h', fromMsWhenEmpty: at(0) })).toMatchObject({ ok: true, report: { storedBars: 10 } });
    cache.close();
  });
});
