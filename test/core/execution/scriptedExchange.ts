import type { MarketInfo } from '../../../core/market/index.ts';
import type {
  AssetBalance,
  ExchangeOrder,
  ExchangeOutcome,
  ExchangePort,
  ExchangeTrade,
  OrderRef,
  OrderRequest,
} from '../../../core/execution/index.ts';

export const BTC_USDT: MarketInfo = {
  exchange: 'scripted',
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  active: true,
  precision: { amountStepBase: 0.00001, amountDecimals: 5, priceTickQuote: 0.01, priceDecimals: 2 },
  limits: { minAmountBase: 0.00001, maxAmountBase: 9000, minNotionalQuote: 5 },
  fees: { makerRate: 0.001, takerRate: 0.001 },
};

type CallName = 'loadMarkets' | 'fetchBalances' | 'createOrder' | 'cancelOrder' | 'fetchOrder' | 'fetchOpenOrders' | 'fetchMyTrades';

/** What a scripted call does instead of (or on top of) its normal behaviour. */
export type Scripted =
  /** create: the order IS placed, the answer is lost */
  | 'lost_after_accept'
  /** create: nothing placed, no answer */
  | 'lost_before_accept'
  | 'not_found'
  | 'unavailable'
  | 'duplicate'
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'rejected'; reason: string }
  /** create: place, fill this fraction now */
  | { kind: 'partial'; fraction: number };

export interface CallRecord {
  readonly call: CallName;
  readonly atMs: number;
  readonly clientOrderId?: string;
  readonly exchangeOrderId?: string;
}

interface StoredOrder {
  order: ExchangeOrder;
}

/**
 * An in-process ExchangePort for unit tests: keeps orders, trades and balances like a spot
 * exchange (Binance's rule: a client id is unique among open orders only), and runs a script of
 * faults per call so each rule of the OrderManager can be driven exactly.
 */
export class ScriptedExchange implements ExchangePort {
  readonly id = 'scripted';
  supportsNativeStops: boolean;
  readonly calls: CallRecord[] = [];
  readonly #scripts = new Map<CallName, Scripted[]>();
  readonly #orders: StoredOrder[] = [];
  readonly #trades: ExchangeTrade[] = [];
  readonly #balances = new Map<string, number>([['USDT', 100_000], ['BTC', 0]]);
  #nextOrderId = 1000;
  #nextTradeId = 1;
  priceQuote = 50_000;
  /** Exchange clock, deliberately far from the bot's clock. */
  exchangeNowMs = 1_600_000_000_000;
  /** Called at the start of every call (lets a test look at the journal while a request is "in flight"). */
  onCall: (call: CallName, detail: { request?: OrderRequest; ref?: OrderRef }) => void = () => undefined;
  /** The bot clock, to timestamp call records. */
  nowMs: () => number = () => 0;
  markets: ReadonlyMap<string, MarketInfo> = new Map([[BTC_USDT.symbol, BTC_USDT]]);

  constructor(options: { supportsNativeStops?: boolean } = {}) {
    this.supportsNativeStops = options.supportsNativeStops ?? true;
  }

  script(call: CallName, ...steps: Scripted[]): void {
    this.#scripts.set(call, [...(this.#scripts.get(call) ?? []), ...steps]);
  }

  /** Every future call of this kind answers `step` until `clearScripts`. */
  always(call: CallName, step: Scripted): void {
    this.#scripts.set(call, Array.from({ length: 10_000 }, () => step));
  }

  clearScripts(): void {
    this.#scripts.clear();
  }

  callsOf(call: CallName): CallRecord[] {
    return this.calls.filter((record) => record.call === call);
  }

  allOrders(): ExchangeOrder[] {
    return this.#orders.map((stored) => stored.order);
  }

  ordersWithClientId(clientOrderId: string): ExchangeOrder[] {
    return this.allOrders().filter((order) => order.clientOrderId === clientOrderId);
  }

