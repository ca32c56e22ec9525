import {
  REJECTION_CODES,
  roundToTick,
  type AssetBalance,
  type ExchangeOrder,
  type ExchangeOutcome,
  type ExchangePort,
  type ExchangeTrade,
  type OrderRef,
  type OrderRequest,
} from '../execution/index.ts';
import type { MarketInfo } from '../market/index.ts';
import { checkMarketFilters, checkRequestShape, restingFillPrice, stopIsReached, stopTriggerPrice, takeFromBar, type FillModel } from '../paper/index.ts';
import { roundAmountDown, type OrderSide } from '../risk/index.ts';
import type { BacktestBars } from './backtestBars.ts';
import { paperFillModelOf, type SimulatedFillModel } from './fillModels.ts';
import { isOpenOrder, SimulatedBook, type SimulatedFill, type SimulatedOrder } from './simulatedBook.ts';

/** A market buy that reaches the market later locks this much above the current price (as on the paper exchange). */
const MARKET_BUY_LOCK_MARGIN = 0.05;

/** Where in the bar the engine stands: decisions at an open (next-open), at a close, or after the last bar. */
export type BarPhase = 'open' | 'close' | 'final';

/** What the engine needs of an exchange beyond the `ExchangePort` the OrderManager talks to. */
export interface BacktestVenue extends ExchangePort {
  /** The engine moves the exchange to a point of a bar; orders created there take their price from it. */
  moveTo(bar: number, phase: BarPhase): void;
  /** Bar `bar` closed: orders still travelling arrive at its open, resting ones meet its prices. */
  matchBar(bar: number): void;
  /** False when no order rests or travels: the engine then skips matching the bar. */
  hasOpenOrders(): boolean;
  /** Changes made while matching bars (fills, expiries), so the engine knows when to sync. */
  activity(): number;
  /** What trading cost so far: fees, slippage (fill price against the price before spread and impact) and traded value, in quote. */
  costs(): { readonly feesQuote: number; readonly slippageQuote: number; readonly turnoverQuote: number };
}

export interface VenueInput {
  readonly market: MarketInfo;
  readonly bars: BacktestBars;
  readonly startingQuote: number;
  readonly model: SimulatedFillModel;
  readonly nowMs: () => number;
}

export interface SimulatedExchange extends BacktestVenue {
  readonly book: SimulatedBook;
  fills(): readonly SimulatedFill[];
}

const ok = <T>(value: T): ExchangeOutcome<T> => ({ kind: 'ok', value });
const rejected = (reason: string, exchangeCode: string): ExchangeOutcome<never> => ({ kind: 'rejected', reason, exchangeCode });

/**
 * The backtest's `ExchangePort`: a lean, in-memory exchange over the history's bars. It answers
 * like the real one (same refusals, same order records), so the OrderManager runs unchanged;
 * prices come from the fill model (see fillModels.ts), the clock from the engine.
 */
