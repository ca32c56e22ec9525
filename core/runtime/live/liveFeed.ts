import {
  backfillCandles,
  checkStaleness,
  lastClosedBarOpenTimeMs,
  timeframeMs,
  validateCandles,
  type Candle,
  type CandleCache,
  type CandleIssue,
  type CandleKey,
  type MarketDataError,
  type MarketDataPort,
  type Timeframe,
} from '../../market/index.ts';
import { DEFAULT_TRIGGER_SETTINGS } from '../../risk/index.ts';

export interface LiveFeedOptions {
  readonly port: MarketDataPort;
  readonly cache: CandleCache;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** Bars of history before the first live bar: the strategy warms up on them and nothing is traded on them. */
  readonly historyBars: number;
}

export type FeedRead = { readonly ok: true; readonly bars: readonly Candle[] } | { readonly ok: false; readonly error: MarketDataError };

/** Bars held in memory: enough for every indicator and the volatility check's four weeks of 1h bars. */
const KEEP_BARS = 2_000;

/**
 * The live bot's candles: fetched from the exchange through the market layer's backfill into the
 * on-disk cache (so a restart asks only for what it misses), read back from the cache, and
 * validated with the same checks as every other feed. Only closed bars ever leave it.
 */
export class LiveFeed {
  readonly #options: LiveFeedOptions;
  readonly #key: CandleKey;
  readonly #stepMs: number;
  #bars: Candle[] = [];

  constructor(options: LiveFeedOptions) {
    this.#options = options;
    this.#key = { exchange: options.port.exchangeId, symbol: options.symbol, timeframe: options.timeframe };
    this.#stepMs = timeframeMs(options.timeframe);
  }

  get bars(): readonly Candle[] {
    return this.#bars;
  }

  /** The history the strategy warms up on (every bar closed by now, `historyBars` of them). */
  async history(): Promise<FeedRead> {
    const lastClosed = lastClosedBarOpenTimeMs(this.#options.port.nowMs(), this.#options.timeframe);
    const fromMs = lastClosed - (this.#options.historyBars - 1) * this.#stepMs;
    const filled = await this.#fill(fromMs);
    if (!filled.ok) return filled;
    this.#bars = this.#options.cache.readCandles(this.#key, fromMs, lastClosed + 1);
    return { ok: true, bars: this.#bars };
  }

  /** Bars that closed since the last read, oldest first (none when nothing new closed yet). */
  async poll(): Promise<FeedRead> {
    const lastHeld = this.#bars.at(-1)?.openTimeMs;
    if (lastHeld === undefined) return this.history();
    const fromMs = lastHeld + this.#stepMs;
    const lastClosed = lastClosedBarOpenTimeMs(this.#options.port.nowMs(), this.#options.timeframe);
    if (fromMs > lastClosed) return { ok: true, bars: [] };
    const filled = await this.#fill(fromMs);
    if (!filled.ok) return filled;
    const fresh = this.#options.cache.readCandles(this.#key, fromMs, lastClosed + 1);
    this.#bars.push(...fresh);
    if (this.#bars.length > KEEP_BARS) this.#bars = this.#bars.slice(-KEEP_BARS);
    return { ok: true, bars: fresh };
  }

  /**
   * What the data-feed trigger judges: gaps, outages and impossible bars among the recent bars
   * held, plus staleness against the wall clock (no new bar for too long means safe mode).
   */
  issues(wallNowMs: number): readonly CandleIssue[] {
    const recent = this.#bars.slice(-(DEFAULT_TRIGGER_SETTINGS.dataFeed.recentBars + 1));
    const issues: CandleIssue[] = [...validateCandles(recent, this.#options.timeframe)];
    const stale = checkStaleness(this.#bars.at(-1)?.openTimeMs ?? null, wallNowMs, this.#options.timeframe, DEFAULT_TRIGGER_SETTINGS.dataFeed.maxStaleIntervals, this.#bars.length - 1);
    if (stale !== null) issues.push(stale);
    return issues;
  }

  /** Whether a bar can be traded on: an impossible bar (high below low, a zero price) never is. */
  isImpossible(bar: Candle): boolean {
    return validateCandles([bar], this.#options.timeframe).some((issue) => issue.kind === 'impossible-bar');
  }

  #fill(fromMs: number): Promise<{ ok: true } | { ok: false; error: MarketDataError }> {
    const { port, cache, symbol, timeframe } = this.#options;
    return backfillCandles({ port, cache, symbol, timeframe, fromMs, toMs: port.nowMs(), retry: { attempts: 1, baseDelayMs: 500 } }).then((result) =>
      result.ok ? { ok: true as const } : { ok: false as const, error: result.error },
    );
  }
}
