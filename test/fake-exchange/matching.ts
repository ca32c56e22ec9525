import type { FakeAccount } from './account.ts';
import { totalAmountBase, totalCostQuote, walkLevels, type Execution, type Wanted } from './bookWalk.ts';
import { lastIndexOpenedBy } from './candles.ts';
import { floorToStep, round8, type ExactDecimal } from './decimals.ts';
import { checkOrderFilters } from './filters.ts';
import { isOpen, isWaitingForTrigger, remainingAmountBase, type FakeOrder, type OrderSide, type OrderStore, type OrderType, type TimeInForce } from './orders.ts';
import { firstTouchFraction, pathRange } from './pricePath.ts';
import { reject } from './rejections.ts';
import type { ReplayMarket, ReplayMarkets } from './replayMarkets.ts';

export interface FeeRates {
  maker: number;
  taker: number;
}

export interface MatchingOptions {
  fees: FeeRates;
  /** share of each candle's traded volume a resting order may fill (0..1) */
  volumeShare: number;
}

export const DEFAULT_MATCHING: MatchingOptions = { fees: { maker: 0.001, taker: 0.001 }, volumeShare: 0.1 };

export interface NewOrderRequest {
  symbolId: string;
  side: OrderSide;
  type: OrderType;
  timeInForce: TimeInForce;
  clientOrderId: string;
  price?: ExactDecimal | undefined;
  quantity?: ExactDecimal | undefined;
  quoteOrderQty?: ExactDecimal | undefined;
  /** STOP_LOSS_LIMIT only */
  stopPrice?: ExactDecimal | undefined;
}

/** Binance's trigger rule for STOP_LOSS_LIMIT: a sell triggers at or below its stop, a buy at or above. */
function stopIsReached(side: OrderSide, stopPriceQuote: number, priceQuote: number): boolean {
  return side === 'SELL' ? priceQuote <= stopPriceQuote : priceQuote >= stopPriceQuote;
}

/**
 * Executes orders against the synthetic book when they arrive (taker) and against the replayed
 * price path while they rest (maker), moving balances like Binance: the cost is locked when the
 * order is accepted and commission is taken from the asset received.
 */
export class MatchingEngine {
  readonly #markets: ReplayMarkets;
  readonly #account: FakeAccount;
  readonly #store: OrderStore;
  readonly #options: MatchingOptions;
  #processedUpToMs: number;

  constructor(markets: ReplayMarkets, account: FakeAccount, store: OrderStore, options: MatchingOptions, startMs: number) {
    this.#markets = markets;
    this.#account = account;
    this.#store = store;
    this.#options = options;
    this.#processedUpToMs = startMs;
  }

