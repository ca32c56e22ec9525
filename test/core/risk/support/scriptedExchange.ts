import type { AssetBalance, ExchangeOrder, ExchangeOutcome, ExchangePort, ExchangeTrade, OrderRef, OrderRequest } from '../../../../core/execution/index.ts';
import type { MarketInfo } from '../../../../core/market/index.ts';

/**
 * Simulated time: requests take `latencyMs`, sleeps advance the clock instead of waiting. A
 * sleep still yields to the event loop, so a retry loop that never ends cannot starve the test
 * runner's own timers.
 */
export class FakeClock {
  #nowMs: number;
  constructor(startMs: number) {
    this.#nowMs = startMs;
  }
  nowMs = (): number => this.#nowMs;
  sleep = (ms: number): Promise<void> => {
    this.#nowMs += Math.max(0, ms);
    return new Promise((resolve) => {
      setImmediate(resolve);
    });
  };
  advance(ms: number): void {
    this.#nowMs += ms;
  }
}

export type CancelFaultKind = 'unknown' | 'unavailable' | 'not_found' | 'rejected' | 'lost_response';

interface CancelFault {
  readonly kind: CancelFaultKind;
  remaining: number;
}

/**
 * An in-process ExchangePort with an order book of resting orders and scripted faults: cancels
 * that fail (or succeed with the answer lost), open-order listings that fail, and a request
 * budget per window that answers `rate_limited` with the wait the exchange would ask for.
 */
export class ScriptedExchange implements ExchangePort {
  readonly id = 'scripted';
  readonly supportsNativeStops = false;
  readonly clock: FakeClock;
  readonly latencyMs: number;
  readonly #orders = new Map<string, ExchangeOrder>();
  readonly #cancelFaults = new Map<string, CancelFault>();
  readonly #requestTimes: number[] = [];
  #rateLimit: { readonly maxRequests: number; readonly windowMs: number } | null = null;
  #listFailures = 0;
  #sequence = 0;
  readonly calls = { listings: 0, cancels: 0, rateLimited: 0 };

  constructor(clock: FakeClock, latencyMs = 5) {
    this.clock = clock;
    this.latencyMs = latencyMs;
  }

