/** Orders and trades as the fake exchange keeps them, and the indexes to find them fast. */
export type OrderSide = 'BUY' | 'SELL';
export type OrderType = 'LIMIT' | 'LIMIT_MAKER' | 'MARKET' | 'STOP_LOSS_LIMIT';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';
export type OrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED';

export interface FakeTrade {
  tradeId: number;
  orderId: number;
  symbolId: string;
  side: OrderSide;
  priceQuote: number;
  amountBase: number;
  costQuote: number;
  commission: number;
  commissionAsset: string;
  atMs: number;
  isMaker: boolean;
}

export interface FakeOrder {
  orderId: number;
  symbolId: string;
  clientOrderId: string;
  side: OrderSide;
  type: OrderType;
  timeInForce: TimeInForce;
  /** 0 for market orders, as Binance reports them */
  priceQuote: number;
  /** STOP_LOSS_LIMIT only (0 otherwise): the price that turns the order into a resting limit order */
  stopPriceQuote: number;
  /**
   * When a stop order's trigger was reached (Binance's `workingTime`; it reports `isWorking: false`
   * until then). Orders without a stop are working from the start.
   */
  workingSinceMs: number | undefined;
  /** 0 for a market order sized in quote (quoteOrderQty) until it executes */
  origAmountBase: number;
  origQuoteOrderQty: number;
  executedAmountBase: number;
  cumulativeQuote: number;
  status: OrderStatus;
  createdAtMs: number;
  updatedAtMs: number;
  /** what is still locked on the account for this order: quote for a buy, base for a sell */
  lockedRemaining: number;
  fills: FakeTrade[];
}

export function isOpen(order: FakeOrder): boolean {
  return order.status === 'NEW' || order.status === 'PARTIALLY_FILLED';
}

/** A stop order that has not triggered yet: it rests off the book and cannot fill. */
export function isWaitingForTrigger(order: FakeOrder): boolean {
  return order.type === 'STOP_LOSS_LIMIT' && order.workingSinceMs === undefined;
}

export function remainingAmountBase(order: FakeOrder): number {
  return Math.max(order.origAmountBase - order.executedAmountBase, 0);
}

export class OrderStore {
  readonly #byId = new Map<number, FakeOrder>();
  readonly #byClientId = new Map<string, FakeOrder[]>();
  readonly #openBySymbol = new Map<string, Set<FakeOrder>>();
  readonly #trades: FakeTrade[] = [];
  #nextOrderId = 10_000_001;
  #nextTradeId = 5_000_001;

  nextOrderId(): number {
    return this.#nextOrderId++;
  }

  nextTradeId(): number {
    return this.#nextTradeId++;
  }

  add(order: FakeOrder): void {
    this.#byId.set(order.orderId, order);
    const sameClientId = this.#byClientId.get(order.clientOrderId) ?? [];
    sameClientId.push(order);
    this.#byClientId.set(order.clientOrderId, sameClientId);
    this.refreshOpenState(order);
  }

  /** Call after any status change so the open-order index stays true. */
  refreshOpenState(order: FakeOrder): void {
    const open = this.#openBySymbol.get(order.symbolId) ?? new Set<FakeOrder>();
    if (isOpen(order)) open.add(order);
    else open.delete(order);
    this.#openBySymbol.set(order.symbolId, open);
  }

  recordTrade(order: FakeOrder, trade: FakeTrade): void {
    order.fills.push(trade);
    this.#trades.push(trade);
  }

  byId(orderId: number): FakeOrder | undefined {
    return this.#byId.get(orderId);
  }

  /** The newest order with this client id (Binance lets a client id be reused once the old order is closed). */
  byClientOrderId(clientOrderId: string): FakeOrder | undefined {
    return this.#byClientId.get(clientOrderId)?.at(-1);
  }

  openOrders(symbolId?: string): FakeOrder[] {
    const sets = symbolId === undefined ? [...this.#openBySymbol.values()] : [this.#openBySymbol.get(symbolId) ?? new Set<FakeOrder>()];
    return sets.flatMap((set) => [...set]).sort((a, b) => a.orderId - b.orderId);
  }

  symbolsWithOpenOrders(): string[] {
    return [...this.#openBySymbol].filter(([, set]) => set.size > 0).map(([symbolId]) => symbolId);
  }

  allOrders(): FakeOrder[] {
    return [...this.#byId.values()];
  }

  trades(): readonly FakeTrade[] {
    return this.#trades;
  }
}
