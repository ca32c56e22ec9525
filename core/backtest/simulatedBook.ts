import type { AssetBalance, ExchangeOrder, ExchangeOrderType, ExchangeTrade } from '../execution/index.ts';
import type { OrderSide } from '../risk/index.ts';
import type { MarketInfo } from '../market/index.ts';

/** An order as the simulated exchange keeps it. Mutable: it changes as it fills. */
export interface SimulatedOrder {
  readonly seq: number;
  readonly exchangeOrderId: string;
  readonly clientOrderId: string;
  readonly side: OrderSide;
  readonly type: ExchangeOrderType;
  readonly amountBase: number;
  readonly limitPriceQuote: number | null;
  readonly stopPriceQuote: number | null;
  readonly createdAtMs: number;
  /** The bar at whose open the order reaches the matching engine. */
  readonly arrivesAtBar: number;
  status: ExchangeOrder['status'];
  arrived: boolean;
  /** False only for a stop-limit order whose stop has not been reached yet. */
  triggered: boolean;
  filledBase: number;
  costQuote: number;
  feesQuote: number;
  /** Quote (buy) or base (sell) still set aside for the unfilled part. */
  lockedRemaining: number;
  updatedAtMs: number;
}

/** One execution, with what it cost beyond the price before spread and impact. */
export interface SimulatedFill {
  readonly trade: ExchangeTrade;
  readonly feeQuote: number;
  readonly slippageQuote: number;
  readonly isMaker: boolean;
}

export const isOpenOrder = (order: SimulatedOrder): boolean => order.status === 'OPEN' || order.status === 'PARTIALLY_FILLED';

/**
 * Balances, orders and fills of the simulated account, for one market. Fees are charged in the
 * quote currency on both sides (as common backtesters and several exchanges do), so a sell can
 * always sell exactly what a buy bought. Plain numbers in memory: nothing is written anywhere.
 */
export class SimulatedBook {
  readonly market: MarketInfo;
  readonly orders: SimulatedOrder[] = [];
  /** Open orders, oldest first. */
  open: SimulatedOrder[] = [];
  readonly fills: SimulatedFill[] = [];
  readonly #byClientId = new Map<string, SimulatedOrder>();
  quoteFree: number;
  quoteUsed = 0;
  baseFree = 0;
  baseUsed = 0;
  /** Bumped whenever a fill or a status change happens while matching a bar. */
  activity = 0;

  constructor(market: MarketInfo, startingQuote: number) {
    this.market = market;
    this.quoteFree = startingQuote;
  }

  byClientId(clientOrderId: string): SimulatedOrder | undefined {
    return this.#byClientId.get(clientOrderId);
  }

  bySeq(seq: number): SimulatedOrder | undefined {
    return this.orders[seq - 1];
  }

  /** Sets funds aside; false (and nothing changed) when the free balance is short. */
  lock(side: OrderSide, amount: number): boolean {
    if (side === 'buy') {
      if (amount > this.quoteFree) return false;
      this.quoteFree -= amount;
      this.quoteUsed += amount;
    } else {
      if (amount > this.baseFree) return false;
      this.baseFree -= amount;
      this.baseUsed += amount;
    }
    return true;
  }

  add(order: Omit<SimulatedOrder, 'seq' | 'exchangeOrderId'>): SimulatedOrder {
    const seq = this.orders.length + 1;
    // Written out field by field: every order gets the same shape, which keeps the fill path fast.
    const added: SimulatedOrder = {
      seq, exchangeOrderId: String(seq), clientOrderId: order.clientOrderId, side: order.side, type: order.type, amountBase: order.amountBase,
      limitPriceQuote: order.limitPriceQuote, stopPriceQuote: order.stopPriceQuote, createdAtMs: order.createdAtMs, arrivesAtBar: order.arrivesAtBar,
      status: order.status, arrived: order.arrived, triggered: order.triggered, filledBase: order.filledBase, costQuote: order.costQuote,
      feesQuote: order.feesQuote, lockedRemaining: order.lockedRemaining, updatedAtMs: order.updatedAtMs,
    };
    this.orders.push(added);
    this.open.push(added);
    this.#byClientId.set(added.clientOrderId, added);
    return added;
  }

