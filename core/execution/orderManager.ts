import { describeError } from '../log/index.ts';
import { err, ok } from '../model/index.ts';
import type { Journal } from '../journal/index.ts';
import type { MarketInfo } from '../market/index.ts';
import { sizeProtectiveOrder, type SizedOrder } from '../risk/index.ts';
import { clientOrderIdFor } from './clientOrderId.ts';
import { DEFAULT_READ_RETRY, ExchangeCalls, summariseOutcome, systemClock, type ExecutionClock, type RetryPolicy } from './exchangeCalls.ts';
import type { ExchangePort } from './exchangePort.ts';
import { ErrorRateWindow, type ExecutionHealth } from './executionHealth.ts';
import type { Fill, Order } from './order.ts';
import { cancelAllOrders, cancelOrder, type CancelAllResult, type CancelResult } from './orderCancellation.ts';
import { OrderJournal } from './orderJournal.ts';
import type { OrderStore } from './orderStore.ts';
import { OrderLifecycle, type OrderFlowHooks } from './orderLifecycle.ts';
import { prepareOrderRequest } from './orderPrecision.ts';
import { PositionBook, type Position, type PositionValuation } from './positionBook.ts';
import { ProtectiveStops, type ClientSideStop, type ProtectionWarning } from './protectiveStops.ts';
import type { LiveProtectionOptions } from './liveDeps.ts';
import { LiveExecution } from './liveExecution.ts';
import type { ExecutionReadiness, ReconciliationReport } from './readiness.ts';
import { reconcile, type ReconciliationReads } from './reconciliation.ts';

export interface OrderManagerOptions {
  readonly exchange: ExchangePort;
  /** Where orders are kept durably (paper and live). Exactly one of `journal` and `orderStore`. */
  readonly journal?: Journal;
  /** Where orders are kept otherwise: a backtest keeps them in memory and summarises them at the end. */
  readonly orderStore?: OrderStore;
  readonly clock?: ExecutionClock;
  readonly readRetry?: RetryPolicy;
  /** Pause between the first and second lookup of an order whose status is unknown. Default 500 ms. */
  readonly requeryDelayMs?: number;
  /** Create requests per order, each only after the previous one was proven absent. Default 3. */
  readonly maxSubmitAttempts?: number;
  readonly healthWindowMs?: number;
  /** Limit price of a protective stop-limit, as a fraction below its trigger. Default 0.5 %. */
  readonly stopLimitSlippage?: number;
  /** Test-only: stop points of the order flow for crash tests. */
  readonly hooks?: OrderFlowHooks;
}

export type { SubmitOptions, SubmitRefusal, SubmitRefusalCode, SubmitResult } from './submitResult.ts';
import type { SubmitOptions, SubmitResult } from './submitResult.ts';

function storeOf(options: OrderManagerOptions): OrderStore {
  if (options.journal !== undefined && options.orderStore === undefined) return new OrderJournal(options.journal);
  if (options.orderStore !== undefined && options.journal === undefined) return options.orderStore;
  throw new RangeError('An OrderManager keeps its orders either in a journal or in an order store: give exactly one of them.');
}

/**
 * The order lifecycle between the risk layer and the exchange. The runtime calls `start()` once
 * (reconciliation; no trading until READY), then `submit` for each approved order, `cancel` /
 * `cancelAll`, `sync()` periodically (open orders, unknown statuses, missing fills), `onPrice` for
 * client-side stops, and reads `readiness()`, `health()`, `positions()`, `protectionWarnings()`.
 */
export class OrderManager {
  readonly #clock: ExecutionClock;
  readonly #store: OrderStore;
  /** The durable journal behind the store; null for a backtest's in-memory store, which cannot trade live. */
  readonly #journal: Journal | null;
  readonly #calls: ExchangeCalls;
  readonly #health: ErrorRateWindow;
  readonly #book: PositionBook;
  readonly #lifecycle: OrderLifecycle;
  readonly #protection: ProtectiveStops;
  readonly #locks = new Map<string, Promise<unknown>>();
  #markets: ReadonlyMap<string, MarketInfo> = new Map();
  #readiness: ExecutionReadiness = { state: 'NOT_STARTED' };
  /** What the last start-up reconciliation read (the live check reuses it instead of reading again). */
  #startReads: ReconciliationReads | null = null;

