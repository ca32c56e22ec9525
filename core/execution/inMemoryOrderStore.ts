import { isTerminal } from './orderStatus.ts';
import type { Fill, Order } from './order.ts';
import type { BalanceSnapshot, OrderPatch, OrderStore } from './orderStore.ts';
import type { ClientSideStop } from './protectiveStops.ts';

const FILL_EPSILON = 1e-12;

/** What an in-memory store recorded, for the summary a backtest prints at the end. */
export interface OrderStoreSummary {
  readonly orders: number;
  readonly fills: number;
  /** Orders by their final (or current) status. */
  readonly ordersByStatus: Readonly<Record<string, number>>;
  /** Audit events by kind ('order', 'fill', 'exchange_response', 'system', 'alert'). */
  readonly eventsByKind: Readonly<Record<string, number>>;
  /** Order events by name ('journaled', 'accepted', 'rejected', 'refused_locally', …). */
  readonly orderEvents: Readonly<Record<string, number>>;
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/**
 * Orders and fills in memory, with the same answers as the journal's tables: a backtest replays
 * history with nothing to recover after a crash, so it needs no disk write (and no fsync) per
 * order. Audit events are counted, not kept: the run is summarised at the end, and the
 * fingerprint covers every fill. Row order follows SQLite's: a replaced row moves to the end.
 */
export class InMemoryOrderStore implements OrderStore {
  /** Each order with SQLite's rowid: the order of insertion, renewed by every replace. */
  readonly #rows = new Map<string, { order: Order; rowId: number }>();
  readonly #byIntent = new Map<string, string>();
  /** Per symbol, exchange order id → client order id. */
  readonly #byExchangeId = new Map<string, Map<string, string>>();
  readonly #children = new Map<string, string[]>();
  readonly #open = new Set<string>();
  /** Orders that filled more than their recorded fills cover. */
  readonly #shortOfFills = new Set<string>();
  readonly #fills: Fill[] = [];
  /** Per symbol, the trade ids recorded (the journal's UNIQUE (symbol, trade_id)). */
  readonly #tradeIds = new Map<string, Set<string>>();
  readonly #fillsByOrder = new Map<string, Fill[]>();
  readonly #filledByOrder = new Map<string, number>();
  readonly #clientStops = new Map<string, { stop: ClientSideStop; active: boolean }>();
  readonly #snapshots: BalanceSnapshot[] = [];
  readonly #eventsByKind = new Map<string, number>();
  readonly #orderEvents = new Map<string, number>();
  #nextRowId = 1;

  atomically<T>(fn: () => T): T {
    return fn();
  }

  flush(): void {
    // Nothing waits for a commit in memory.
  }

  insert(order: Order, _details: Record<string, unknown>): Order {
    this.#add(order);
    this.#orderEvent('journaled');
    return order;
  }

  update(current: Order, patch: OrderPatch, atMs: number, event: string, _details?: Record<string, unknown>): Order {
    const next: Order = { ...current, ...patch, updatedAtMs: atMs };
    this.#put(next);
    this.#orderEvent(event);
    return next;
  }

  adopt(order: Order, _details: Record<string, unknown>): Order {
    this.#add(order);
    this.#orderEvent('adopted');
    return order;
  }

  get(clientOrderId: string): Order | undefined {
    return this.#rows.get(clientOrderId)?.order;
  }

  byIntentId(intentId: string): Order | undefined {
    const clientOrderId = this.#byIntent.get(intentId);
    return clientOrderId === undefined ? undefined : this.get(clientOrderId);
  }

  byExchangeOrderId(symbol: string, exchangeOrderId: string): Order | undefined {
    const clientOrderId = this.#byExchangeId.get(symbol)?.get(exchangeOrderId);
    return clientOrderId === undefined ? undefined : this.get(clientOrderId);
  }

  nonTerminal(): Order[] {
    return this.#ordered(this.#open);
  }

  all(): Order[] {
    return this.#ordered(this.#rows.keys());
  }

  childrenOf(parentClientOrderId: string): Order[] {
    const ids = this.#children.get(parentClientOrderId) ?? [];
    return this.#ordered(ids, (a, b) => a.rowId - b.rowId);
  }

  withMissingFills(): Order[] {
    return this.#ordered(this.#shortOfFills);
  }

