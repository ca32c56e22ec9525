import type { AssetBalance, ExchangeOrder, ExchangeOrderType, ExchangeTrade, FeePaid } from '../execution/index.ts';
import type { MarketInfo } from '../market/index.ts';
import type { OrderSide } from '../risk/index.ts';
import type { Execution } from './fillModel.ts';
import { round8 } from './marketGrid.ts';

export type PaperOrderStatus = ExchangeOrder['status'];

/** An order as the paper exchange keeps it (and stores it, one row per order). */
export interface PaperOrder {
  readonly seq: number;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: ExchangeOrderType;
  status: PaperOrderStatus;
  readonly amountBase: number;
  filledBase: number;
  costQuote: number;
  readonly limitPriceQuote: number | null;
  readonly stopPriceQuote: number | null;
  /** False only for a stop-limit order whose stop has not been reached yet. */
  triggered: boolean;
  /** Quote for a buy, base for a sell; given back when the order closes. */
  readonly lockedAsset: string;
  lockedRemaining: number;
  readonly createdAtMs: number;
  /** When the order reaches the matching engine: creation plus the simulated latency. */
  readonly activeFromMs: number;
  /** False while the order is still "on its way" (latency). */
  active: boolean;
  updatedAtMs: number;
}

export interface PaperFill {
  readonly seq: number;
  readonly orderSeq: number;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly priceQuote: number;
  readonly amountBase: number;
  readonly feeAsset: string;
  readonly feeAmount: number;
  readonly isMaker: boolean;
  readonly atMs: number;
}

export function isOpen(order: PaperOrder): boolean {
  return order.status === 'OPEN' || order.status === 'PARTIALLY_FILLED';
}

export function remainingBase(order: PaperOrder): number {
  return round8(order.amountBase - order.filledBase);
}

/**
 * The paper account in memory: balances (free and used), orders and fills, with Binance's
 * bookkeeping (cost locked when an order is accepted, commission taken from the asset received).
 * Every change marks what must be written, so the store saves exactly that in one transaction.
 */
export class PaperLedger {
  readonly #balances = new Map<string, { free: number; used: number }>();
  readonly #orders = new Map<number, PaperOrder>();
  readonly #byClientId = new Map<string, number[]>();
  readonly #fills: PaperFill[] = [];
  readonly #fillsByOrder = new Map<number, PaperFill[]>();
  nextOrderSeq = 1;
  nextFillSeq = 1;
  readonly dirtyAssets = new Set<string>();
  readonly dirtyOrders = new Set<number>();
  readonly newFills: PaperFill[] = [];

  setBalance(asset: string, free: number, used: number): void {
    this.#balances.set(asset, { free: round8(free), used: round8(used) });
    this.dirtyAssets.add(asset);
  }