  /** `fillFractionCap` (a fault) limits how much may execute on arrival, to force a partial fill. */
  place(request: NewOrderRequest, atMs: number, fillFractionCap = 1): FakeOrder {
    const market = this.#markets.get(request.symbolId);
    const rules = market.rules;
    if (!rules.orderTypes.includes(request.type)) throw reject.unsupportedOrderCombination();
    if (this.#store.openOrders(request.symbolId).some((order) => order.clientOrderId === request.clientOrderId)) throw reject.duplicateOrder();
    const priceNowQuote = this.#markets.priceAt(request.symbolId, atMs);
    checkOrderFilters(rules, request, priceNowQuote);
    if (request.type === 'STOP_LOSS_LIMIT' && priceNowQuote !== undefined && stopIsReached(request.side, request.stopPrice?.value ?? 0, priceNowQuote)) {
      throw reject.stopWouldTriggerImmediately();
    }
    const mayRest = request.type !== 'MARKET' && request.timeInForce === 'GTC';
    if (mayRest && rules.maxNumOrders !== undefined && this.#store.openOrders(request.symbolId).length >= rules.maxNumOrders) {
      throw reject.filterFailure('MAX_NUM_ORDERS');
    }
    if (request.type === 'STOP_LOSS_LIMIT' && rules.maxNumAlgoOrders !== undefined) {
      const openStops = this.#store.openOrders(request.symbolId).filter((order) => order.type === 'STOP_LOSS_LIMIT').length;
      if (openStops >= rules.maxNumAlgoOrders) throw reject.filterFailure('MAX_NUM_ALGO_ORDERS');
    }
    const executions = request.type === 'STOP_LOSS_LIMIT' ? [] : this.#plannedExecutions(request, market, atMs, fillFractionCap);
    const lockAmount = this.#amountToLock(request, executions);
    const lockAsset = request.side === 'BUY' ? rules.quoteAsset : rules.baseAsset;
    if (!this.#account.lock(lockAsset, lockAmount)) throw reject.insufficientBalance();

    const order: FakeOrder = {
      orderId: this.#store.nextOrderId(),
      symbolId: request.symbolId,
      clientOrderId: request.clientOrderId,
      side: request.side,
      type: request.type,
      timeInForce: request.timeInForce,
      priceQuote: request.type === 'MARKET' ? 0 : (request.price?.value ?? 0),
      stopPriceQuote: request.stopPrice?.value ?? 0,
      workingSinceMs: request.type === 'STOP_LOSS_LIMIT' ? undefined : atMs,
      origAmountBase: request.quantity?.value ?? 0,
      origQuoteOrderQty: request.quoteOrderQty?.value ?? 0,
      executedAmountBase: 0,
      cumulativeQuote: 0,
      status: 'NEW',
      createdAtMs: atMs,
      updatedAtMs: atMs,
      lockedRemaining: lockAmount,
      fills: [],
    };
    this.#store.add(order);
    for (const execution of executions) this.#fill(order, market, execution, false, atMs);
    if (order.origAmountBase === 0) order.origAmountBase = order.executedAmountBase;
    const filled = order.executedAmountBase > 0 && remainingAmountBase(order) <= 0;
    order.status = filled ? 'FILLED' : !mayRest ? 'EXPIRED' : order.executedAmountBase > 0 ? 'PARTIALLY_FILLED' : 'NEW';
    this.#settleIfClosed(order, market);
    return order;
  }

  cancel(order: FakeOrder, atMs: number): void {
    if (!isOpen(order)) throw reject.unknownOrderOnCancel();
    order.status = 'CANCELED';
    order.updatedAtMs = atMs;
    this.#settleIfClosed(order, this.#markets.get(order.symbolId));
  }

  /** Replays every candle between the last processed time and `nowMs` against resting orders. */
  catchUpTo(nowMs: number): void {
    const fromMs = this.#processedUpToMs;
    if (nowMs <= fromMs) return;
    this.#processedUpToMs = nowMs;
    for (const symbolId of this.#store.symbolsWithOpenOrders()) {
      const market = this.#markets.get(symbolId);
      const series = market.series;
      for (let index = Math.max(lastIndexOpenedBy(series, fromMs), 0); index < series.length && series.openTimeMs[index]! < nowMs; index += 1) {
        const openMs = series.openTimeMs[index]!;
        const startMs = Math.max(fromMs, openMs);
        const endMs = Math.min(nowMs, openMs + series.intervalMs);
        if (endMs <= startMs) continue;
        const fromFraction = (startMs - openMs) / series.intervalMs;
        const toFraction = (endMs - openMs) / series.intervalMs;
        for (const order of this.#store.openOrders(symbolId)) {
          this.#matchDuringCandle(order, market, index, fromFraction, toFraction);
        }
      }
    }
  }

  /**
   * One open order against the part of candle `index` between two fractions. A stop order first
   * waits for the path to reach its stop; at that instant it becomes a limit order and takes what
   * the book offers up to its limit (Binance places the triggered order as a taker), and whatever
   * is left rests for the rest of the candle like any limit order.
   */
  #matchDuringCandle(order: FakeOrder, market: ReplayMarket, index: number, fromFraction: number, toFraction: number): void {
    const series = market.series;
    const openMs = series.openTimeMs[index]!;
    let restingFrom = fromFraction;
    if (isWaitingForTrigger(order)) {
      const touchedAt = firstTouchFraction(series, index, fromFraction, toFraction, order.stopPriceQuote, order.side === 'SELL' ? 'atOrBelow' : 'atOrAbove');
      if (touchedAt === undefined) return;
      const triggerMs = Math.round(openMs + touchedAt * series.intervalMs);
      order.workingSinceMs = triggerMs;
      order.updatedAtMs = triggerMs;
      this.#takeOnTrigger(order, market, triggerMs);
      restingFrom = touchedAt;
      if (!isOpen(order)) return;
    }
    const endMs = Math.round(openMs + toFraction * series.intervalMs);
    const range = pathRange(series, index, restingFrom, toFraction);
    const volumeAvailable = this.#options.volumeShare * series.volumeBase[index]! * (toFraction - restingFrom);
    // "Trades through": touching the limit is not enough to assume the queue ahead was filled.
    const tradedThrough = order.side === 'BUY' ? range.low < order.priceQuote : range.high > order.priceQuote;
    if (!tradedThrough) return;
    const amountBase = floorToStep(Math.min(remainingAmountBase(order), volumeAvailable), market.rules.lot.step);
    if (amountBase <= 0) return;
    this.#fill(order, market, { priceQuote: order.priceQuote, amountBase }, true, endMs);
    order.status = remainingAmountBase(order) <= 0 ? 'FILLED' : 'PARTIALLY_FILLED';
    this.#settleIfClosed(order, market);
  }

  #takeOnTrigger(order: FakeOrder, market: ReplayMarket, triggerMs: number): void {
    const book = this.#markets.bookAt(order.symbolId, triggerMs);
    const levels = order.side === 'BUY' ? book.asks : book.bids;
    const executions = walkLevels(levels, { amountBase: remainingAmountBase(order) }, order.side, market.rules.lot.step, order.priceQuote);
    for (const execution of executions) this.#fill(order, market, execution, false, triggerMs);
    if (executions.length === 0) return;
    order.status = remainingAmountBase(order) <= 0 ? 'FILLED' : 'PARTIALLY_FILLED';
    this.#settleIfClosed(order, market);
  }

