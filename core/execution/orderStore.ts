import type { Fill, Order } from './order.ts';

/** The fields an order event may change; the rest of a row is fixed when it is journaled. */
export type OrderPatch = Partial<
  Pick<Order, 'status' | 'exchangeOrderId' | 'filledBase' | 'averagePriceQuote' | 'fees' | 'statusReason' | 'confirmedByExchange' | 'exchangeCreatedAtMs' | 'submitAttempts'>
>;

/** The balances the exchange showed at a reconciliation, and how many fills the store held then. */
export interface BalanceSnapshot {
  readonly fillSeq: number;
  readonly balances: Readonly<Record<string, number>>;
}

/**
 * Where the OrderManager keeps orders, fills and their audit trail. Two implementations: the
 * journal's SQLite file (`OrderJournal`, durable, for paper and live) and memory
 * (`InMemoryOrderStore`, for a backtest, which replays history and has nothing to recover).
 * Every method the order flow uses is here, so the flow cannot tell them apart.
 */
export interface OrderStore {
  /** Runs `fn` as one unit: in the journal one durable transaction, nested calls join it. */
  atomically<T>(fn: () => T): T;
  /** Commits read answers still waiting; the OrderManager calls it at the end of every operation. */
  flush(): void;
  /** Records a new order (normally PENDING_SUBMIT) with its audit event. Throws if the intent already has one. */
  insert(order: Order, details: Record<string, unknown>): Order;
  /** Applies `patch`, records the audit event `event`, and returns the order as it now is. */
  update(current: Order, patch: OrderPatch, atMs: number, event: string, details?: Record<string, unknown>): Order;
  /** An order found on the exchange with no record of its own. */
  adopt(order: Order, details: Record<string, unknown>): Order;
  get(clientOrderId: string): Order | undefined;
  byIntentId(intentId: string): Order | undefined;
  byExchangeOrderId(symbol: string, exchangeOrderId: string): Order | undefined;
  /** Orders not in a final status, oldest first. */
  nonTerminal(): Order[];
  /** Every order, oldest first. */
  all(): Order[];
  childrenOf(parentClientOrderId: string): Order[];
  /** Orders whose recorded fills fall short of what the exchange says they filled. */
  withMissingFills(): Order[];
  /** Records the fills not yet known (by symbol and trade id) with a 'fill' audit event each; returns those. */
  insertFills(fills: readonly Fill[], atMs: number): Fill[];
  fillsOf(clientOrderId: string): Fill[];
  recordedFilledBase(clientOrderId: string): number;
  /** Fills after the `afterSeq`-th one, oldest first. */
  fills(afterSeq?: number): Fill[];
  lastFillSeq(): number;
  /** An exchange answer about an order (or a call without one, subject null), for the audit trail. */
  recordResponse(subject: string | null, atMs: number, payload: Record<string, unknown>): void;
  recordEvent(kind: 'order' | 'system' | 'alert', subject: string | null, atMs: number, payload: Record<string, unknown>): void;
  /** Client-side stops still watched, oldest first. */
  activeClientStops(): ClientSideStop[];
  /** Starts (or, while still active, resizes) the client-side stop of an entry, with its audit event. */
  registerClientStop(stop: ClientSideStop, atMs: number): void;
  /** Stops watching a client-side stop that triggered, with its audit event. */
  deactivateClientStop(stop: ClientSideStop, atMs: number, priceQuote: number): void;
  lastBalanceSnapshot(): BalanceSnapshot | undefined;
  /** Saves the balances read now, with the audit event listing what did not add up. */
  recordBalanceSnapshot(atMs: number, balances: Readonly<Record<string, number>>, discrepancies: readonly unknown[]): void;
}

/** A stop Ballast watches itself, because the exchange has no native stop orders. */
export interface ClientSideStop {
  readonly entryClientOrderId: string;
  readonly symbol: string;
  readonly amountBase: number;
  readonly stopPriceQuote: number;
  readonly reason: string;
}
