import type { ExchangeCalls, ExecutionClock } from './exchangeCalls.ts';
import type { ExchangeOrder } from './exchangePort.ts';
import type { Order } from './order.ts';
import { refOf, type OrderLifecycle } from './orderLifecycle.ts';
import { isTerminal } from './orderStatus.ts';

export type CancelResult =
  /** The exchange's record shows the order closed (cancelled, or filled/expired before the cancel landed). */
  | { readonly confirmed: true; readonly order: Order }
  | { readonly confirmed: false; readonly order: Order; readonly reason: string };

export interface CancelDeps {
  readonly calls: ExchangeCalls;
  readonly clock: ExecutionClock;
  readonly lifecycle: OrderLifecycle;
}

const CANCEL_ROUNDS = 3;

/**
 * Idempotent cancel: cancelling a closed order confirms at once; an order whose status is not
 * known is found first (and, if it provably never reached the exchange, closed without sending
 * anything); "unknown order" from the exchange is checked by reading the order, because it is
 * also what an exchange answers for an order that has just filled.
 */
export async function cancelOrder(deps: CancelDeps, initial: Order): Promise<CancelResult> {
  const { calls, lifecycle } = deps;
  let order = initial;
  if (order.status === 'PENDING_SUBMIT' || order.status === 'UNKNOWN') {
    order = await lifecycle.resolve(order, { action: 'close', status: 'CANCELED', reason: 'cancelled before it reached the exchange' });
  }
  if (isTerminal(order.status)) return { confirmed: true, order };
  if (order.status === 'UNKNOWN') return { confirmed: false, order, reason: order.statusReason ?? 'the order status is unknown' };

  for (let round = 0; round < CANCEL_ROUNDS; round += 1) {
    const cancelled = await calls.withRetry('cancelOrder', order.clientOrderId, () => calls.port.cancelOrder(refOf(order)));
    if (cancelled.kind === 'ok') order = lifecycle.applyRecord(order, cancelled.value, 'cancelled');
    if (isTerminal(order.status)) return { confirmed: true, order };
    if (cancelled.kind !== 'ok' && cancelled.kind !== 'not_found' && cancelled.kind !== 'rejected') {
      return { confirmed: false, order, reason: `the cancel request failed (${cancelled.kind})` };
    }
    const read = await calls.withRetry('fetchOrder', order.clientOrderId, () => calls.port.fetchOrder(refOf(order)));
    if (read.kind === 'ok') {
      order = lifecycle.applyRecord(order, read.value, 'read_after_cancel');
      if (isTerminal(order.status)) {
        if (order.filledBase > 0) await lifecycle.syncFills(order);
        return { confirmed: true, order };
      }
    } else if (read.kind !== 'not_found') {
      return { confirmed: false, order, reason: `the order could not be read after cancelling (${read.kind})` };
    }
  }
  return { confirmed: false, order, reason: 'the exchange did not confirm the cancel' };
}

export interface CancelAllResult {
  /** True only when the exchange listed zero open orders for the scope afterwards. */
  readonly confirmed: boolean;
  readonly cancelled: readonly Order[];
  /** Orders the exchange may still have open, with why. */
  readonly unconfirmed: readonly { readonly symbol: string; readonly exchangeOrderId: string | null; readonly clientOrderId: string; readonly reason: string }[];
}

/** Cancels every open order the exchange lists for the scope (Ballast's and any others), then checks the list is empty. */
export async function cancelAllOrders(
  deps: CancelDeps,
  symbol: string | undefined,
  rowOf: (exchangeOrder: ExchangeOrder) => Order | undefined,
  journaledOpen: readonly Order[],
): Promise<CancelAllResult> {
  const { calls } = deps;
  const cancelled: Order[] = [];
  const unconfirmed: { symbol: string; exchangeOrderId: string | null; clientOrderId: string; reason: string }[] = [];
  for (const order of journaledOpen) {
    const result = await cancelOrder(deps, order);
    if (result.confirmed) cancelled.push(result.order);
    else unconfirmed.push({ symbol: order.symbol, exchangeOrderId: result.order.exchangeOrderId, clientOrderId: order.clientOrderId, reason: result.reason });
  }
  const listed = await calls.withRetry('fetchOpenOrders', symbol ?? null, () => calls.port.fetchOpenOrders(symbol));
  if (listed.kind !== 'ok') {
    return { confirmed: false, cancelled, unconfirmed: [...unconfirmed, { symbol: symbol ?? '*', exchangeOrderId: null, clientOrderId: '*', reason: `the open orders could not be read (${listed.kind})` }] };
  }
  const stillOpen: { symbol: string; exchangeOrderId: string | null; clientOrderId: string; reason: string }[] = [];
  for (const open of listed.value) {
    const row = rowOf(open);
    if (row !== undefined) {
      const result = await cancelOrder(deps, deps.lifecycle.applyRecord(row, open, 'listed_open'));
      if (result.confirmed) cancelled.push(result.order);
      else stillOpen.push({ symbol: open.symbol, exchangeOrderId: open.exchangeOrderId, clientOrderId: open.clientOrderId, reason: result.reason });
      continue;
    }
    // Not Ballast's (placed by hand): cancelled too, since the scope is "everything open".
    const foreign = await calls.withRetry('cancelOrder', open.clientOrderId, () => calls.port.cancelOrder({ symbol: open.symbol, exchangeOrderId: open.exchangeOrderId }));
    if (foreign.kind !== 'ok' || (foreign.value.status !== 'CANCELED' && foreign.value.status !== 'FILLED' && foreign.value.status !== 'EXPIRED')) {
      stillOpen.push({ symbol: open.symbol, exchangeOrderId: open.exchangeOrderId, clientOrderId: open.clientOrderId, reason: `cancel answered ${foreign.kind}` });
    }
  }
  const check = await calls.withRetry('fetchOpenOrders', symbol ?? null, () => calls.port.fetchOpenOrders(symbol));
  if (check.kind !== 'ok') {
    return { confirmed: false, cancelled, unconfirmed: [...unconfirmed, ...stillOpen, { symbol: symbol ?? '*', exchangeOrderId: null, clientOrderId: '*', reason: `the open orders could not be re-read (${check.kind})` }] };
  }
  const remaining = check.value.map((open) => ({ symbol: open.symbol, exchangeOrderId: open.exchangeOrderId, clientOrderId: open.clientOrderId, reason: 'still listed as open after cancelling' }));
  // An order whose status is unknown may exist even though no list shows it: it stays unconfirmed.
  const unknownStatus = unconfirmed.filter((item) => item.exchangeOrderId === null && !remaining.some((open) => open.clientOrderId === item.clientOrderId));
  const unresolved = [...remaining, ...unknownStatus];
  return { confirmed: unresolved.length === 0, cancelled, unconfirmed: unresolved };
}