export function createSimulatedExchange(options: VenueInput): SimulatedExchange {
  const { market, bars, model } = options;
  const book = new SimulatedBook(market, options.startingQuote);
  const markets: ReadonlyMap<string, MarketInfo> = new Map([[market.symbol, market]]);
  const paperModel: FillModel = paperFillModelOf(model);
  const grid = market.precision;
  const { takerFeeRate, makerFeeRate } = model.costs;
  const realistic = model.name === 'realistic';
  let bar = 0;
  let phase: BarPhase = 'close';

  const referenceNow = (): number => (phase === 'open' ? (bars.open[bar] as number) : (bars.close[bar] as number));
  // Orders arrive on the lot grid; only what is left after a partial fill needs rounding.
  const remainingOf = (order: SimulatedOrder): number => (order.filledBase === 0 ? order.amountBase : roundAmountDown(market, order.amountBase - order.filledBase));

  /** next-open taker price: the reference moved by the slippage against the trader, on the tick. */
  function slippedPrice(side: OrderSide, referenceQuote: number): number {
    const slippage = model.costs.slippage;
    if (slippage === 0) return referenceQuote;
    return roundToTick(referenceQuote * (side === 'buy' ? 1 + slippage : 1 - slippage), grid.priceTickQuote, side === 'buy' ? 'up' : 'down');
  }

  /** A buy never spends more than it set aside: shrink until it fits. */
  function affordable(order: SimulatedOrder, priceQuote: number, amountBase: number): number {
    if (order.side === 'sell' || order.type !== 'market') return amountBase;
    const budget = order.lockedRemaining + book.quoteFree;
    if (amountBase * priceQuote * (1 + takerFeeRate) <= budget) return amountBase;
    return roundAmountDown(market, budget / (priceQuote * (1 + takerFeeRate)));
  }

  /** Takes liquidity at `referenceQuote`; returns the base amount filled. */
  function take(order: SimulatedOrder, referenceQuote: number, barIndex: number, budgetBase: number, atMs: number): number {
    const wanted = remainingOf(order);
    if (wanted <= 0) return 0;
    const limit = order.type === 'market' ? undefined : (order.limitPriceQuote ?? undefined);
    let priceQuote: number;
    let amountBase: number;
    if (realistic) {
      const execution = takeFromBar(order.side, referenceQuote, wanted, budgetBase, bars.volumeBase[barIndex] as number, limit, paperModel, grid);
      if (execution === undefined) return 0;
      ({ priceQuote, amountBase } = execution);
    } else {
      priceQuote = slippedPrice(order.side, referenceQuote);
      if (limit !== undefined && (order.side === 'buy' ? priceQuote > limit : priceQuote < limit)) return 0;
      amountBase = wanted;
    }
    amountBase = affordable(order, priceQuote, amountBase);
    if (amountBase <= 0) return 0;
    book.fill(order, priceQuote, amountBase, takerFeeRate, referenceQuote, false, atMs);
    return amountBase;
  }

  /** The order reaches the market at `referenceQuote`: a stop may trigger, then it takes what it can; a market order ends. */
  function arrive(order: SimulatedOrder, referenceQuote: number, barIndex: number, budgetBase: number, atMs: number): number {
    order.arrived = true;
    if (order.type === 'stop_limit' && !order.triggered) {
      if (!stopIsReached(order.side, order.stopPriceQuote ?? 0, referenceQuote)) return 0;
      order.triggered = true;
    }
    const filled = take(order, referenceQuote, barIndex, budgetBase, atMs);
    // As on the exchange: what a market order could not get expires.
    if (order.type === 'market' && isOpenOrder(order)) book.close(order, 'EXPIRED', atMs);
    return filled;
  }

  function matchBar(barIndex: number): void {
    if (book.open.length === 0) return;
    const openMs = bars.timeMs[barIndex] as number;
    const closeMs = openMs + bars.intervalMs;
    const candle = bars.candleAt(barIndex);
    let budgetBase = realistic ? model.volumeShare * (bars.volumeBase[barIndex] as number) : Number.POSITIVE_INFINITY;
    for (const order of book.open.slice()) {
      if (order.arrivesAtBar > barIndex) continue;
      if (!order.arrived) {
        budgetBase -= arrive(order, candle.open, barIndex, budgetBase, openMs);
        if (!isOpenOrder(order)) continue;
      }
      if (order.type === 'stop_limit' && !order.triggered) {
        const triggerQuote = stopTriggerPrice(order.side, order.stopPriceQuote ?? 0, candle);
        if (triggerQuote === undefined) continue;
        order.triggered = true;
        // Inside the bar the order of prices is unknown: what is left rests from the next bar on.
        budgetBase -= take(order, triggerQuote, barIndex, budgetBase, closeMs);
        continue;
      }
      const priceQuote = restingFillPrice(order.side, order.limitPriceQuote ?? 0, candle, paperModel);
      if (priceQuote === undefined) continue;
      const amountBase = roundAmountDown(market, Math.min(remainingOf(order), budgetBase));
      if (amountBase <= 0) continue;
      book.fill(order, priceQuote, amountBase, makerFeeRate, priceQuote, true, closeMs);
      budgetBase -= amountBase;
    }
  }

  function lockFor(request: OrderRequest, referenceQuote: number, immediate: boolean): number {
    if (request.side === 'sell') return request.amountBase;
    const feeRate = Math.max(takerFeeRate, makerFeeRate);
    if (request.type !== 'market') return request.amountBase * (request.limitPriceQuote ?? 0) * (1 + feeRate);
    if (immediate) return request.amountBase * slippedPriceOrModel(referenceQuote, request.amountBase) * (1 + takerFeeRate);
    return request.amountBase * referenceQuote * (1 + MARKET_BUY_LOCK_MARGIN) * (1 + takerFeeRate);
  }

  /** What a market buy arriving now pays per unit (for the lock). */
  function slippedPriceOrModel(referenceQuote: number, amountBase: number): number {
    if (!realistic) return slippedPrice('buy', referenceQuote);
    const volume = bars.volumeBase[bar] as number;
    const execution = takeFromBar('buy', referenceQuote, amountBase, Number.POSITIVE_INFINITY, volume, undefined, paperModel, grid);
    return execution?.priceQuote ?? referenceQuote;
  }

  function createOrder(request: OrderRequest): ExchangeOutcome<ExchangeOrder> {
    const shape = checkRequestShape(request);
    if (!shape.ok) return rejected(shape.error.reason, shape.error.exchangeCode);
    if (request.symbol !== market.symbol) return rejected(`The simulated exchange has no market ${request.symbol}.`, REJECTION_CODES.unknownSymbol);
    const existing = book.byClientId(request.clientOrderId);
    if (existing !== undefined && isOpenOrder(existing)) return rejected('An open order already uses this client order id (Duplicate order sent.).', REJECTION_CODES.duplicateClientOrderId);
    const referenceQuote = referenceNow();
    const filters = checkMarketFilters(market, request, referenceQuote);
    if (!filters.ok) return rejected(filters.error.reason, filters.error.exchangeCode);
    if (request.type === 'stop_limit' && stopIsReached(request.side, request.stopPriceQuote ?? 0, referenceQuote)) {
      return rejected(`The price (${referenceQuote}) has already reached the stop price ${String(request.stopPriceQuote)}.`, REJECTION_CODES.stopWouldTriggerImmediately);
    }
    // Decided at an open (next-open) or after the last bar: the order meets the market now.
    // Decided at a close: it reaches the market at the next bar's open.
    const immediate = phase !== 'close';
    const wantedLock = lockFor(request, referenceQuote, immediate);
    const free = request.side === 'buy' ? book.quoteFree : book.baseFree;
    // A market buy that arrives later may set aside less than its margin, never less than its cost at today's price.
    const leastNeeded = request.side === 'buy' && request.type === 'market' && !immediate ? request.amountBase * referenceQuote * (1 + takerFeeRate) : wantedLock;
    if (leastNeeded > free) {
      const asset = request.side === 'buy' ? market.quote : market.base;
      return rejected(`The simulated account has ${free} ${asset} free, and this order needs ${leastNeeded} ${asset} (Account has insufficient balance for requested action.).`, REJECTION_CODES.insufficientBalance);
    }
    const locked = Math.min(wantedLock, free);
    book.lock(request.side, locked);
    const nowMs = options.nowMs();
    const order = book.add({
      clientOrderId: request.clientOrderId, side: request.side, type: request.type, amountBase: request.amountBase,
      limitPriceQuote: request.limitPriceQuote ?? null, stopPriceQuote: request.stopPriceQuote ?? null, createdAtMs: nowMs,
      arrivesAtBar: immediate ? bar : bar + 1, status: 'OPEN', arrived: false, triggered: request.type !== 'stop_limit',
      filledBase: 0, costQuote: 0, feesQuote: 0, lockedRemaining: locked, updatedAtMs: nowMs,
    });
    if (immediate) {
      const budget = realistic ? model.volumeShare * (bars.volumeBase[bar] as number) : Number.POSITIVE_INFINITY;
      arrive(order, referenceQuote, bar, budget, nowMs);
    }
    return ok(book.view(order));
  }

  function find(ref: OrderRef): ExchangeOutcome<SimulatedOrder> {
    if (ref.symbol !== market.symbol) return rejected(`The simulated exchange has no market ${ref.symbol}.`, REJECTION_CODES.unknownSymbol);
    const order = ref.exchangeOrderId !== undefined ? book.bySeq(Number(ref.exchangeOrderId)) : book.byClientId(ref.clientOrderId);
    if (order === undefined || (ref.clientOrderId !== undefined && order.clientOrderId !== ref.clientOrderId)) {
      return { kind: 'not_found', detail: 'simulated exchange: no such order (Order does not exist.)' };
    }
    return ok(order);
  }

  return {
    id: 'backtest',
    // Stop orders rest on the simulated exchange like on a real one.
    supportsNativeStops: true,
    book,
    moveTo(barIndex, at) {
      bar = barIndex;
      phase = at;
    },
    matchBar,
    hasOpenOrders: () => book.open.length > 0,
    activity: () => book.activity,
    costs() {
      let feesQuote = 0;
      let slippageQuote = 0;
      let turnoverQuote = 0;
      for (const fill of book.fills) {
        feesQuote += fill.feeQuote;
        slippageQuote += fill.slippageQuote;
        turnoverQuote += fill.trade.priceQuote * fill.trade.amountBase;
      }
      return { feesQuote, slippageQuote, turnoverQuote };
    },
    fills: () => book.fills,
    loadMarkets: () => Promise.resolve(ok(markets)),
    fetchBalances: () => Promise.resolve(ok<ReadonlyMap<string, AssetBalance>>(book.balances())),
    createOrder: (request) => Promise.resolve(createOrder(request)),
    cancelOrder(ref) {
      const found = find(ref);
      if (found.kind !== 'ok') return Promise.resolve(found);
      const order = found.value;
      if (!isOpenOrder(order)) return Promise.resolve({ kind: 'not_found', detail: `simulated exchange: order ${order.exchangeOrderId} is already ${order.status} (Unknown order sent.)` });
      book.close(order, 'CANCELED', options.nowMs());
      return Promise.resolve(ok(book.view(order)));
    },
    fetchOrder(ref) {
      const found = find(ref);
      return Promise.resolve(found.kind === 'ok' ? ok(book.view(found.value)) : found);
    },
    fetchOpenOrders(symbol) {
      if (symbol !== undefined && symbol !== market.symbol) return Promise.resolve(rejected(`The simulated exchange has no market ${symbol}.`, REJECTION_CODES.unknownSymbol));
      return Promise.resolve(ok(book.open.map((order) => book.view(order))));
    },
    fetchMyTrades(symbol, sinceMs) {
      if (symbol !== market.symbol) return Promise.resolve(rejected(`The simulated exchange has no market ${symbol}.`, REJECTION_CODES.unknownSymbol));
      return Promise.resolve(ok<readonly ExchangeTrade[]>(book.tradesSince(sinceMs === undefined ? undefined : sinceMs - bars.intervalMs).filter((trade) => sinceMs === undefined || trade.atMs >= sinceMs)));
    },
  };
}
