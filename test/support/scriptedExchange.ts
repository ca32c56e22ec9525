import type {
  AssetBalance,
  ExchangeOrder,
  ExchangeOutcome,
  ExchangePort,
  ExchangeTrade,
  OrderRef,
  OrderRequest,
} from '../../core/execution/index.ts';
import type { MarketInfo } from '../../core/market/index.ts';
import type { SimulatedClock } from './simulatedClock.ts';

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

export type CallName = Exclude<keyof ExchangePort, 'id' | 'supportsNativeStops'>;

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

/** How a cancel of one particular order fails, whatever call it comes in. */
export type CancelFaultKind = 'unknown' | 'unavailable' | 'not_found' | 'rejected' | 'lost_response';

export interface CallRecord {
  readonly call: CallName;
  /** Bot time when the request left. */
  readonly atMs: number;
  readonly clientOrderId?: string;
  readonly exchangeOrderId?: string;
  /** The kind of answer it got. */
  answer?: ExchangeOutcome<unknown>['kind'];
}

export interface ScriptedExchangeOptions {
  readonly supportsNativeStops?: boolean;
  /** The bot's clock: call records are stamped with it and each request moves it by `latencyMs`. */
  readonly clock?: SimulatedClock;
  readonly latencyMs?: number;
}

interface StoredOrder {
  order: ExchangeOrder;
}

const isOpen = (order: ExchangeOrder): boolean => order.status === 'OPEN' || order.status === 'PARTIALLY_FILLED';
const answered = <T>(outcome: ExchangeOutcome<T>): Promise<ExchangeOutcome<T>> => Promise.resolve(outcome);

/**
 * The one in-process ExchangePort for tests: keeps orders, trades and balances like a spot
 * exchange (Binance's rule: a client id is unique among open orders only) and answers at once.
 * Faults are scripted per call (`script`, `always`) so each rule of the OrderManager can be
 * driven exactly, per order (`failCancels`) for the kill sweep, and a request budget per window
 * (`setRateLimit`) answers `rate_limited` with the wait the exchange would ask for.
 */
export class ScriptedExchange implements ExchangePort {
  readonly id = 'scripted';
  supportsNativeStops: boolean;
  readonly calls: CallRecord[] = [];
  readonly #scripts = new Map<CallName, Scripted[]>();
  readonly #cancelFaults = new Map<string, { readonly kind: CancelFaultKind; remaining: number }>();
  readonly #orders: StoredOrder[] = [];
  readonly #trades: ExchangeTrade[] = [];
  readonly #balances = new Map<string, number>([['USDT', 100_000], ['BTC', 0]]);
  readonly #clock: SimulatedClock | undefined;
  readonly #latencyMs: number;
  readonly #requestTimes: number[] = [];
  #rateLimit: { readonly maxRequests: number; readonly windowMs: number } | null = null;
  #nextOrderId = 1000;
  #nextTradeId = 1;
  priceQuote = 50_000;
  /** Exchange clock, deliberately far from the bot's clock. */
  exchangeNowMs = 1_600_000_000_000;
  /** Called at the start of every call (lets a test look at the journal while a request is "in flight"). */
  onCall: (call: CallName, detail: { request?: OrderRequest; ref?: OrderRef }) => void = () => undefined;
  /** The bot clock, to timestamp call records. */
  nowMs: () => number;
  markets: ReadonlyMap<string, MarketInfo> = new Map([[BTC_USDT.symbol, BTC_USDT]]);