  trades(): ExchangeTrade[] {
    return [...this.#trades];
  }

  balance(asset: string): number {
    return this.#balances.get(asset) ?? 0;
  }

  /** Places an order as if another copy of Ballast (or a crashed one) had sent it. */
  placeDirectly(request: OrderRequest, fillFraction = 0): ExchangeOrder {
    return this.#place(request, fillFraction);
  }

  /** The market trades through a resting order: fills `amountBase` more of it at its limit. */
  fill(exchangeOrderId: string, amountBase: number, priceQuote?: number): void {
    const stored = this.#orders.find((candidate) => candidate.order.exchangeOrderId === exchangeOrderId);
    if (stored === undefined) throw new Error(`no order ${exchangeOrderId}`);
    this.#execute(stored, amountBase, priceQuote ?? stored.order.limitPriceQuote ?? this.priceQuote);
  }

  loadMarkets(): Promise<ExchangeOutcome<ReadonlyMap<string, MarketInfo>>> {
    return this.#answer('loadMarkets', {}, () => ({ kind: 'ok', value: this.markets }));
  }

  fetchBalances(): Promise<ExchangeOutcome<ReadonlyMap<string, AssetBalance>>> {
    return this.#answer('fetchBalances', {}, () => ({
      kind: 'ok',
      value: new Map([...this.#balances].map(([asset, total]) => [asset, { asset, free: total, used: 0, total }])),
    }));
  }

  createOrder(request: OrderRequest): Promise<ExchangeOutcome<ExchangeOrder>> {
    this.calls.push({ call: 'createOrder', atMs: this.nowMs(), clientOrderId: request.clientOrderId });
    this.onCall('createOrder', { request });
    const step = this.#next('createOrder');
    const duplicate = (): ExchangeOutcome<ExchangeOrder> => ({ kind: 'rejected', reason: 'Duplicate order sent.', exchangeCode: 'DUPLICATE_CLIENT_ORDER_ID' });
    if (this.allOrders().some((order) => order.clientOrderId === request.clientOrderId && (order.status === 'OPEN' || order.status === 'PARTIALLY_FILLED'))) {
      return Promise.resolve(duplicate());
    }
    if (step === 'lost_after_accept') {
      this.#place(request, request.type === 'market' ? 1 : 0);
      return Promise.resolve({ kind: 'unknown', detail: 'RequestTimeout after 1000 ms' });
    }
    if (step === 'lost_before_accept') return Promise.resolve({ kind: 'unknown', detail: 'RequestTimeout after 1000 ms' });
    if (step === 'duplicate') return Promise.resolve(duplicate());
    if (step !== undefined && typeof step === 'object' && step.kind === 'partial') return Promise.resolve({ kind: 'ok', value: this.#place(request, step.fraction) });
    const override = this.#override(step);
    if (override !== undefined) return Promise.resolve(override);
    return Promise.resolve({ kind: 'ok', value: this.#place(request, request.type === 'market' ? 1 : 0) });
  }

  cancelOrder(ref: OrderRef): Promise<ExchangeOutcome<ExchangeOrder>> {
    return this.#answer('cancelOrder', { ref }, () => {
      const stored = this.#find(ref);
      if (stored === undefined || (stored.order.status !== 'OPEN' && stored.order.status !== 'PARTIALLY_FILLED')) return { kind: 'not_found', detail: 'Unknown order sent.' };
      stored.order = { ...stored.order, status: 'CANCELED', updatedAtMs: this.exchangeNowMs };
      return { kind: 'ok', value: stored.order };
    });
  }

  fetchOrder(ref: OrderRef): Promise<ExchangeOutcome<ExchangeOrder>> {
    return this.#answer('fetchOrder', { ref }, () => {
      const stored = this.#find(ref);
      return stored === undefined ? { kind: 'not_found', detail: 'Order does not exist.' } : { kind: 'ok', value: stored.order };
    });
  }

