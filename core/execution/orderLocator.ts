import type { ExchangeCalls, ExecutionClock } from './exchangeCalls.ts';
import type { ExchangeOrder, OrderRef } from './exchangePort.ts';
import type { Order } from './order.ts';

export type LocateResult =
  | { readonly kind: 'found'; readonly order: ExchangeOrder; readonly via: 'lookup' | 'second_lookup' | 'open_orders' | 'trades' }
  /** Every check answered and none knows the order: only now may it be sent again (same client id). */
  | { readonly kind: 'absent'; readonly checks: readonly string[] }
  /** A check could not be completed: the order may exist. Never treated as "no order". */
  | { readonly kind: 'undetermined'; readonly reason: string };

export interface LocateContext {
  readonly calls: ExchangeCalls;
  readonly clock: ExecutionClock;
  /** Pause between the two lookups, so a lagging exchange replica can catch up. */
  readonly requeryDelayMs: number;
  /** Whether the journal already knows which order an exchange order id belongs to. */
  isKnownExchangeOrderId(symbol: string, exchangeOrderId: string): boolean;
  /** Whether the journal has an order with this client id (then it is never "someone else's"). */
  isJournaledClientOrderId(clientOrderId: string): boolean;
  /** Exchange order ids already looked up and found to belong to someone else (manual orders). */
  readonly foreignExchangeOrderIds: Set<string>;
  /** Open orders fetched after the order's request went out, if the caller has them already. */
  readonly openOrders?: readonly ExchangeOrder[];
}

/** Trades on orders the journal cannot name, looked up one by one; more than this and absence is not proven. */
const MAX_UNNAMED_ORDERS = 25;

function refOf(order: Order): OrderRef {
  return order.exchangeOrderId === null
    ? { symbol: order.symbol, clientOrderId: order.clientOrderId }
    : { symbol: order.symbol, exchangeOrderId: order.exchangeOrderId, clientOrderId: order.clientOrderId };
}

/**
 * Finds an order after a request about it ended without a clear answer. A single "not found"
 * is never final (an exchange's order index can lag its matching engine): the order is looked up,
 * looked up again, then searched for in the open orders and in the account's trades, where any
 * trade on an order the journal cannot name is looked up by its exchange id. Only when every one
 * of those answers and none knows the order is it `absent`. Any failed check is `undetermined`.
 */
export async function locateOrder(context: LocateContext, order: Order): Promise<LocateResult> {
  const { calls } = context;
  const subject = order.clientOrderId;
  const first = await calls.withRetry('fetchOrder', subject, () => calls.port.fetchOrder(refOf(order)));
  if (first.kind === 'ok') return { kind: 'found', order: first.value, via: 'lookup' };
  if (first.kind !== 'not_found') return { kind: 'undetermined', reason: `looking the order up failed (${first.kind})` };

  await context.clock.sleep(context.requeryDelayMs);
  const second = await calls.withRetry('fetchOrder', subject, () => calls.port.fetchOrder({ symbol: order.symbol, clientOrderId: order.clientOrderId }));
  if (second.kind === 'ok') return { kind: 'found', order: second.value, via: 'second_lookup' };
  if (second.kind !== 'not_found') return { kind: 'undetermined', reason: `the second lookup failed (${second.kind})` };

  let open = context.openOrders;
  if (open === undefined) {
    const fetched = await calls.withRetry('fetchOpenOrders', subject, () => calls.port.fetchOpenOrders(order.symbol));
    if (fetched.kind !== 'ok') return { kind: 'undetermined', reason: `reading the open orders failed (${fetched.kind})` };
    open = fetched.value;
  }
  const openMatch = open.find((candidate) => candidate.clientOrderId === order.clientOrderId && candidate.symbol === order.symbol);
  if (openMatch !== undefined) return { kind: 'found', order: openMatch, via: 'open_orders' };

  const viaTrades = await searchTrades(context, order);
  if (viaTrades !== null) return viaTrades;
  return { kind: 'absent', checks: ['lookup: not found', 'second lookup: not found', 'open orders: not listed', 'trades: none on this order'] };
}

async function searchTrades(context: LocateContext, order: Order): Promise<LocateResult | null> {
  const { calls } = context;
  const subject = order.clientOrderId;
  // Without an exchange time for the order, ask for the most recent trades: the order is recent.
  const sinceMs = order.exchangeCreatedAtMs ?? undefined;
  const trades = await calls.withRetry('fetchMyTrades', subject, () => calls.port.fetchMyTrades(order.symbol, sinceMs));
  if (trades.kind !== 'ok') return { kind: 'undetermined', reason: `reading the trade history failed (${trades.kind})` };
  const unnamed = new Set<string>();
  for (const trade of trades.value) {
    const ours = trade.clientOrderId === order.clientOrderId || (order.exchangeOrderId !== null && trade.exchangeOrderId === order.exchangeOrderId);
    if (ours) unnamed.add(trade.exchangeOrderId);
    else if (trade.clientOrderId === null && !context.isKnownExchangeOrderId(trade.symbol, trade.exchangeOrderId) && !context.foreignExchangeOrderIds.has(trade.exchangeOrderId)) {
      unnamed.add(trade.exchangeOrderId);
    }
  }
  if (unnamed.size > MAX_UNNAMED_ORDERS) return { kind: 'undetermined', reason: `${unnamed.size} recent trades belong to orders Ballast cannot name` };
  for (const exchangeOrderId of unnamed) {
    const found = await calls.withRetry('fetchOrder', subject, () => calls.port.fetchOrder({ symbol: order.symbol, exchangeOrderId }));
    if (found.kind !== 'ok') return { kind: 'undetermined', reason: `a trade's order ${exchangeOrderId} could not be read (${found.kind})` };
    if (found.value.clientOrderId === order.clientOrderId) return { kind: 'found', order: found.value, via: 'trades' };
    if (!context.isJournaledClientOrderId(found.value.clientOrderId)) context.foreignExchangeOrderIds.add(exchangeOrderId);
  }
  return null;
}
