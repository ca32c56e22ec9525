import type { Journal } from '../journal/index.ts';
import type { Logger } from '../log/index.ts';
import type { Candle, MarketInfo, Timeframe } from '../market/index.ts';
import type { FillModel } from './fillModel.ts';

/** A replay: bars of a series (given whole, or pushed with `onCandle`) on a clock the runtime moves. */
export interface PaperReplayFeed {
  readonly kind: 'replay';
  readonly timeframe: Timeframe;
  /** Market time where a new account starts; a reopened account continues where it stopped. */
  readonly startAtMs: number;
  readonly candles?: Readonly<Record<string, readonly Candle[]>>;
}

export interface PaperExchangeOptions {
  /** The journal whose SQLite file keeps the paper account (':memory:' for throwaway runs). */
  readonly journal: Journal;
  /** Several paper accounts can share one file; default 'paper'. */
  readonly accountId?: string;
  /** The trading rules of every market the account trades. */
  readonly markets: readonly MarketInfo[];
  /** Balances of a new account; a reopened account keeps its own. */
  readonly initialBalances: Readonly<Record<string, number>>;
  readonly feed: PaperReplayFeed;
  readonly fillModel?: Partial<FillModel>;
  /** Simulated time between sending an order and the engine seeing it (default 0). */
  readonly latencyMs?: number;
  /** Extra latency drawn per order from the seed, 0..jitter ms (default 0). */
  readonly latencyJitterMs?: number;
  readonly seed?: number;
  readonly logger?: Logger;
}