  /** One execution: spends from the lock, credits what was received, charges the fee in quote. */
  fill(order: SimulatedOrder, priceQuote: number, amountBase: number, feeRate: number, referenceQuote: number, isMaker: boolean, atMs: number): void {
    const valueQuote = priceQuote * amountBase;
    const feeQuote = valueQuote * feeRate;
    if (order.side === 'buy') {
      const spent = valueQuote + feeQuote;
      const fromLock = Math.min(spent, order.lockedRemaining);
      order.lockedRemaining -= fromLock;
      this.quoteUsed -= fromLock;
      // A market buy's lock was sized at an earlier price: any excess comes from the free cash.
      this.quoteFree -= spent - fromLock;
      this.baseFree += amountBase;
    } else {
      order.lockedRemaining -= amountBase;
      this.baseUsed -= amountBase;
      this.quoteFree += valueQuote - feeQuote;
    }
    order.filledBase += amountBase;
    order.costQuote += valueQuote;
    order.feesQuote += feeQuote;
    order.updatedAtMs = atMs;
    order.status = order.filledBase >= order.amountBase * (1 - 1e-12) ? 'FILLED' : 'PARTIALLY_FILLED';
    const quote = this.market.quote;
    const trade: ExchangeTrade = {
      tradeId: String(this.fills.length + 1),
      exchangeOrderId: order.exchangeOrderId,
      clientOrderId: order.clientOrderId,
      symbol: this.market.symbol,
      side: order.side,
      priceQuote,
      amountBase,
      fee: { asset: quote, amount: feeQuote },
      atMs,
    };
    const slippageQuote = Math.abs(priceQuote - referenceQuote) * amountBase;
    this.fills.push({ trade, feeQuote, slippageQuote, isMaker });
    if (order.status === 'FILLED') this.close(order, 'FILLED', atMs);
    this.activity++;
  }

  /** Ends an order in a final status and gives back what it still had set aside. */
  close(order: SimulatedOrder, status: 'FILLED' | 'CANCELED' | 'EXPIRED', atMs: number): void {
    order.status = status;
    order.updatedAtMs = atMs;
    if (order.lockedRemaining > 0) {
      if (order.side === 'buy') {
        this.quoteUsed -= order.lockedRemaining;
        this.quoteFree += order.lockedRemaining;
      } else {
        this.baseUsed -= order.lockedRemaining;
        this.baseFree += order.lockedRemaining;
      }
      order.lockedRemaining = 0;
    }
    const index = this.open.indexOf(order);
    if (index >= 0) this.open.splice(index, 1);
    this.activity++;
  }

  balances(): Map<string, AssetBalance> {
    const { base, quote } = this.market;
    return new Map([
      [base, { asset: base, free: this.baseFree, used: this.baseUsed, total: this.baseFree + this.baseUsed }],
      [quote, { asset: quote, free: this.quoteFree, used: this.quoteUsed, total: this.quoteFree + this.quoteUsed }],
    ]);
  }

  /** Trades at or after `sinceMs` (all without it), oldest first: fills are in time order. */
  tradesSince(sinceMs: number | undefined): ExchangeTrade[] {
    const fills = this.fills;
    let low = 0;
    if (sinceMs !== undefined) {
      let high = fills.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((fills[middle] as SimulatedFill).trade.atMs < sinceMs) low = middle + 1;
        else high = middle;
      }
    }
    const trades: ExchangeTrade[] = [];
    for (let i = low; i < fills.length; i++) trades.push((fills[i] as SimulatedFill).trade);
    return trades;
  }

  view(order: SimulatedOrder): ExchangeOrder {
    return {
      exchangeOrderId: order.exchangeOrderId,
      clientOrderId: order.clientOrderId,
      symbol: this.market.symbol,
      side: order.side,
      type: order.type,
      status: order.status,
      amountBase: order.amountBase,
      filledBase: order.filledBase,
      averagePriceQuote: order.filledBase > 0 ? order.costQuote / order.filledBase : null,
      limitPriceQuote: order.limitPriceQuote,
      stopPriceQuote: order.stopPriceQuote,
      fees: order.feesQuote > 0 ? [{ asset: this.market.quote, amount: order.feesQuote }] : [],
      createdAtMs: order.createdAtMs,
      updatedAtMs: order.updatedAtMs,
    };
  }
}