  constructor(options: ScriptedExchangeOptions = {}) {
    this.supportsNativeStops = options.supportsNativeStops ?? true;
    this.#clock = options.clock;
    this.#latencyMs = options.latencyMs ?? 0;
    this.nowMs = options.clock?.nowMs ?? (() => 0);
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

  /** The next `times` cancels of these orders fail this way (Infinity: until `healAll`). */
  failCancels(clientOrderIds: readonly string[], kind: CancelFaultKind, times: number): void {
    for (const { order } of this.#orders) {
      if (clientOrderIds.includes(order.clientOrderId)) this.#cancelFaults.set(order.exchangeOrderId, { kind, remaining: times });
    }
  }

  /** The next `times` open-order listings answer `unavailable` (Infinity: until `healAll`). */
  failListings(times: number): void {
    if (times === Number.POSITIVE_INFINITY) this.always('fetchOpenOrders', 'unavailable');
    else this.script('fetchOpenOrders', ...Array.from({ length: times }, (): Scripted => 'unavailable'));
  }

  /** At most `maxRequests` per sliding window; more are answered `rate_limited`. Null: no limit. */
  setRateLimit(limit: { readonly maxRequests: number; readonly windowMs: number } | null): void {
    this.#rateLimit = limit;
  }

  /** Every scripted and per-order fault is gone. */
  healAll(): void {
    this.clearScripts();
    this.#cancelFaults.clear();
  }

  callsOf(call: CallName): CallRecord[] {
    return this.calls.filter((record) => record.call === call);
  }

  /** How many calls got this kind of answer. */
  answersOf(kind: ExchangeOutcome<unknown>['kind']): number {
    return this.calls.filter((record) => record.answer === kind).length;
  }

  allOrders(): ExchangeOrder[] {
    return this.#orders.map((stored) => stored.order);
  }

  /** Ground truth: orders resting on the book, without faults or rate limits. */
  openOrders(): ExchangeOrder[] {
    return this.allOrders().filter(isOpen);
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

  /** Rests `count` small limit orders far from the price, spread over the given markets. */
  placeOpenOrders(count: number, symbols: readonly string[] = ['BTC/USDT', 'ETH/USDT']): ExchangeOrder[] {
    return Array.from({ length: count }, (_, i) => this.#place({
      clientOrderId: `ballast-test-${String(this.#nextOrderId)}`,
      symbol: symbols[i % symbols.length] ?? 'BTC/USDT',
      side: i % 2 === 0 ? 'buy' : 'sell',
      type: 'limit',
      amountBase: 0.001,
      limitPriceQuote: 30_000 + i,
    }, 0));
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
    return this.#respond('createOrder', { request }, (step): ExchangeOutcome<ExchangeOrder> => {
      const duplicate: ExchangeOutcome<ExchangeOrder> = { kind: 'rejected', reason: 'Duplicate order sent.', exchangeCode: 'DUPLICATE_CLIENT_ORDER_ID' };
      if (this.#orders.some(({ order }) => order.clientOrderId === request.clientOrderId && isOpen(order))) return duplicate;
      if (step === 'lost_after_accept') {
        this.#place(request, request.type === 'market' ? 1 : 0);
        return { kind: 'unknown', detail: 'RequestTimeout after 1000 ms' };
      }
      if (step === 'lost_before_accept') return { kind: 'unknown', detail: 'RequestTimeout after 1000 ms' };
      if (step === 'duplicate') return duplicate;
      if (step !== undefined && typeof step === 'object' && step.kind === 'partial') return { kind: 'ok', value: this.#place(request, step.fraction) };
      return this.#override(step) ?? { kind: 'ok', value: this.#place(request, request.type === 'market' ? 1 : 0) };
    });
  }

