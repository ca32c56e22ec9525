import type { MarketInfo } from '../../../../core/market/index.ts';
import type { AccountView, OpenOrderView, PositionView, SizedOrder } from '../../../../core/risk/index.ts';

interface RestingOrder extends OpenOrderView {
  readonly id: number;
  readonly limitPriceQuote: number;
}

/**
 * A spot account kept by hand for the property tests: cash, filled positions, resting orders
 * and the times orders were sent. Fills pay the taker fee in quote; nothing here calls the code
 * under test, so its numbers are an independent reference for the limits.
 */
export class AccountSimulator {
  cashQuote: number;
  readonly amounts = new Map<string, number>();
  readonly averages = new Map<string, number>();
  resting: RestingOrder[] = [];
  readonly orderTimesMs: number[] = [];
  readonly markets: ReadonlyMap<string, MarketInfo>;
  #nextId = 1;

  constructor(cashQuote: number, markets: ReadonlyMap<string, MarketInfo>) {
    this.cashQuote = cashQuote;
    this.markets = markets;
  }

  feeRate(symbol: string): number {
    const market = this.markets.get(symbol);
    return market ? Math.max(market.fees.makerRate, market.fees.takerRate) : 0;
  }

  equityQuote(mids: ReadonlyMap<string, number>): number {
    let equity = this.cashQuote;
    for (const [symbol, amount] of this.amounts) equity += amount * (mids.get(symbol) ?? 0);
    return equity;
  }

  /** Cash not promised to resting buys (the exchange locks it). */
  freeQuote(): number {
    let locked = 0;
    for (const order of this.resting) if (order.side === 'buy') locked += order.remainingBase * order.limitPriceQuote * (1 + this.feeRate(order.symbol));
    return Math.max(0, this.cashQuote - locked);
  }

  exposureQuote(mids: ReadonlyMap<string, number>): number {
    let total = 0;
    for (const [symbol, amount] of this.amounts) total += amount * (mids.get(symbol) ?? 0);
    for (const order of this.resting) if (order.side === 'buy') total += order.remainingBase * order.priceQuote;
    return total;
  }

  /** Markets holding more than dust, or with a resting buy. */
  openMarkets(mids: ReadonlyMap<string, number>, dustQuote: number): Set<string> {
    const open = new Set<string>();
    for (const [symbol, amount] of this.amounts) if (amount * (mids.get(symbol) ?? 0) >= dustQuote) open.add(symbol);
    for (const order of this.resting) if (order.side === 'buy') open.add(order.symbol);
    return open;
  }

  restingSells(symbol: string): number {
    let total = 0;
    for (const order of this.resting) if (order.symbol === symbol && order.side === 'sell') total += order.remainingBase;
    return total;
  }

  ordersSince(sinceMs: number): number {
    return this.orderTimesMs.filter((atMs) => atMs >= sinceMs).length;
  }

  view(mids: ReadonlyMap<string, number>, marks: { dayStartEquityQuote: number; highWaterMarkQuote: number }): AccountView {
    const positions: PositionView[] = [];
    for (const [symbol, amount] of this.amounts) {
      if (amount > 0) positions.push({ symbol, amountBase: amount, averageEntryQuote: this.averages.get(symbol) ?? 0, markPriceQuote: mids.get(symbol) ?? 0 });
    }
    return {
      quoteAsset: 'USDT',
      equityQuote: this.equityQuote(mids),
      freeQuote: this.freeQuote(),
      positions,
      openOrders: this.resting.map(({ symbol, side, purpose, remainingBase, priceQuote }) => ({ symbol, side, purpose, remainingBase, priceQuote })),
      dayStartEquityQuote: marks.dayStartEquityQuote,
      highWaterMarkQuote: marks.highWaterMarkQuote,
      orderTimesMs: [...this.orderTimesMs],
    };
  }

  /** Sends an approved order: market orders fill at once at `fillPriceQuote`, limit and stop orders rest. */
  submit(order: SizedOrder, atMs: number, sizedAtQuote: number, fillPriceQuote: number): void {
    this.orderTimesMs.push(atMs);
    if (order.type === 'market') {
      this.fill(order.symbol, order.side, order.amountBase, fillPriceQuote);
      return;
    }
    this.resting.push({
      id: this.#nextId++,
      symbol: order.symbol,
      side: order.side,
      purpose: order.purpose,
      remainingBase: order.amountBase,
      priceQuote: sizedAtQuote,
      limitPriceQuote: order.limitPriceQuote ?? sizedAtQuote,
    });
  }

  /** Fills `share` of a resting order (by position in the list) at its limit price. */
  fillResting(index: number, share: number): void {
    const order = this.resting[index];
    if (order === undefined) return;
    const step = this.markets.get(order.symbol)?.precision.amountStepBase ?? 0;
    const steps = Math.floor((order.remainingBase * share) / step);
    const amount = share >= 1 ? order.remainingBase : Math.min(order.remainingBase, Math.round(steps * step * 1e8) / 1e8);
    if (!(amount > 0)) return;
    this.fill(order.symbol, order.side, amount, order.limitPriceQuote);
    const remaining = Math.round((order.remainingBase - amount) * 1e8) / 1e8;
    this.resting = remaining > 0 ? this.resting.map((other) => (other.id === order.id ? { ...other, remainingBase: remaining } : other)) : this.resting.filter((other) => other.id !== order.id);
  }

  cancel(index: number): void {
    this.resting = this.resting.filter((_, i) => i !== index);
  }

  #round8 = (value: number): number => Math.round(value * 1e8) / 1e8;

  fill(symbol: string, side: 'buy' | 'sell', amount: number, priceQuote: number): void {
    const held = this.amounts.get(symbol) ?? 0;
    const fee = this.feeRate(symbol);
    if (side === 'buy') {
      this.cashQuote -= amount * priceQuote * (1 + fee);
      const total = this.#round8(held + amount);
      this.averages.set(symbol, ((this.averages.get(symbol) ?? 0) * held + priceQuote * amount) / total);
      this.amounts.set(symbol, total);
    } else {
      this.cashQuote += amount * priceQuote * (1 - fee);
      this.amounts.set(symbol, this.#round8(held - amount));
    }
  }
}
