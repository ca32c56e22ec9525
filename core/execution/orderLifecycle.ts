import { redactText } from '../log/index.ts';
import { summariseOutcome, type ExchangeCalls, type ExecutionClock } from './exchangeCalls.ts';
import { EXCHANGE_DETAIL } from './executionHealth.ts';
import { REJECTION_CODES, type ExchangeOrder, type ExchangeOutcome, type OrderRef, type OrderRequest } from './exchangePort.ts';
import type { Fill, Order } from './order.ts';
import type { OrderStore } from './orderStore.ts';
import { locateOrder, type LocateContext, type LocateResult } from './orderLocator.ts';
import { isAllowedTransition, isTerminal, statusOfExchangeOrder } from './orderStatus.ts';
import type { PositionBook } from './positionBook.ts';

/** Test-only seams to stop the process at exact points of the order flow (crash tests). */
export interface OrderFlowHooks {
  /** The PENDING_SUBMIT row is durable; the create request has not left yet. */
  beforeSend?(request: OrderRequest, attempt: number): void | Promise<void>;
  /** The create request came back; nothing about the answer is journaled yet. */
  afterResponse?(request: OrderRequest, outcome: ExchangeOutcome<ExchangeOrder>): void | Promise<void>;
}

export interface LifecycleOptions {
  readonly requeryDelayMs: number;
  /** Create requests per order, each only after the previous one was proven absent. */
  readonly maxSubmitAttempts: number;
  readonly hooks: OrderFlowHooks;
}

/** What to do when an order whose status was unknown is proven never to have reached the exchange. */
export type WhenAbsent =
  | { readonly action: 'resubmit' }
  | { readonly action: 'close'; readonly status: 'EXPIRED' | 'REJECTED' | 'CANCELED'; readonly reason: string };

const FILL_EPSILON = 1e-12;
const MAX_TRADE_PAGES = 20;

/** "Duplicate order sent." means an order with this client id is live: that is not "not placed". */
function looksLikeDuplicate(outcome: Extract<ExchangeOutcome<unknown>, { kind: 'rejected' }>): boolean {
  return outcome.exchangeCode === REJECTION_CODES.duplicateClientOrderId || /duplicate/i.test(outcome.reason);
}

export function requestOf(order: Order): OrderRequest {
  return {
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    amountBase: order.amountBase,
    ...(order.limitPriceQuote === null ? {} : { limitPriceQuote: order.limitPriceQuote }),
    ...(order.stopPriceQuote === null ? {} : { stopPriceQuote: order.stopPriceQuote }),
  };
}

export function refOf(order: Order): OrderRef {
  return order.exchangeOrderId === null
    ? { symbol: order.symbol, clientOrderId: order.clientOrderId }
    : { symbol: order.symbol, exchangeOrderId: order.exchangeOrderId, clientOrderId: order.clientOrderId };
}

/**
 * One order's way through the exchange: send, read the answer, and when there is no clear
 * answer, find out before doing anything else. Every step is journaled before the next call.
 */
export class OrderLifecycle {
  readonly #store: OrderStore;
  readonly #calls: ExchangeCalls;
  readonly #clock: ExecutionClock;
  readonly #book: PositionBook;
  readonly #options: LifecycleOptions;
  readonly #foreignExchangeOrderIds = new Set<string>();
  /** Called after new fills of an order are journaled (protective stops follow the filled amount). */
  onFills: (order: Order) => Promise<void> = () => Promise.resolve();

  constructor(store: OrderStore, calls: ExchangeCalls, clock: ExecutionClock, book: PositionBook, options: LifecycleOptions) {
    this.#store = store;
    this.#calls = calls;
    this.#clock = clock;
    this.#book = book;
    this.#options = options;
  }

