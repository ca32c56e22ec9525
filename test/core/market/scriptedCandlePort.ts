import {
  TIMEFRAME_MS,
  marketError,
  marketOk,
  type Candle,
  type MarketDataError,
  type MarketDataPort,
  type MarketResult,
  type Timeframe,
} from '../../../core/market/index.ts';

export interface CandleRequest {
  readonly sinceMs: number;
  readonly limit: number;
}

/**
 * A MarketDataPort serving candles from memory the way Binance does (bars opening at or after
 * `since`, at most `limit`, including the one still forming at `nowMs`), with scripted
 * failures. Backfill logic is unit-tested against it; the real ccxt path is tested against
 * the fake exchange.
 */
export class ScriptedCandlePort implements MarketDataPort {
  readonly exchangeId = 'scripted';
  readonly requests: CandleRequest[] = [];
  /** Request numbers (1-based) that fail with the given error. */
  readonly failures = new Map<number, MarketDataError>();
  /** Milliseconds each answer takes. */
  latencyMs = 0;
  /** Answer from the start of history whatever `since` says (a broken exchange). */
  ignoreSince = false;
  clockMs: number;
  private readonly candles: readonly Candle[];
  private readonly timeframe: Timeframe;

  constructor(candles: readonly Candle[], timeframe: Timeframe, nowMs: number) {
    this.candles = candles;
    this.timeframe = timeframe;
    this.clockMs = nowMs;
  }

  nowMs(): number {
    return this.clockMs;
  }

  async fetchCandles(_symbol: string, timeframe: Timeframe, sinceMs: number, limit: number): Promise<MarketResult<Candle[]>> {
    this.requests.push({ sinceMs, limit });
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const failure = this.failures.get(this.requests.length);
    if (failure) return { ok: false, error: failure };
    if (timeframe !== this.timeframe) return marketError('NOT_SUPPORTED', 'wrong timeframe', timeframe);
    const visible = this.candles.filter((candle) => candle.openTimeMs <= this.clockMs);
    const page = this.ignoreSince ? visible.slice(0, limit) : visible.filter((candle) => candle.openTimeMs >= sinceMs).slice(0, limit);
    return marketOk(page);
  }

  stepMs(): number {
    return TIMEFRAME_MS[this.timeframe];
  }

  fetchTime(): Promise<MarketResult<number>> {
    return Promise.resolve(marketOk(this.clockMs));
  }

  fetchMarkets(): never {
    throw new Error('not scripted');
  }

  fetchMarket(): never {
    throw new Error('not scripted');
  }

  fetchOrderBook(): never {
    throw new Error('not scripted');
  }

  fetchTicker(): never {
    throw new Error('not scripted');
  }
}

export const TRANSIENT: MarketDataError = { code: 'EXCHANGE_UNAVAILABLE', message: 'down', detail: 'scripted 503', retryable: true };
export const PERMANENT: MarketDataError = { code: 'EXCHANGE_ERROR', message: 'broken', detail: 'scripted error', retryable: false };