  insertFills(fills: readonly Fill[], _atMs: number): Fill[] {
    const added: Fill[] = [];
    for (const fill of fills) {
      let tradeIds = this.#tradeIds.get(fill.symbol);
      if (tradeIds === undefined) {
        tradeIds = new Set();
        this.#tradeIds.set(fill.symbol, tradeIds);
      }
      if (tradeIds.has(fill.tradeId)) continue;
      tradeIds.add(fill.tradeId);
      this.#fills.push(fill);
      const ofOrder = this.#fillsByOrder.get(fill.clientOrderId);
      if (ofOrder === undefined) this.#fillsByOrder.set(fill.clientOrderId, [fill]);
      else ofOrder.push(fill);
      this.#filledByOrder.set(fill.clientOrderId, (this.#filledByOrder.get(fill.clientOrderId) ?? 0) + fill.amountBase);
      const owner = this.get(fill.clientOrderId);
      if (owner !== undefined) this.#checkFills(owner);
      bump(this.#eventsByKind, 'fill');
      added.push(fill);
    }
    return added;
  }

  fillsOf(clientOrderId: string): Fill[] {
    return (this.#fillsByOrder.get(clientOrderId) ?? []).slice();
  }

  recordedFilledBase(clientOrderId: string): number {
    return this.#filledByOrder.get(clientOrderId) ?? 0;
  }

  fills(afterSeq = 0): Fill[] {
    return this.#fills.slice(Math.max(0, afterSeq));
  }

  lastFillSeq(): number {
    return this.#fills.length;
  }

  recordResponse(_subject: string | null, _atMs: number, _payload: Record<string, unknown>): void {
    bump(this.#eventsByKind, 'exchange_response');
  }

  recordEvent(kind: 'order' | 'system' | 'alert', _subject: string | null, _atMs: number, payload: Record<string, unknown>): void {
    bump(this.#eventsByKind, kind);
    if (kind === 'order' && typeof payload.event === 'string') bump(this.#orderEvents, payload.event);
  }

  activeClientStops(): ClientSideStop[] {
    const active: ClientSideStop[] = [];
    for (const { stop, active: watched } of this.#clientStops.values()) if (watched) active.push(stop);
    return active;
  }

  registerClientStop(stop: ClientSideStop, atMs: number): void {
    const existing = this.#clientStops.get(stop.entryClientOrderId);
    // As in the journal: a stop that already triggered stays triggered.
    if (existing === undefined) this.#clientStops.set(stop.entryClientOrderId, { stop, active: true });
    else if (existing.active) existing.stop = stop;
    this.recordEvent('order', stop.entryClientOrderId, atMs, { event: 'client_stop_registered' });
  }

  deactivateClientStop(stop: ClientSideStop, atMs: number, _priceQuote: number): void {
    const existing = this.#clientStops.get(stop.entryClientOrderId);
    if (existing !== undefined) existing.active = false;
    this.recordEvent('order', stop.entryClientOrderId, atMs, { event: 'client_stop_triggered' });
  }

  lastBalanceSnapshot(): BalanceSnapshot | undefined {
    return this.#snapshots.at(-1);
  }

  recordBalanceSnapshot(atMs: number, balances: Readonly<Record<string, number>>, _discrepancies: readonly unknown[]): void {
    this.#snapshots.push({ fillSeq: this.lastFillSeq(), balances: { ...balances } });
    this.recordEvent('system', null, atMs, { event: 'balance_snapshot' });
  }

  summary(): OrderStoreSummary {
    const ordersByStatus: Record<string, number> = {};
    for (const { order } of this.#rows.values()) ordersByStatus[order.status] = (ordersByStatus[order.status] ?? 0) + 1;
    return {
      orders: this.#rows.size,
      fills: this.#fills.length,
      ordersByStatus,
      eventsByKind: Object.fromEntries(this.#eventsByKind),
      orderEvents: Object.fromEntries(this.#orderEvents),
    };
  }

  #orderEvent(event: string): void {
    bump(this.#eventsByKind, 'order');
    bump(this.#orderEvents, event);
  }

  #add(order: Order): void {
    // The journal's primary key and unique intent id: a second row for either is an error there too.
    if (this.#rows.has(order.clientOrderId)) throw new Error(`UNIQUE constraint failed: order ${order.clientOrderId} is already recorded`);
    if (this.#byIntent.has(order.intentId)) throw new Error(`UNIQUE constraint failed: intent ${order.intentId} already has an order`);
    this.#byIntent.set(order.intentId, order.clientOrderId);
    if (order.parentClientOrderId !== null) {
      const siblings = this.#children.get(order.parentClientOrderId);
      if (siblings === undefined) this.#children.set(order.parentClientOrderId, [order.clientOrderId]);
      else siblings.push(order.clientOrderId);
    }
    this.#put(order);
  }

  #put(order: Order): void {
    const id = order.clientOrderId;
    const row = this.#rows.get(id);
    const previous = row?.order;
    if (row === undefined) this.#rows.set(id, { order, rowId: this.#nextRowId++ });
    else {
      row.order = order;
      row.rowId = this.#nextRowId++;
    }
    if (isTerminal(order.status)) this.#open.delete(id);
    else this.#open.add(id);
    if (order.exchangeOrderId !== null && order.exchangeOrderId !== previous?.exchangeOrderId) {
      let ids = this.#byExchangeId.get(order.symbol);
      if (ids === undefined) {
        ids = new Map();
        this.#byExchangeId.set(order.symbol, ids);
      }
      ids.set(order.exchangeOrderId, id);
    }
    this.#checkFills(order);
  }

  #checkFills(order: Order): void {
    if (order.filledBase > this.recordedFilledBase(order.clientOrderId) + FILL_EPSILON) this.#shortOfFills.add(order.clientOrderId);
    else this.#shortOfFills.delete(order.clientOrderId);
  }

  /** Orders by creation time, then row (SQLite's ORDER BY created_at_ms, rowid), unless told otherwise. */
  #ordered(ids: Iterable<string>, compare?: (a: { order: Order; rowId: number }, b: { order: Order; rowId: number }) => number): Order[] {
    const rows: { order: Order; rowId: number }[] = [];
    for (const id of ids) {
      const row = this.#rows.get(id);
      if (row !== undefined) rows.push(row);
    }
    if (rows.length > 1) rows.sort(compare ?? ((a, b) => a.order.createdAtMs - b.order.createdAtMs || a.rowId - b.rowId));
    return rows.map((row) => row.order);
  }
}