  /** Sends the create request of a PENDING_SUBMIT order whose row is already durable. */
  async send(order: Order): Promise<Order> {
    const request = requestOf(order);
    await this.#options.hooks.beforeSend?.(request, order.submitAttempts);
    const outcome = await this.#calls.once('createOrder', order.clientOrderId, () => this.#calls.port.createOrder(request), false);
    await this.#options.hooks.afterResponse?.(request, outcome);
    const response = { call: 'createOrder', attempt: order.submitAttempts, ...summariseOutcome(outcome) };
    const atMs = this.#clock.nowMs();
    if (outcome.kind === 'ok') {
      const updated = this.#store.atomically(() => {
        this.#store.recordResponse(order.clientOrderId, atMs, response);
        return this.applyRecord(order, outcome.value, 'accepted');
      });
      return this.#afterRecord(updated);
    }
    if ((outcome.kind === 'rejected' && !looksLikeDuplicate(outcome)) || outcome.kind === 'auth_failed') {
      const reason = redactText(outcome.kind === 'rejected' ? outcome.reason : `the exchange refused the key: ${outcome.detail}`, EXCHANGE_DETAIL);
      return this.#store.atomically(() => {
        this.#store.recordResponse(order.clientOrderId, atMs, response);
        return this.#store.update(order, { status: 'REJECTED', statusReason: reason, confirmedByExchange: true }, atMs, 'rejected');
      });
    }
    // Timeout, 5xx, lost response, 429 or "duplicate": the order may or may not exist. Look first.
    const unknown = this.#store.atomically(() => {
      this.#store.recordResponse(order.clientOrderId, atMs, response);
      return this.#store.update(order, { status: 'UNKNOWN', statusReason: `no clear answer to the order request (${outcome.kind})` }, atMs, 'status_unknown');
    });
    const duplicate = outcome.kind === 'rejected';
    return this.resolve(
      unknown,
      duplicate
        ? { action: 'close', status: 'REJECTED', reason: 'the exchange reported a duplicate, yet no order with this client id exists' }
        : { action: 'resubmit' },
    );
  }

  /** Finds an order whose status is not known; applies what the exchange says or, only once proven absent, acts on `whenAbsent`. */
  async resolve(order: Order, whenAbsent: WhenAbsent, openOrders?: readonly ExchangeOrder[]): Promise<Order> {
    const located: LocateResult = await locateOrder(this.locateContext(openOrders), order);
    const atMs = this.#clock.nowMs();
    if (located.kind === 'found') return this.#afterRecord(this.applyRecord(order, located.order, 'located', { via: located.via }));
    if (located.kind === 'undetermined') {
      if (order.status === 'UNKNOWN' && order.statusReason === located.reason) return order;
      return this.#store.update(order, { status: 'UNKNOWN', statusReason: located.reason }, atMs, 'still_unknown', { reason: located.reason });
    }
    if (whenAbsent.action === 'close') {
      return this.#store.update(order, { status: whenAbsent.status, statusReason: whenAbsent.reason, confirmedByExchange: false }, atMs, 'closed_locally', { checks: located.checks });
    }
    if (order.submitAttempts >= this.#options.maxSubmitAttempts) {
      const reason = `not accepted after ${order.submitAttempts} attempts; each was proven absent before the next`;
      return this.#store.update(order, { status: 'REJECTED', statusReason: reason, confirmedByExchange: false }, atMs, 'closed_locally', { checks: located.checks });
    }
    const pending = this.#store.update(order, { status: 'PENDING_SUBMIT', submitAttempts: order.submitAttempts + 1, statusReason: 'proven absent: sending again with the same client id' }, atMs, 'resubmit', {
      checks: located.checks,
    });
    return this.send(pending);
  }

  /** Brings the row in line with the exchange's record of the order. The exchange's record always wins. */
  applyRecord(order: Order, record: ExchangeOrder, event: string, details: Record<string, unknown> = {}): Order {
    if (record.clientOrderId !== order.clientOrderId) {
      throw new Error(`exchange order ${record.exchangeOrderId} has client id ${record.clientOrderId}, not ${order.clientOrderId}`);
    }
    const status = statusOfExchangeOrder(record);
    // An exchange never reopens a closed order: a live-looking record for one it confirmed closed is an old copy.
    if (order.confirmedByExchange && isTerminal(order.status) && !isTerminal(status)) return order;
    const unchanged =
      order.confirmedByExchange && status === order.status && record.filledBase === order.filledBase && record.exchangeOrderId === order.exchangeOrderId && record.averagePriceQuote === order.averagePriceQuote;
    if (unchanged) return order;
    const normalStep = status === order.status || isAllowedTransition(order.status, status) || (isTerminal(order.status) && !order.confirmedByExchange);
    return this.#store.update(
      order,
      {
        status,
        exchangeOrderId: record.exchangeOrderId,
        filledBase: record.filledBase,
        averagePriceQuote: record.averagePriceQuote,
        fees: record.fees,
        confirmedByExchange: true,
        exchangeCreatedAtMs: record.createdAtMs ?? order.exchangeCreatedAtMs,
        statusReason: status === order.status ? order.statusReason : null,
      },
      this.#clock.nowMs(),
      normalStep ? event : 'corrected_from_exchange',
      normalStep ? details : { ...details, journalHad: order.status, exchangeHas: status },
    );
  }

  /**
   * Journals the trades of an order that the journal does not have yet, from the account's trade
   * history (paged from the order's creation on the exchange's clock). Returns false when the
   * history could not be read: the position then lags, it is never guessed.
   */
  async syncFills(order: Order): Promise<boolean> {
    if (order.exchangeOrderId === null || order.filledBase <= this.#store.recordedFilledBase(order.clientOrderId) + FILL_EPSILON) return true;
    let sinceMs = order.exchangeCreatedAtMs ?? undefined;
    for (let page = 0; page < MAX_TRADE_PAGES; page += 1) {
      const trades = await this.#calls.withRetry('fetchMyTrades', order.clientOrderId, () => this.#calls.port.fetchMyTrades(order.symbol, sinceMs));
      if (trades.kind !== 'ok') return false;
      const fills: Fill[] = [];
      for (const trade of trades.value) {
        const owner = trade.exchangeOrderId === order.exchangeOrderId ? order : this.#store.byExchangeOrderId(trade.symbol, trade.exchangeOrderId);
        if (owner === undefined) continue;
        fills.push({ symbol: trade.symbol, tradeId: trade.tradeId, clientOrderId: owner.clientOrderId, exchangeOrderId: trade.exchangeOrderId, side: trade.side, priceQuote: trade.priceQuote, amountBase: trade.amountBase, fee: trade.fee, atMs: trade.atMs });
      }
      for (const fill of this.#store.insertFills(fills, this.#clock.nowMs())) this.#book.applyFill(fill);
      if (order.filledBase <= this.#store.recordedFilledBase(order.clientOrderId) + FILL_EPSILON) return true;
      const newestMs = Math.max(...trades.value.map((trade) => trade.atMs));
      if (trades.value.length === 0 || sinceMs === undefined || newestMs <= sinceMs) return false;
      sinceMs = newestMs;
    }
    return false;
  }

  locateContext(openOrders?: readonly ExchangeOrder[]): LocateContext {
    return {
      calls: this.#calls,
      clock: this.#clock,
      requeryDelayMs: this.#options.requeryDelayMs,
      isKnownExchangeOrderId: (symbol, exchangeOrderId) => this.#store.byExchangeOrderId(symbol, exchangeOrderId) !== undefined,
      isJournaledClientOrderId: (clientOrderId) => this.#store.get(clientOrderId) !== undefined,
      foreignExchangeOrderIds: this.#foreignExchangeOrderIds,
      ...(openOrders === undefined ? {} : { openOrders }),
    };
  }

  async #afterRecord(order: Order): Promise<Order> {
    if (order.filledBase > 0 && (await this.syncFills(order))) await this.onFills(order);
    return order;
  }
}