  balance(asset: string): { free: number; used: number } {
    return { ...(this.#balances.get(asset) ?? { free: 0, used: 0 }) };
  }

  balances(): Map<string, AssetBalance> {
    const view = new Map<string, AssetBalance>();
    for (const [asset, { free, used }] of [...this.#balances].sort(([a], [b]) => a.localeCompare(b))) {
      view.set(asset, { asset, free, used, total: round8(free + used) });
    }
    return view;
  }

  /** Moves `amount` from free to used; false (and no change) when the free balance is short. */
  lock(asset: string, amount: number): boolean {
    const { free, used } = this.balance(asset);
    if (round8(free - amount) < 0) return false;
    this.setBalance(asset, free - amount, used + amount);
    return true;
  }

  addOrder(order: PaperOrder): void {
    this.#orders.set(order.seq, order);
    this.#byClientId.set(order.clientOrderId, [...(this.#byClientId.get(order.clientOrderId) ?? []), order.seq]);
    this.nextOrderSeq = Math.max(this.nextOrderSeq, order.seq + 1);
    this.dirtyOrders.add(order.seq);
  }

  /** For loading stored fills; live fills go through `fill`. */
  addFill(fill: PaperFill): void {
    this.#fills.push(fill);
    this.#fillsByOrder.set(fill.orderSeq, [...(this.#fillsByOrder.get(fill.orderSeq) ?? []), fill]);
    this.nextFillSeq = Math.max(this.nextFillSeq, fill.seq + 1);
  }

  order(seq: number): PaperOrder | undefined {
    return this.#orders.get(seq);
  }

  /** The newest order with this client id (a client id may be reused once its order is closed). */
  orderByClientId(clientOrderId: string): PaperOrder | undefined {
    const seq = this.#byClientId.get(clientOrderId)?.at(-1);
    return seq === undefined ? undefined : this.#orders.get(seq);
  }

  openOrders(symbol?: string): PaperOrder[] {
    return [...this.#orders.values()].filter((order) => isOpen(order) && (symbol === undefined || order.symbol === symbol)).sort((a, b) => a.seq - b.seq);
  }

  allOrders(): PaperOrder[] {
    return [...this.#orders.values()].sort((a, b) => a.seq - b.seq);
  }

  fills(): readonly PaperFill[] {
    return this.#fills;
  }

  fillsOf(orderSeq: number): readonly PaperFill[] {
    return this.#fillsByOrder.get(orderSeq) ?? [];
  }

  touch(order: PaperOrder, atMs: number): void {
    order.updatedAtMs = Math.max(order.updatedAtMs, atMs);
    this.dirtyOrders.add(order.seq);
  }

  /** One execution: spends from the order's lock, credits what was received minus the fee. */
  fill(order: PaperOrder, market: MarketInfo, execution: Execution, isMaker: boolean, atMs: number): PaperFill {
    const costQuote = round8(execution.priceQuote * execution.amountBase);
    const received = order.side === 'buy' ? execution.amountBase : costQuote;
    const receivedAsset = order.side === 'buy' ? market.base : market.quote;
    const spent = order.side === 'buy' ? costQuote : execution.amountBase;
    const feeAmount = round8(received * (isMaker ? market.fees.makerRate : market.fees.takerRate));
    const locked = this.balance(order.lockedAsset);
    this.setBalance(order.lockedAsset, locked.free, Math.max(locked.used - spent, 0));
    const credited = this.balance(receivedAsset);
    this.setBalance(receivedAsset, credited.free + received - feeAmount, credited.used);
    order.lockedRemaining = Math.max(round8(order.lockedRemaining - spent), 0);
    order.filledBase = round8(order.filledBase + execution.amountBase);
    order.costQuote = round8(order.costQuote + costQuote);
    this.touch(order, atMs);
    const fill: PaperFill = {
      seq: this.nextFillSeq,
      orderSeq: order.seq,
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      priceQuote: execution.priceQuote,
      amountBase: execution.amountBase,
      feeAsset: receivedAsset,
      feeAmount,
      isMaker,
      atMs,
    };
    this.addFill(fill);
    this.newFills.push(fill);
    return fill;
  }

  /** Ends an order in a final status and gives back what it still had locked. */
  close(order: PaperOrder, status: Exclude<PaperOrderStatus, 'OPEN' | 'PARTIALLY_FILLED'>, atMs: number): void {
    order.status = status;
    if (order.lockedRemaining > 0) {
      const locked = this.balance(order.lockedAsset);
      this.setBalance(order.lockedAsset, locked.free + order.lockedRemaining, Math.max(locked.used - order.lockedRemaining, 0));
      order.lockedRemaining = 0;
    }
    this.touch(order, atMs);
  }

  /** After fills on an order that may keep resting: FILLED when nothing is left, else partially filled. */
  settleAfterFills(order: PaperOrder, atMs: number): void {
    if (remainingBase(order) <= 0) this.close(order, 'FILLED', atMs);
    else if (order.filledBase > 0) {
      order.status = 'PARTIALLY_FILLED';
      this.touch(order, atMs);
    }
  }

  clearDirty(): void {
    this.dirtyAssets.clear();
    this.dirtyOrders.clear();
    this.newFills.length = 0;
  }
}

export function exchangeOrderId(order: PaperOrder): string {
  return String(order.seq);
}

export function orderView(order: PaperOrder, fills: readonly PaperFill[]): ExchangeOrder {
  const byAsset = new Map<string, number>();
  for (const fill of fills) if (fill.feeAmount > 0) byAsset.set(fill.feeAsset, round8((byAsset.get(fill.feeAsset) ?? 0) + fill.feeAmount));
  const fees: FeePaid[] = [...byAsset].map(([asset, amount]) => ({ asset, amount }));
  return {
    exchangeOrderId: exchangeOrderId(order),
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    status: order.status,
    amountBase: order.amountBase,
    filledBase: order.filledBase,
    averagePriceQuote: order.filledBase > 0 ? round8(order.costQuote / order.filledBase) : null,
    limitPriceQuote: order.limitPriceQuote,
    stopPriceQuote: order.stopPriceQuote,
    fees,
    createdAtMs: order.createdAtMs,
    updatedAtMs: order.updatedAtMs,
  };
}

export function tradeView(fill: PaperFill): ExchangeTrade {
  return {
    tradeId: String(fill.seq),
    exchangeOrderId: String(fill.orderSeq),
    clientOrderId: fill.clientOrderId,
    symbol: fill.symbol,
    side: fill.side,
    priceQuote: fill.priceQuote,
    amountBase: fill.amountBase,
    fee: { asset: fill.feeAsset, amount: fill.feeAmount },
    atMs: fill.atMs,
  };
}
