import { TIMEFRAME_MS, barOpenTimeMs, type Candle, type Timeframe } from './candle.ts';
import type { CandleCache, CandleKey } from './candleCache.ts';
import { barsInHoles, type CandleHole } from './coverage.ts';
import { marketError, type MarketDataError, type MarketDataPort, type MarketResult } from './marketDataPort.ts';

export interface BackfillProgress {
  /** Bars received from the exchange so far in this run. */
  readonly fetchedBars: number;
  /** Bars this run expects to fetch: the holes in the cache (real exchange gaps make it an over-estimate). */
  readonly totalBars: number;
  /** 0–100, by time walked through the holes, so a gap in the data does not stall the bar. */
  readonly percent: number;
  /** Open time the next request starts from. */
  readonly currentMs: number;
  readonly requests: number;
}

export interface BackfillReport {
  readonly requests: number;
  readonly fetchedBars: number;
  /** Bars newly written to the cache. */
  readonly storedBars: number;
  readonly plannedBars: number;
  readonly holes: number;
}

export type BackfillResult =
  | { readonly ok: true; readonly report: BackfillReport }
  | { readonly ok: false; readonly error: MarketDataError; readonly report: BackfillReport };

export interface RetryPolicy {
  /** Extra attempts per page after a retryable failure (network, rate limit, maintenance). */
  readonly attempts: number;
  /** Wait before the first retry; doubles on each further one. */
  readonly baseDelayMs: number;
}

export interface BackfillOptions {
  readonly port: MarketDataPort;
  readonly cache: CandleCache;
  /** Cache key for the exchange; defaults to the port's exchange id. */
  readonly exchange?: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** First bar open time wanted (inclusive). */
  readonly fromMs: number;
  /** Bars opening before this time (exclusive); clamped to the last closed bar. */
  readonly toMs: number;
  readonly pageLimit?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: BackfillProgress) => void;
  readonly retry?: RetryPolicy;
  /**
   * An empty answer for the most recent bars may only mean the exchange has not published
   * them yet; ranges within this many intervals of now are never recorded as empty.
   */
  readonly settleIntervals?: number;
}

export const DEFAULT_PAGE_LIMIT = 1000;
export const DEFAULT_RETRY: RetryPolicy = { attempts: 2, baseDelayMs: 1000 };
const DEFAULT_SETTLE_INTERVALS = 2;

const CANCELLED: MarketDataError = {
  code: 'CANCELLED',
  message: 'Downloading price history was stopped. What was already downloaded is kept and the next run continues from there.',
  detail: 'aborted by signal',
  retryable: false,
};

/** Resolves with the request's result, or with CANCELLED as soon as the signal fires. */
function unlessAborted<T>(request: Promise<MarketResult<T>>, signal: AbortSignal | undefined): Promise<MarketResult<T>> {
  if (!signal) return request;
  if (signal.aborted) return Promise.resolve({ ok: false, error: CANCELLED });
  return new Promise((resolve) => {
    const onAbort = (): void => {
      resolve({ ok: false, error: CANCELLED });
    };
    signal.addEventListener('abort', onAbort, { once: true });
    request.then(
      (result) => {
        signal.removeEventListener('abort', onAbort);
        resolve(result);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        resolve(marketError('UNEXPECTED', 'Something unexpected went wrong while downloading price history.', String(error)));
      },
    );
  });
}

function sleep(delayMs: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, delayMs);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function checkArguments(options: BackfillOptions, pageLimit: number): void {
  if (!Number.isSafeInteger(options.fromMs) || !Number.isSafeInteger(options.toMs)) {
    throw new RangeError(`fromMs and toMs must be whole milliseconds, got ${options.fromMs} and ${options.toMs}.`);
  }
  if (!Number.isInteger(pageLimit) || pageLimit < 1) throw new RangeError(`pageLimit must be a whole number ≥ 1, got ${pageLimit}.`);
}

/**
 * Fills the cache with closed bars in [fromMs, toMs), asking the exchange only for the holes
 * the cache does not already cover. Each page is stored with the range it proves complete in
 * one transaction, so a run stopped by an error or a cancel loses nothing and the next run
 * resumes where it stopped; a range already covered costs zero requests. Bars the exchange
 * simply does not have (real outage gaps) are remembered as covered, so they are asked once.
 */