  /** Rests `count` limit orders, spread over the given markets. */
  placeOpenOrders(count: number, symbols: readonly string[] = ['BTC/USDT', 'ETH/USDT']): ExchangeOrder[] {
    const placed: ExchangeOrder[] = [];
    for (let i = 0; i < count; i++) {
      this.#sequence += 1;
      const order: ExchangeOrder = {
        exchangeOrderId: String(1_000 + this.#sequence),
        clientOrderId: `ballast-test-${String(this.#sequence)}`,
        symbol: symbols[i % symbols.length] ?? 'BTC/USDT',
        side: i % 2 === 0 ? 'buy' : 'sell',
        type: 'limit',
        status: 'OPEN',
        amountBase: 0.001,
        filledBase: 0,
        averagePriceQuote: null,
        limitPriceQuote: 30_000 + i,
        stopPriceQuote: null,
        fees: [],
        createdAtMs: this.clock.nowMs(),
        updatedAtMs: this.clock.nowMs(),
      };
      this.#orders.set(order.exchangeOrderId, order);
      placed.push(order);
    }
    return placed;
  }

  /** Ground truth, without faults or rate limits. */
  openOrders(): ExchangeOrder[] {
    return [...this.#orders.values()].filter((order) => order.status === 'OPEN');
  }

  failCancels(clientOrderIds: readonly string[], kind: CancelFaultKind, times: number): void {
    for (const order of this.#orders.values()) {
      if (clientOrderIds.includes(order.clientOrderId)) this.#cancelFaults.set(order.exchangeOrderId, { kind, remaining: times });
    }
  }

  failListings(times: number): void {
    this.#listFailures = times;
  }

  setRateLimit(limit: { readonly maxRequests: number; readonly windowMs: number } | null): void {
    this.#rateLimit = limit;
  }

  healAll(): void {
    this.#cancelFaults.clear();
    this.#listFailures = 0;
  }

  /** Spends one request of the budget, or answers how long to wait. */
  #admit(): number {
    this.clock.advance(this.latencyMs);
    const now = this.clock.nowMs();
    const limit = this.#rateLimit;
    if (limit === null) return 0;
    while (this.#requestTimes.length > 0 && (this.#requestTimes[0] as number) <= now - limit.windowMs) this.#requestTimes.shift();
    if (this.#requestTimes.length >= limit.maxRequests) {
      this.calls.rateLimited += 1;
      return (this.#requestTimes[0] as number) + limit.windowMs - now;
    }
    this.#requestTimes.push(now);
    return 0;
  }

  fetchOpenOrders(symbol?: string): Promise<ExchangeOutcome<readonly ExchangeOrder[]>> {
    this.calls.listings += 1;
    const waitMs = this.#admit();
    if (waitMs > 0) return Promise.resolve({ kind: 'rate_limited', retryAfterMs: waitMs, detail: 'HTTP 429 Too Many Requests' });
    if (this.#listFailures > 0) {
      this.#listFailures -= 1;
      return Promise.resolve({ kind: 'unavailable', detail: 'HTTP 503 Service Unavailable' });
    }
    return Promise.resolve({ kind: 'ok', value: this.openOrders().filter((order) => symbol === undefined || order.symbol === symbol) });
  }

  cancelOrder(ref: OrderRef): Promise<ExchangeOutcome<ExchangeOrder>> {
    this.calls.cancels += 1;
    const waitMs = this.#admit();
    if (waitMs > 0) return Promise.resolve({ kind: 'rate_limited', retryAfterMs: waitMs, detail: 'HTTP 429 Too Many Requests' });
    const order = ref.exchangeOrderId === undefined ? undefined : this.#orders.get(ref.exchangeOrderId);
    if (order === undefined) return Promise.resolve({ kind: 'not_found', detail: 'Unknown order sent.' });
    const fault = this.#cancelFaults.get(order.exchangeOrderId);
    if (fault !== undefined && fault.remaining > 0) {
      fault.remaining -= 1;
      if (fault.kind === 'lost_response') {
        this.#orders.set(order.exchangeOrderId, { ...order, status: 'CANCELED' });
        return Promise.resolve({ kind: 'unknown', detail: 'request timed out after 10000 ms' });
      }
      if (fault.kind === 'rejected') return Promise.resolve({ kind: 'rejected', reason: 'Order cancel rejected.', exchangeCode: '-2011' });
      if (fault.kind === 'not_found') return Promise.resolve({ kind: 'not_found', detail: 'Unknown order sent.' });
      return Promise.resolve({ kind: fault.kind, detail: fault.kind === 'unknown' ? 'HTTP 504 Gateway Timeout' : 'HTTP 503 Service Unavailable' });
    }
    if (order.status !== 'OPEN') return Promise.resolve({ kind: 'not_found', detail: 'Unknown order sent.' });
    const cancelled: ExchangeOrder = { ...order, status: 'CANCELED', updatedAtMs: this.clock.nowMs() };
    this.#orders.set(order.exchangeOrderId, cancelled);
    return Promise.resolve({ kind: 'ok', value: cancelled });
  }

  loadMarkets(): Promise<ExchangeOutcome<ReadonlyMap<string, MarketInfo>>> {
    return Promise.resolve({ kind: 'unavailable', detail: 'not scripted' });
  }
  fetchBalances(): Promise<ExchangeOutcome<ReadonlyMap<string, AssetBalance>>> {
    return Promise.resolve({ kind: 'unavailable', detail: 'not scripted' });
  }
  createOrder(request: OrderRequest): Promise<ExchangeOutcome<ExchangeOrder>> {
    return Promise.resolve({ kind: 'rejected', reason: `not scripted (${request.clientOrderId})` });
  }
  fetchOrder(ref: OrderRef): Promise<ExchangeOutcome<ExchangeOrder>> {
    const order = ref.exchangeOrderId === undefined ? undefined : this.#orders.get(ref.exchangeOrderId);
    return Promise.resolve(order ? { kind: 'ok', value: order } : { kind: 'not_found', detail: 'Order does not exist.' });
  }
  fetchMyTrades(): Promise<ExchangeOutcome<readonly ExchangeTrade[]>> {
    return Promise.resolve({ kind: 'ok', value: [] });
  }
}