  #plannedExecutions(request: NewOrderRequest, market: ReplayMarket, atMs: number, fillFractionCap: number): Execution[] {
    const book = this.#markets.bookAt(request.symbolId, atMs);
    const levels = request.side === 'BUY' ? book.asks : book.bids;
    const limitPrice = request.type === 'MARKET' ? undefined : request.price?.value;
    const best = levels[0];
    const crosses = best !== undefined && (limitPrice === undefined || (request.side === 'BUY' ? best.priceQuote <= limitPrice : best.priceQuote >= limitPrice));
    if (request.type === 'LIMIT_MAKER') {
      if (crosses) throw reject.wouldImmediatelyTake();
      return [];
    }
    const step = market.rules.lot.step;
    const cap = Math.min(Math.max(fillFractionCap, 0), 1);
    const wanted: Wanted =
      request.quantity !== undefined
        ? { amountBase: floorToStep(request.quantity.value * cap, step) }
        : { budgetQuote: round8((request.quoteOrderQty?.value ?? 0) * cap) };
    const executions = walkLevels(levels, wanted, request.side, step, limitPrice);
    const wantedAll = request.quantity === undefined || totalAmountBase(executions) >= request.quantity.value;
    return request.timeInForce === 'FOK' && !wantedAll ? [] : executions;
  }

  #amountToLock(request: NewOrderRequest, executions: readonly Execution[]): number {
    if (request.side === 'SELL') return request.quantity?.value ?? totalAmountBase(executions);
    if (request.type === 'MARKET') return totalCostQuote(executions);
    return round8((request.price?.value ?? 0) * (request.quantity?.value ?? 0));
  }

  #fill(order: FakeOrder, market: ReplayMarket, execution: Execution, isMaker: boolean, atMs: number): void {
    const { baseAsset, quoteAsset } = market.rules;
    const costQuote = round8(execution.priceQuote * execution.amountBase);
    const feeRate = isMaker ? this.#options.fees.maker : this.#options.fees.taker;
    const spent = order.side === 'BUY' ? costQuote : execution.amountBase;
    const received = order.side === 'BUY' ? execution.amountBase : costQuote;
    const commission = round8(received * feeRate);
    const commissionAsset = order.side === 'BUY' ? baseAsset : quoteAsset;
    this.#account.spendLocked(order.side === 'BUY' ? quoteAsset : baseAsset, spent);
    this.#account.credit(commissionAsset, received - commission);
    order.lockedRemaining = round8(order.lockedRemaining - spent);
    order.executedAmountBase = round8(order.executedAmountBase + execution.amountBase);
    order.cumulativeQuote = round8(order.cumulativeQuote + costQuote);
    order.updatedAtMs = atMs;
    this.#store.recordTrade(order, {
      tradeId: this.#store.nextTradeId(),
      orderId: order.orderId,
      symbolId: order.symbolId,
      side: order.side,
      priceQuote: execution.priceQuote,
      amountBase: execution.amountBase,
      costQuote,
      commission,
      commissionAsset,
      atMs,
      isMaker,
    });
  }

  /** A closed order gives back whatever it still has locked (unfilled part, price improvement). */
  #settleIfClosed(order: FakeOrder, market: ReplayMarket): void {
    if (!isOpen(order) && order.lockedRemaining > 0) {
      this.#account.unlock(order.side === 'BUY' ? market.rules.quoteAsset : market.rules.baseAsset, order.lockedRemaining);
      order.lockedRemaining = 0;
    }
    this.#store.refreshOpenState(order);
  }
}