  fetchOpenOrders(symbol?: string): Promise<ExchangeOutcome<readonly ExchangeOrder[]>> {
    return this.#answer('fetchOpenOrders', {}, () => ({
      kind: 'ok',
      value: this.allOrders().filter((order) => (symbol === undefined || order.symbol === symbol) && (order.status === 'OPEN' || order.status === 'PARTIALLY_FILLED')),
    }));
  }

  fetchMyTrades(symbol: string, sinceMs?: number): Promise<ExchangeOutcome<readonly ExchangeTrade[]>> {
    return this.#answer('fetchMyTrades', {}, () => ({
      kind: 'ok',
      // Like Binance: client ids are not in the trade history.
      value: this.#trades.filter((trade) => trade.symbol === symbol && (sinceMs === undefined || trade.atMs >= sinceMs)).map((trade) => ({ ...trade, clientOrderId: null })),
    }));
  }

  #answer<T>(call: CallName, detail: { ref?: OrderRef }, normal: () => ExchangeOutcome<T>): Promise<ExchangeOutcome<T>> {
    const ref = detail.ref;
    this.calls.push({
      call,
      atMs: this.nowMs(),
      ...(ref?.clientOrderId === undefined ? {} : { clientOrderId: ref.clientOrderId }),
      ...(ref?.exchangeOrderId === undefined ? {} : { exchangeOrderId: ref.exchangeOrderId }),
    });
    this.onCall(call, detail);
    const step = this.#next(call);
    if (step === 'not_found') return Promise.resolve({ kind: 'not_found', detail: 'Order does not exist.' });
    return Promise.resolve(this.#override(step) ?? normal());
  }

  #override(step: Scripted | undefined): ExchangeOutcome<never> | undefined {
    if (step === 'unavailable') return { kind: 'unavailable', detail: 'ExchangeNotAvailable 503' };
    if (step !== undefined && typeof step === 'object' && step.kind === 'rate_limited') return { kind: 'rate_limited', retryAfterMs: step.retryAfterMs, detail: '429 Too many requests' };
    if (step !== undefined && typeof step === 'object' && step.kind === 'rejected') return { kind: 'rejected', reason: step.reason };
    return undefined;
  }

  #next(call: CallName): Scripted | undefined {
    return this.#scripts.get(call)?.shift();
  }

  #find(ref: OrderRef): StoredOrder | undefined {
    const matches = this.#orders.filter((stored) =>
      ref.exchangeOrderId !== undefined ? stored.order.exchangeOrderId === ref.exchangeOrderId : stored.order.clientOrderId === ref.clientOrderId,
    );
    return matches.at(-1);
  }

  #place(request: OrderRequest, fillFraction: number): ExchangeOrder {
    this.exchangeNowMs += 1000;
    const stored: StoredOrder = {
      order: {
        exchangeOrderId: String(this.#nextOrderId++),
        clientOrderId: request.clientOrderId,
        symbol: request.symbol,
        side: request.side,
        type: request.type,
        status: 'OPEN',
        amountBase: request.amountBase,
        filledBase: 0,
        averagePriceQuote: null,
        limitPriceQuote: request.limitPriceQuote ?? null,
        stopPriceQuote: request.stopPriceQuote ?? null,
        fees: [],
        createdAtMs: this.exchangeNowMs,
        updatedAtMs: this.exchangeNowMs,
      },
    };
    this.#orders.push(stored);
    const amount = Math.floor(request.amountBase * fillFraction * 1e5 + 1e-6) / 1e5;
    if (amount > 0) this.#execute(stored, amount, request.limitPriceQuote ?? this.priceQuote);
    if (request.type === 'market' && stored.order.status !== 'FILLED') stored.order = { ...stored.order, status: 'EXPIRED' };
    return stored.order;
  }

  #execute(stored: StoredOrder, amountBase: number, priceQuote: number): void {
    this.exchangeNowMs += 1000;
    const order = stored.order;
    const buy = order.side === 'buy';
    const fee = buy ? { asset: 'BTC', amount: amountBase * 0.001 } : { asset: 'USDT', amount: amountBase * priceQuote * 0.001 };
    this.#trades.push({ tradeId: String(this.#nextTradeId++), exchangeOrderId: order.exchangeOrderId, clientOrderId: order.clientOrderId, symbol: order.symbol, side: order.side, priceQuote, amountBase, fee, atMs: this.exchangeNowMs });
    this.#balances.set('BTC', this.balance('BTC') + (buy ? amountBase : -amountBase) - (fee.asset === 'BTC' ? fee.amount : 0));
    this.#balances.set('USDT', this.balance('USDT') + (buy ? -1 : 1) * amountBase * priceQuote - (fee.asset === 'USDT' ? fee.amount : 0));
    const filledBase = Math.round((order.filledBase + amountBase) * 1e8) / 1e8;
    const average = ((order.averagePriceQuote ?? 0) * order.filledBase + priceQuote * amountBase) / filledBase;
    const fees = [{ asset: fee.asset, amount: (order.fees[0]?.amount ?? 0) + fee.amount }];
    const status = filledBase >= order.amountBase ? 'FILLED' : 'PARTIALLY_FILLED';
    stored.order = { ...order, filledBase, averagePriceQuote: average, fees, status, updatedAtMs: this.exchangeNowMs };
  }
}

/** A bot clock that never really waits: sleeping moves time forward, and every sleep is recorded. */
export class SteppingClock {
  nowMsValue = 1_700_000_000_000;
  readonly sleeps: number[] = [];
  nowMs = (): number => this.nowMsValue;
  sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.nowMsValue += Math.max(0, ms);
    return Promise.resolve();
  };
}