export async function backfillCandles(options: BackfillOptions): Promise<BackfillResult> {
  const { port, cache, symbol, timeframe, signal, onProgress } = options;
  const pageLimit = options.pageLimit ?? DEFAULT_PAGE_LIMIT;
  checkArguments(options, pageLimit);
  const retry = options.retry ?? DEFAULT_RETRY;
  const stepMs = TIMEFRAME_MS[timeframe];
  const key: CandleKey = { exchange: options.exchange ?? port.exchangeId, symbol, timeframe };

  const currentBarOpenMs = barOpenTimeMs(port.nowMs(), timeframe);
  const endMs = Math.min(Math.ceil(options.toMs / stepMs) * stepMs, currentBarOpenMs);
  const settledBeforeMs = currentBarOpenMs - (options.settleIntervals ?? DEFAULT_SETTLE_INTERVALS) * stepMs;
  const holes: CandleHole[] = endMs > options.fromMs ? cache.findHoles(key, options.fromMs, endMs) : [];
  const totalBars = barsInHoles(holes);

  let requests = 0;
  let fetchedBars = 0;
  let storedBars = 0;
  let walkedBars = 0;
  const report = (): BackfillReport => ({ requests, fetchedBars, storedBars, plannedBars: totalBars, holes: holes.length });
  const emit = (currentMs: number): void => {
    const percent = totalBars === 0 ? 100 : Math.min(100, (walkedBars / totalBars) * 100);
    onProgress?.({ fetchedBars, totalBars, percent, currentMs, requests });
  };

  async function fetchPage(sinceMs: number): Promise<MarketResult<Candle[]>> {
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) return { ok: false, error: CANCELLED };
      requests++;
      const page = await unlessAborted(port.fetchCandles(symbol, timeframe, sinceMs, pageLimit), signal);
      if (page.ok || !page.error.retryable || attempt >= retry.attempts) return page;
      await sleep(retry.baseDelayMs * 2 ** attempt, signal);
    }
  }

  emit(holes[0]?.fromMs ?? endMs);
  for (const hole of holes) {
    let sinceMs = hole.fromMs;
    while (sinceMs < hole.toMs) {
      const page = await fetchPage(sinceMs);
      if (!page.ok) return { ok: false, error: page.error, report: report() };
      const step = pageOutcome(page.value, sinceMs, hole.toMs, endMs, settledBeforeMs, stepMs);
      if (!step.ok) return { ok: false, error: step.error, report: report() };
      storedBars += cache.storePage(key, step.closed, { fromMs: sinceMs, toMs: step.coveredToMs });
      fetchedBars += step.closed.length;
      walkedBars += Math.max(0, (Math.min(step.nextSinceMs, hole.toMs) - sinceMs) / stepMs);
      sinceMs = step.nextSinceMs;
      emit(sinceMs);
      if (step.exhausted) break;
    }
  }
  return { ok: true, report: report() };
}

type PageOutcome =
  | { readonly ok: true; readonly closed: Candle[]; readonly coveredToMs: number; readonly nextSinceMs: number; readonly exhausted: boolean }
  | { readonly ok: false; readonly error: MarketDataError };

/**
 * What one page proves. The exchange returns its bars from `sinceMs` on in order, so every
 * slot up to the last bar it returned is settled: a missing bar there is a real gap. An empty
 * page means nothing exists from `sinceMs` to the hole's end, unless that is too recent to tell.
 */
function pageOutcome(page: readonly Candle[], sinceMs: number, holeToMs: number, endMs: number, settledBeforeMs: number, stepMs: number): PageOutcome {
  const last = page[page.length - 1];
  if (last === undefined) {
    const coveredToMs = Math.max(sinceMs, Math.min(holeToMs, settledBeforeMs));
    return { ok: true, closed: [], coveredToMs, nextSinceMs: holeToMs, exhausted: true };
  }
  if (last.openTimeMs < sinceMs) {
    return {
      ok: false,
      error: {
        code: 'MALFORMED_RESPONSE',
        message: 'The exchange answered with older price history than Ballast asked for, so the download was stopped.',
        detail: `asked for bars from ${sinceMs}, newest returned opens at ${last.openTimeMs}`,
        retryable: false,
      },
    };
  }
  const closed = page.filter((candle) => candle.openTimeMs >= sinceMs && candle.openTimeMs < endMs);
  const nextSinceMs = last.openTimeMs + stepMs;
  return { ok: true, closed, coveredToMs: Math.min(nextSinceMs, endMs), nextSinceMs, exhausted: false };
}

export interface UpdateOptions extends Omit<BackfillOptions, 'fromMs' | 'toMs'> {
  /** Where to start when the cache holds nothing yet for this market and timeframe. */
  readonly fromMsWhenEmpty?: number;
}

/** Fetches only the bars newer than the latest one in the cache, up to the last closed bar. */
export async function updateCandles(options: UpdateOptions): Promise<BackfillResult> {
  const stepMs = TIMEFRAME_MS[options.timeframe];
  const key: CandleKey = { exchange: options.exchange ?? options.port.exchangeId, symbol: options.symbol, timeframe: options.timeframe };
  const latestMs = options.cache.latestOpenTimeMs(key);
  const fromMs = latestMs === null ? options.fromMsWhenEmpty : latestMs + stepMs;
  if (fromMs === undefined) {
    const empty: BackfillReport = { requests: 0, fetchedBars: 0, storedBars: 0, plannedBars: 0, holes: 0 };
    const error: MarketDataError = {
      code: 'BAD_REQUEST',
      message: `There is no stored price history for ${options.symbol} yet; download the history first.`,
      detail: `cache empty for ${key.exchange} ${key.symbol} ${key.timeframe} and no fromMsWhenEmpty`,
      retryable: false,
    };
    return { ok: false, error, report: empty };
  }
  return backfillCandles({ ...options, fromMs, toMs: options.port.nowMs() + stepMs });
}
