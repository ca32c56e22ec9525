import type { Candle, MarketInfo } from '../market/index.ts';
import { restingFillPrice, stopIsReached, stopTriggerPrice, takeFromBar, takerPrice, type Execution, type FillModel } from './fillModel.ts';
import { floorToStep, round8 } from './marketGrid.ts';
import { isOpen, remainingBase, type PaperLedger, type PaperOrder } from './paperLedger.ts';

export interface MatchingContext {
  readonly ledger: PaperLedger;
  readonly markets: ReadonlyMap<string, MarketInfo>;
  readonly model: FillModel;
}

/** Where an arriving order meets the market: the last closed bar's price and volume. */
export interface ArrivalMarket {
  readonly kind: 'bar';
  readonly referenceQuote: number;
  readonly barVolumeBase: number;
  readonly capBase: number;
}

function marketOf(context: MatchingContext, order: PaperOrder): MarketInfo {
  const market = context.markets.get(order.symbol);
  if (market === undefined) throw new Error(`paper order ${order.seq} is on ${order.symbol}, which has no market rules`);
  return market;
}

/** A buy never spends more quote than it locked: shrink the execution step by step until it fits. */
function affordable(order: PaperOrder, execution: Execution | undefined, reprice: (amountBase: number) => number, stepBase: number): Execution | undefined {
  if (execution === undefined || order.side === 'sell') return execution;
  let { amountBase, priceQuote } = execution;
  while (amountBase > 0 && round8(amountBase * priceQuote) > order.lockedRemaining) {
    amountBase = floorToStep(Math.min(amountBase - stepBase, order.lockedRemaining / priceQuote), stepBase);
    if (amountBase > 0) priceQuote = reprice(amountBase);
  }
  return amountBase > 0 ? { priceQuote, amountBase } : undefined;
}

/**
 * What an order takes the moment it arrives, planned without touching the ledger, so a market
 * buy can lock exactly what it will spend.
 */
export function planArrival(context: MatchingContext, order: PaperOrder, arrival: ArrivalMarket): Execution[] {
  const market = marketOf(context, order);
  const grid = market.precision;
  if (order.type === 'stop_limit' && !order.triggered && !stopIsReached(order.side, order.stopPriceQuote ?? 0, arrival.referenceQuote)) return [];
  const limit = order.type === 'market' ? undefined : (order.limitPriceQuote ?? undefined);
  const wanted = remainingBase(order);
  const { referenceQuote, barVolumeBase, capBase } = arrival;
  const execution = takeFromBar(order.side, referenceQuote, wanted, capBase, barVolumeBase, limit, context.model, grid);
  const reprice = (amountBase: number): number => takerPrice(order.side, referenceQuote, amountBase, barVolumeBase, context.model, grid);
  const fitted = order.lockedRemaining > 0 ? affordable(order, execution, reprice, grid.amountStepBase) : execution;
  return fitted === undefined ? [] : [fitted];
}

/**
 * The order reaches the matching engine: it takes what `planArrival` allows (as a taker), then a
 * market order ends (FILLED, or EXPIRED for the part that found no liquidity, as on Binance) and
 * a limit or stop order rests. Returns the base amount taken.
 */
export function arrive(context: MatchingContext, order: PaperOrder, arrival: ArrivalMarket, atMs: number): number {
  const { ledger } = context;
  order.active = true;
  ledger.touch(order, atMs);
  if (order.type === 'stop_limit' && !order.triggered) {
    if (!stopIsReached(order.side, order.stopPriceQuote ?? 0, arrival.referenceQuote)) return 0;
    order.triggered = true;
  }
  const executions = planArrival(context, order, arrival);
  const market = marketOf(context, order);
  for (const execution of executions) ledger.fill(order, market, execution, false, atMs);
  if (order.type === 'market') ledger.close(order, remainingBase(order) <= 0 ? 'FILLED' : 'EXPIRED', atMs);
  else ledger.settleAfterFills(order, atMs);
  return executions.reduce((sum, execution) => round8(sum + execution.amountBase), 0);
}

/**
 * One closed bar against the symbol's orders, oldest first, sharing the bar's volume share:
 * orders still travelling arrive at the bar's open, untriggered stops may trigger, resting limits
 * fill when the bar trades through them. Fills are stamped with the bar's close time.
 */
export function matchBar(context: MatchingContext, symbol: string, bar: Candle, intervalMs: number): void {
  const { ledger, model } = context;
  const closeMs = bar.openTimeMs + intervalMs;
  let budgetBase = model.volumeShare * bar.volumeBase;
  for (const order of ledger.openOrders(symbol)) {
    if (order.activeFromMs > bar.openTimeMs) continue;
    const market = marketOf(context, order);
    if (!order.active) {
      budgetBase -= arrive(context, order, { kind: 'bar', referenceQuote: bar.open, barVolumeBase: bar.volumeBase, capBase: budgetBase }, bar.openTimeMs);
      if (!isOpen(order)) continue;
    }
    if (order.type === 'stop_limit' && !order.triggered) {
      const triggerQuote = stopTriggerPrice(order.side, order.stopPriceQuote ?? 0, bar);
      if (triggerQuote === undefined) continue;
      order.triggered = true;
      ledger.touch(order, closeMs);
      const execution = takeFromBar(order.side, triggerQuote, remainingBase(order), budgetBase, bar.volumeBase, order.limitPriceQuote ?? undefined, model, market.precision);
      if (execution !== undefined) {
        ledger.fill(order, market, execution, false, closeMs);
        budgetBase -= execution.amountBase;
        ledger.settleAfterFills(order, closeMs);
      }
      // Inside the bar the order of prices is unknown: what is left rests from the next bar on.
      continue;
    }
    const priceQuote = restingFillPrice(order.side, order.limitPriceQuote ?? 0, bar, model);
    if (priceQuote === undefined) continue;
    const amountBase = floorToStep(Math.min(remainingBase(order), budgetBase), market.precision.amountStepBase);
    if (amountBase <= 0) continue;
    ledger.fill(order, market, { priceQuote, amountBase }, true, closeMs);
    budgetBase -= amountBase;
    ledger.settleAfterFills(order, closeMs);
  }
}
