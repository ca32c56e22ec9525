import { REJECTION_CODES, type ExchangeOutcome, type OrderRequest } from '../execution/index.ts';
import { stopIsReached } from './fillModel.ts';
import { checkMarketFilters, checkRequestShape } from './marketFilters.ts';
import { round8 } from './marketGrid.ts';
import { isOpen, type PaperOrder } from './paperLedger.ts';
import { arrive, planArrival, type ArrivalMarket, type MatchingContext } from './paperMatching.ts';
import { ok, rejected, unknownSymbol } from './paperOutcomes.ts';

/**
 * A market buy still travelling (latency) cannot know its price yet; it locks this much above
 * the current price, and at arrival buys no more than the lock pays for.
 */
export const PENDING_MARKET_BUY_LOCK_MARGIN = 0.05;

export interface OrderEntry {
  readonly context: MatchingContext;
  readonly nowMs: number;
  /** Arrival time at the matching engine: now plus the simulated latency. */
  readonly activeFromMs: number;
  /** The market the order meets now; undefined when latency makes it arrive at a later bar. */
  readonly arrival: ArrivalMarket | undefined;
  /** The current price, for NOTIONAL on market orders and for the stop trigger check. */
  readonly referenceQuote: number;
}

/**
 * Accepts or refuses a new order the way Binance does, in Binance's order of checks: request
 * shape, market, duplicate client id among open orders, filters, a stop already reached, then
 * the balance (the cost is locked at once). An accepted order arrives now or later.
 */
export function enterOrder(entry: OrderEntry, request: OrderRequest): ExchangeOutcome<PaperOrder> {
  const shape = checkRequestShape(request);
  if (!shape.ok) return rejected(shape.error.reason, shape.error.exchangeCode);
  const { ledger, markets } = entry.context;
  const market = markets.get(request.symbol);
  if (market === undefined) return unknownSymbol(request.symbol);
  const existing = ledger.orderByClientId(request.clientOrderId);
  if (existing !== undefined && isOpen(existing)) {
    return rejected(
      `An open paper order already uses the order id ${request.clientOrderId}, so a second one was not placed (Duplicate order sent.).`,
      REJECTION_CODES.duplicateClientOrderId,
    );
  }
  const filters = checkMarketFilters(market, request, entry.referenceQuote);
  if (!filters.ok) return rejected(filters.error.reason, filters.error.exchangeCode);
  if (request.type === 'stop_limit' && stopIsReached(request.side, request.stopPriceQuote ?? 0, entry.referenceQuote)) {
    return rejected(
      `The price (${entry.referenceQuote} ${market.quote}) has already reached the stop price ${request.stopPriceQuote} ${market.quote}, so the stop would trigger at once.`,
      REJECTION_CODES.stopWouldTriggerImmediately,
    );
  }

  const order: PaperOrder = {
    seq: ledger.nextOrderSeq,
    clientOrderId: request.clientOrderId,
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    status: 'OPEN',
    amountBase: request.amountBase,
    filledBase: 0,
    costQuote: 0,
    limitPriceQuote: request.limitPriceQuote ?? null,
    stopPriceQuote: request.stopPriceQuote ?? null,
    triggered: request.type !== 'stop_limit',
    lockedAsset: request.side === 'buy' ? market.quote : market.base,
    lockedRemaining: 0,
    createdAtMs: entry.nowMs,
    activeFromMs: entry.activeFromMs,
    active: false,
    updatedAtMs: entry.nowMs,
  };
  const lockAmount = amountToLock(entry, order);
  if (!ledger.lock(order.lockedAsset, lockAmount)) {
    const free = ledger.balance(order.lockedAsset).free;
    return rejected(
      `The paper account has ${free} ${order.lockedAsset} free, and this order needs ${lockAmount} ${order.lockedAsset} (Account has insufficient balance for requested action.).`,
      REJECTION_CODES.insufficientBalance,
    );
  }
  order.lockedRemaining = lockAmount;
  ledger.addOrder(order);
  if (entry.arrival !== undefined) arrive(entry.context, order, entry.arrival, entry.nowMs);
  return ok(order);
}

function amountToLock(entry: OrderEntry, order: PaperOrder): number {
  if (order.side === 'sell') return order.amountBase;
  if (order.type !== 'market') return round8((order.limitPriceQuote ?? 0) * order.amountBase);
  if (entry.arrival === undefined) return round8(order.amountBase * entry.referenceQuote * (1 + PENDING_MARKET_BUY_LOCK_MARGIN));
  // Arriving now: lock exactly what the planned executions cost.
  return round8(planArrival(entry.context, order, entry.arrival).reduce((sum, execution) => sum + round8(execution.priceQuote * execution.amountBase), 0));
}
