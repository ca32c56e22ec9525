import type { FakeAccount } from './account.ts';
import { totalAmountBase, totalCostQuote, walkLevels, type Execution, type Wanted } from './bookWalk.ts';
import { lastIndexOpenedBy } from './candles.ts';
import { floorToStep, round8, type ExactDecimal } from './decimals.ts';
import { checkOrderFilters } from './filters.ts';
import { isOpen, remainingAmountBase, type FakeOrder, type OrderSide, type OrderStore, type OrderType, type TimeInForce } from './orders.ts';
import { pathRange } from './pricePath.ts';
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
    checkOrderFilters(rules, request, this.#markets.priceAt(request.symbolId, atMs));
    const mayRest = request.type !== 'MARKET' && request.timeInForce === 'GTC';
    if (mayRest && rules.maxNumOrders !== undefined && this.#store.openOrders(request.symbolId).length >= rules.maxNumOrders) {
      throw reject.filterFailure('MAX_NUM_ORDERS');
    }
    const executions = this.#plannedExecutions(request, market, atMs, fillFractionCap);
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
        const range = pathRange(series, index, fromFraction, toFraction);
        const volumeAvailable = this.#options.volumeShare * series.volumeBase[index]! * (toFraction - fromFraction);
        for (const order of this.#store.openOrders(symbolId)) {
          // "Trades through": touching the limit is not enough to assume the queue ahead was filled.
          const tradedThrough = order.side === 'BUY' ? range.low < order.priceQuote : range.high > order.priceQuote;
          if (!tradedThrough) continue;
          const amountBase = floorToStep(Math.min(remainingAmountBase(order), volumeAvailable), market.rules.lot.step);
          if (amountBase <= 0) continue;
          this.#fill(order, market, { priceQuote: order.priceQuote, amountBase }, true, endMs);
          if (remainingAmountBase(order) <= 0) order.status = 'FILLED';
          else order.status = 'PARTIALLY_FILLED';
          this.#settleIfClosed(order, market);
        }
      }
    }
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