  cancelOrder(ref: OrderRef): Promise<ExchangeOutcome<ExchangeOrder>> {
    return this.#answer('cancelOrder', { ref }, () => {
      const stored = this.#find(ref);
      if (stored === undefined) return { kind: 'not_found', detail: 'Unknown order sent.' };
      const fault = this.#cancelFaults.get(stored.order.exchangeOrderId);
      if (fault !== undefined && fault.remaining > 0) {
        fault.remaining -= 1;
        return this.#cancelFault(stored, fault.kind);
      }
      if (!isOpen(stored.order)) return { kind: 'not_found', detail: 'Unknown order sent.' };
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
      value: this.openOrders().filter((order) => symbol === undefined || order.symbol === symbol),
    }));
  }

  fetchMyTrades(symbol: string, sinceMs?: number): Promise<ExchangeOutcome<readonly ExchangeTrade[]>> {
    return this.#answer('fetchMyTrades', {}, () => ({
      kind: 'ok',
      // Like Binance: client ids are not in the trade history.
      value: this.#trades.filter((trade) => trade.symbol === symbol && (sinceMs === undefined || trade.atMs >= sinceMs)).map((trade) => ({ ...trade, clientOrderId: null })),
    }));
  }

  /** A call other than create: a scripted 'not_found' or fault replaces the normal answer. */
  #answer<T>(call: CallName, detail: { ref?: OrderRef }, normal: () => ExchangeOutcome<T>): Promise<ExchangeOutcome<T>> {
    return this.#respond(call, detail, (step) => {
      if (step === 'not_found') return { kind: 'not_found', detail: 'Order does not exist.' };
      return this.#override(step) ?? normal();
    });
  }

  /** Records the call, spends the request's latency and rate budget, then takes the next scripted step. */
  #respond<T>(call: CallName, detail: { request?: OrderRequest; ref?: OrderRef }, answer: (step: Scripted | undefined) => ExchangeOutcome<T>): Promise<ExchangeOutcome<T>> {
    const clientOrderId = detail.request?.clientOrderId ?? detail.ref?.clientOrderId;
    const exchangeOrderId = detail.ref?.exchangeOrderId;
    const record: CallRecord = {
      call,
      atMs: this.nowMs(),
      ...(clientOrderId === undefined ? {} : { clientOrderId }),
      ...(exchangeOrderId === undefined ? {} : { exchangeOrderId }),
    };
    this.calls.push(record);
    this.onCall(call, detail);
    this.#clock?.advance(this.#latencyMs);
    const waitMs = this.#admit();
    const outcome: ExchangeOutcome<T> = waitMs > 0
      ? { kind: 'rate_limited', retryAfterMs: waitMs, detail: 'HTTP 429 Too Many Requests' }
      : answer(this.#scripts.get(call)?.shift());
    record.answer = outcome.kind;
    return answered(outcome);
  }

  /** Spends one request of the budget, or answers how long to wait. */
  #admit(): number {
    const limit = this.#rateLimit;
    if (limit === null) return 0;
    const now = this.nowMs();
    while (this.#requestTimes.length > 0 && (this.#requestTimes[0] ?? now) <= now - limit.windowMs) this.#requestTimes.shift();
    if (this.#requestTimes.length >= limit.maxRequests) return (this.#requestTimes[0] ?? now) + limit.windowMs - now;
    this.#requestTimes.push(now);
    return 0;
  }

  #override(step: Scripted | undefined): ExchangeOutcome<never> | undefined {
    if (step === 'unavailable') return { kind: 'unavailable', detail: 'ExchangeNotAvailable 503' };
    if (step !== undefined && typeof step === 'object' && step.kind === 'rate_limited') return { kind: 'rate_limited', retryAfterMs: step.retryAfterMs, detail: '429 Too many requests' };
    if (step !== undefined && typeof step === 'object' && step.kind === 'rejected') return { kind: 'rejected', reason: step.reason };
    return undefined;
  }

  #cancelFault(stored: StoredOrder, kind: CancelFaultKind): ExchangeOutcome<ExchangeOrder> {
    switch (kind) {
      case 'lost_response':
        stored.order = { ...stored.order, status: 'CANCELED', updatedAtMs: this.exchangeNowMs };
        return { kind: 'unknown', detail: 'request timed out after 10000 ms' };
      case 'rejected':
        return { kind: 'rejected', reason: 'Order cancel rejected.', exchangeCode: '-2011' };
      case 'not_found':
        return { kind: 'not_found', detail: 'Unknown order sent.' };
      case 'unknown':
        return { kind: 'unknown', detail: 'HTTP 504 Gateway Timeout' };
      case 'unavailable':
        return { kind: 'unavailable', detail: 'HTTP 503 Service Unavailable' };
    }
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
