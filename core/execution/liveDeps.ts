import type { MarketInfo } from '../market/index.ts';
import type { SizedOrder } from '../risk/index.ts';
import type { ExchangeCalls, ExecutionClock } from './exchangeCalls.ts';
import type { Order } from './order.ts';
import type { CancelResult } from './orderCancellation.ts';
import type { OrderJournal } from './orderJournal.ts';
import type { OrderLifecycle } from './orderLifecycle.ts';
import type { SubmitOptions, SubmitResult } from './submitResult.ts';
import type { ExecutionReadiness, ReconciliationReport } from './readiness.ts';
import type { ReconciliationReads } from './reconciliation.ts';
import type { ReconciliationCode } from './liveCodes.ts';

/** What live trading uses of one OrderManager: its journal, its exchange calls and its order paths. */
export interface LiveDeps {
  readonly store: Pick<OrderJournal, 'get' | 'all' | 'nonTerminal' | 'fills' | 'lastFillSeq' | 'recordedFilledBase' | 'recordEvent' | 'adopt' | 'byExchangeOrderId'>;
  readonly calls: ExchangeCalls;
  readonly clock: ExecutionClock;
  readonly lifecycle: OrderLifecycle;
  readonly supportsNativeStops: boolean;
  market(symbol: string): MarketInfo | undefined;
  /** Journals and sends an order without the READY check (protective orders must go out while reconciling). */
  place(order: SizedOrder, options: SubmitOptions, parentClientOrderId: string | null): Promise<SubmitResult>;
  /** The OrderManager's public submit (refused unless READY). */
  submit(order: SizedOrder, options: SubmitOptions): Promise<SubmitResult>;
  cancel(order: Order): Promise<CancelResult>;
  readiness(): ExecutionReadiness;
  /** The OrderManager's start-up reconciliation (it refuses to trade until it succeeds). */
  start(): Promise<ExecutionReadiness>;
  /** The open orders and balances the last successful `start()` read. */
  startReads(): ReconciliationReads | null;
  sync(): Promise<ReconciliationReport | null>;
  /** For exchanges without native stops: the stop Ballast watches itself (and its warning). */
  ensureClientSideStop(entry: Order): Promise<void>;
  /** Commits read answers still waiting for the journal. */
  flush(): void;
}

export interface LiveProtectionOptions {
  /** Orders may be priced at most this far from the current price: the risk limits' `priceBandBps`. */
  readonly priceBandBps: number;
  /** The current mid of a market, or undefined when Ballast has no fresh price: nothing is priced on a guess. */
  markPriceQuote(symbol: string): number | undefined;
  /** Limit price of a protective stop-limit, as a fraction below its trigger. Default 0.5 %. */
  readonly stopLimitSlippage?: number;
  /** Markets the bot trades: reconciliation reads their trades even where the journal has none yet. */
  readonly symbols?: readonly string[];
}

/** Parameters of a notice: numbers, names and ids only; the wording lives in messages.ts. */
export type NoticeParams = Readonly<Record<string, string | number | boolean | null>>;

export interface LiveNotice<C extends string = string> {
  readonly code: C;
  readonly params: NoticeParams;
}

/** Adds the market's coin (`asset`: BTC for BTC/USDT) to a notice's parameters, for the wording. */
export function withAsset<C extends string>(notice: LiveNotice<C>): LiveNotice<C> {
  const symbol = notice.params.symbol;
  if (typeof symbol !== 'string' || 'asset' in notice.params) return notice;
  const asset = symbol.split('/')[0] ?? symbol;
  return { code: notice.code, params: { ...notice.params, asset } };
}

/** A difference found, and whether it is explained (adopted as is) or not (safe mode until the person reviews it). */
export interface ReconciliationFinding extends LiveNotice<ReconciliationCode> {
  readonly explained: boolean;
}