  constructor(options: OrderManagerOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#store = storeOf(options);
    this.#journal = options.journal ?? null;
    this.#health = new ErrorRateWindow(options.healthWindowMs);
    this.#calls = new ExchangeCalls(options.exchange, this.#clock, this.#health, options.readRetry ?? DEFAULT_READ_RETRY, (call, subject, outcome) => {
      this.#store.recordResponse(subject, this.#clock.nowMs(), { call, ...summariseOutcome(outcome) });
    });
    this.#book = new PositionBook(this.#store.fills());
    this.#lifecycle = new OrderLifecycle(this.#store, this.#calls, this.#clock, this.#book, {
      requeryDelayMs: options.requeryDelayMs ?? 500,
      maxSubmitAttempts: options.maxSubmitAttempts ?? 3,
      hooks: options.hooks ?? {},
    });
    this.#protection = new ProtectiveStops({
      store: this.#store,
      clock: this.#clock,
      supportsNativeStops: options.exchange.supportsNativeStops,
      stopLimitSlippage: options.stopLimitSlippage ?? 0.005,
      market: (symbol) => this.#markets.get(symbol),
      place: (order, parent) => this.#place(order, {}, parent),
      cancel: (order) => this.#withOrder(order.clientOrderId, () => cancelOrder(this.#cancelDeps(), this.#store.get(order.clientOrderId) ?? order)),
    });
    this.#lifecycle.onFills = (order) => this.#protection.ensure(order);
  }

  /** Reconciles with the exchange; only a READY manager trades. Safe to call again after a refusal. */
  async start(): Promise<ExecutionReadiness> {
    return this.#flushingAfter(() => this.#start());
  }

  async #start(): Promise<ExecutionReadiness> {
    this.#readiness = { state: 'RECONCILING', sinceMs: this.#clock.nowMs() };
    try {
      const result = await reconcile(this.#reconcileDeps(), 'startup');
      this.#readiness = result.ok ? { state: "READY", report: result.value.report } : result.error;
      this.#startReads = result.ok ? result.value.reads : null;
    } catch (error) {
      this.#readiness = { state: 'REFUSED', code: 'JOURNAL_FAILED', message: 'Ballast could not finish checking its orders against the exchange, so it is not trading.', detail: describeError(error), atMs: this.#clock.nowMs() };
    }
    if (this.#readiness.state === 'REFUSED') {
      const { code, detail } = this.#readiness;
      this.#store.recordEvent('alert', null, this.#clock.nowMs(), { event: 'trading_refused', code, detail });
    }
    return this.#readiness;
  }

  readiness(): ExecutionReadiness {
    return this.#readiness;
  }

  /** Periodic pass while running: open orders, unknown statuses, missing fills. Never refuses; reports what it could not settle. */
  async sync(): Promise<ReconciliationReport | null> {
    if (this.#readiness.state !== 'READY') return null;
    const result = await this.#flushingAfter(() => reconcile(this.#reconcileDeps(), 'periodic'));
    return result.ok ? result.value.report : null;
  }

  async submit(order: SizedOrder, options: SubmitOptions = {}): Promise<SubmitResult> {
    if (this.#readiness.state !== 'READY') {
      const detail = this.#readiness.state === 'REFUSED' ? `${this.#readiness.code}: ${this.#readiness.detail}` : this.#readiness.state;
      return err({ code: 'NOT_READY', reason: 'Ballast has not finished checking your orders against the exchange, so it is not trading yet.', detail });
    }
    return this.#flushingAfter(() => this.#place(order, options, null));
  }

  async cancel(clientOrderId: string): Promise<CancelResult | undefined> {
    return this.#flushingAfter(() => this.#cancel(clientOrderId));
  }

  async #cancel(clientOrderId: string): Promise<CancelResult | undefined> {
    return this.#withOrder(clientOrderId, async () => {
      const order = this.#store.get(clientOrderId);
      return order === undefined ? undefined : cancelOrder(this.#cancelDeps(), order);
    });
  }

  async cancelAll(symbol?: string): Promise<CancelAllResult> {
    const open = this.#store.nonTerminal().filter((order) => symbol === undefined || order.symbol === symbol);
    return this.#flushingAfter(() => cancelAllOrders(this.#cancelDeps(), symbol, (record) => this.#store.get(record.clientOrderId), open));
  }

  /** Client-side stops whose trigger this price reached are sold at market (protective, sized from fills). */
  async onPrice(symbol: string, priceQuote: number): Promise<SubmitResult[]> {
    return this.#flushingAfter(() => this.#onPrice(symbol, priceQuote));
  }

  async #onPrice(symbol: string, priceQuote: number): Promise<SubmitResult[]> {
    const results: SubmitResult[] = [];
    for (const stop of this.#protection.triggered(symbol, priceQuote)) {
      const entry = this.#store.get(stop.entryClientOrderId);
      const sale = sizeProtectiveOrder({ intentId: `${entry?.intentId ?? stop.entryClientOrderId}#client-stop`, symbol, type: 'market', amountBase: stop.amountBase, atMs: this.#clock.nowMs() });
      if (sale !== null) results.push(await this.#place(sale, { referencePriceQuote: priceQuote }, stop.entryClientOrderId));
    }
    return results;
  }

  health(): ExecutionHealth {
    return this.#health.snapshot(this.#clock.nowMs(), this.#calls.pausedUntilMs);
  }

  positions(): Position[] {
    return this.#book.positions();
  }

  valuation(symbol: string, markPriceQuote: number): PositionValuation {
    return this.#book.valuation(symbol, markPriceQuote);
  }

  /** How each asset's balance changed through Ballast's fills. */
  balanceDeltas(): ReadonlyMap<string, number> {
    return this.#book.balanceDeltas();
  }

  protectionWarnings(): ProtectionWarning[] {
    return this.#protection.warnings();
  }

  clientSideStops(): ClientSideStop[] {
    return this.#protection.clientSideStops();
  }

  order(clientOrderId: string): Order | undefined {
    return this.#store.get(clientOrderId);
  }

  orders(): Order[] {
    return this.#store.all();
  }

  /** Orders not yet in a final status (open, partially filled, pending, unknown), oldest first. */
  openOrders(): Order[] {
    return this.#store.nonTerminal();
  }

  /** Every fill in the journal, oldest first: what positions and P&L are derived from. */
  fills(): Fill[] {
    return this.#store.fills();
  }

  /**
   * Live trading's duties over this manager: stops on the exchange confirmed by reading them back,
   * exits that never leave a position naked, the fail-closed live check, live Kill. From here on
   * new fills go to it instead of the paper-style protective stops.
   */
  live(options: LiveProtectionOptions): LiveExecution {
    const journal = this.#journal;
    if (journal === null) throw new RangeError('Live execution keeps its orders in a journal: this OrderManager was built with an in-memory store.');
    const live = new LiveExecution(
      {
        store: this.#store,
        calls: this.#calls,
        clock: this.#clock,
        lifecycle: this.#lifecycle,
        supportsNativeStops: this.#calls.port.supportsNativeStops,
        market: (symbol) => this.#markets.get(symbol),
        place: (order, submitOptions, parent) => this.#place(order, submitOptions, parent),
        submit: (order, submitOptions) => this.submit(order, submitOptions),
        cancel: (order) => this.#withOrder(order.clientOrderId, () => cancelOrder(this.#cancelDeps(), this.#store.get(order.clientOrderId) ?? order)),
        readiness: () => this.#readiness,
        start: () => this.start(),
        startReads: () => this.#startReads,
        sync: () => this.sync(),
        ensureClientSideStop: (entry) => this.#protection.ensure(entry),
        flush: () => {
          this.#store.flush();
        },
      },
      options,
      journal,
    );
    this.#lifecycle.onFills = (order) => live.noteFills(order);
    return live;
  }

  async #place(sized: SizedOrder, options: SubmitOptions, parentClientOrderId: string | null): Promise<SubmitResult> {
    const clientOrderId = clientOrderIdFor(sized);
    return this.#withOrder(clientOrderId, async () => {
      const existing = this.#store.get(clientOrderId);
      if (existing !== undefined) return this.#resume(existing, sized);
      const prepared = prepareOrderRequest(sized, this.#markets.get(sized.symbol), options.referencePriceQuote);
      const atMs = this.#clock.nowMs();
      if (!prepared.ok) {
        const { code, reason, detail } = prepared.error;
        this.#store.recordEvent('order', clientOrderId, atMs, { event: 'refused_locally', intentId: sized.intentId, code, reason, detail });
        return prepared;
      }
      const { request, adjustments } = prepared.value;
      const protectiveStop = sized.purpose === 'entry' && sized.side === 'buy' ? (options.protectiveStopPriceQuote ?? sized.stopPriceQuote ?? null) : null;
      const pending = this.#store.insert(
        {
          clientOrderId, intentId: sized.intentId, origin: sized.origin, purpose: sized.purpose, symbol: request.symbol, side: request.side, type: request.type,
          amountBase: request.amountBase, limitPriceQuote: request.limitPriceQuote ?? null, stopPriceQuote: request.stopPriceQuote ?? null, reduceOnly: sized.reduceOnly,
          status: 'PENDING_SUBMIT', exchangeOrderId: null, filledBase: 0, averagePriceQuote: null, fees: [], parentClientOrderId, protectiveStopPriceQuote: protectiveStop,
          submitAttempts: 1, statusReason: null, confirmedByExchange: false, exchangeCreatedAtMs: null, createdAtMs: atMs, updatedAtMs: atMs,
        },
        { adjustments, referencePriceQuote: options.referencePriceQuote ?? null },
      );
      return ok(await this.#lifecycle.send(pending));
    });
  }

  /** The same intent again: never a second order. Resumes an unsettled one, reports a settled one. */
  async #resume(existing: Order, sized: SizedOrder): Promise<SubmitResult> {
    if (existing.intentId !== sized.intentId || existing.symbol !== sized.symbol || existing.side !== sized.side || existing.type !== sized.type) {
      return err({ code: 'INTENT_REUSED', reason: 'This intent was already used for a different order, so nothing was sent.', detail: `intent ${sized.intentId} is order ${existing.clientOrderId} (${existing.symbol} ${existing.side} ${existing.type})` });
    }
    if (existing.status === 'PENDING_SUBMIT' || existing.status === 'UNKNOWN') {
      return ok(await this.#lifecycle.resolve(existing, { action: 'resubmit' }));
    }
    return ok(existing);
  }

  #cancelDeps(): { calls: ExchangeCalls; clock: ExecutionClock; lifecycle: OrderLifecycle } {
    return { calls: this.#calls, clock: this.#clock, lifecycle: this.#lifecycle };
  }

  #reconcileDeps(): Parameters<typeof reconcile>[0] {
    return {
      calls: this.#calls,
      clock: this.#clock,
      store: this.#store,
      lifecycle: this.#lifecycle,
      isBusy: (clientOrderId) => this.#locks.has(clientOrderId),
      withOrder: (clientOrderId, work) => this.#withOrder(clientOrderId, work),
      setMarkets: (markets) => {
        this.#markets = markets;
      },
    };
  }

  /** Read answers wait for the next commit; every public operation ends with them on disk. */
  async #flushingAfter<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      this.#store.flush();
    }
  }

  /** One piece of work per order at a time: two concurrent calls for one intent must not both send. */
  async #withOrder<T>(clientOrderId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(clientOrderId) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.#locks.set(clientOrderId, settled);
    try {
      return await run;
    } finally {
      if (this.#locks.get(clientOrderId) === settled) this.#locks.delete(clientOrderId);
    }
  }
}
