import type { StatementSync } from 'node:sqlite';
import { z } from 'zod';
import type { Journal } from '../journal/index.ts';
import { EXECUTION_MIGRATIONS } from './executionSchema.ts';
import type { FeePaid, OrderStatus } from './exchangePort.ts';
import { fillFromRow, insertFillSql } from './fillRows.ts';
import type { Fill, Order } from './order.ts';
import type { BalanceSnapshot, OrderPatch, OrderStore } from './orderStore.ts';
import type { ClientSideStop } from './protectiveStops.ts';

export type { OrderPatch } from './orderStore.ts';

const feesSchema = z.array(z.object({ asset: z.string(), amount: z.number() }));
const snapshotSchema = z.record(z.string(), z.number());
const COLUMNS = `client_order_id, intent_id, origin, purpose, symbol, side, type, amount_base, limit_price_quote,
  stop_price_quote, reduce_only, status, exchange_order_id, filled_base, average_price_quote, fees_json,
  parent_client_order_id, protective_stop_price_quote, submit_attempts, status_reason, confirmed_by_exchange,
  exchange_created_at_ms, created_at_ms, updated_at_ms`;
const MAX_PENDING_RESPONSES = 64;
const NON_TERMINAL = `('PENDING_SUBMIT', 'OPEN', 'PARTIALLY_FILLED', 'UNKNOWN')`;

type Row = Record<string, unknown>;
const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const strOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null);

function orderFromRow(row: Row): Order {
  return {
    clientOrderId: String(row.client_order_id),
    intentId: String(row.intent_id),
    origin: String(row.origin) as Order['origin'],
    purpose: String(row.purpose) as Order['purpose'],
    symbol: String(row.symbol),
    side: row.side === 'sell' ? 'sell' : 'buy',
    type: String(row.type) as Order['type'],
    amountBase: num(row.amount_base),
    limitPriceQuote: numOrNull(row.limit_price_quote),
    stopPriceQuote: numOrNull(row.stop_price_quote),
    reduceOnly: row.reduce_only === 1,
    status: String(row.status) as OrderStatus,
    exchangeOrderId: strOrNull(row.exchange_order_id),
    filledBase: num(row.filled_base),
    averagePriceQuote: numOrNull(row.average_price_quote),
    fees: feesSchema.parse(JSON.parse(String(row.fees_json))),
    parentClientOrderId: strOrNull(row.parent_client_order_id),
    protectiveStopPriceQuote: numOrNull(row.protective_stop_price_quote),
    submitAttempts: num(row.submit_attempts),
    statusReason: strOrNull(row.status_reason),
    confirmedByExchange: row.confirmed_by_exchange === 1,
    exchangeCreatedAtMs: numOrNull(row.exchange_created_at_ms),
    createdAtMs: num(row.created_at_ms),
    updatedAtMs: num(row.updated_at_ms),
  };
}

/** A row's values; free text goes through the journal's secret masking like every audit row. */
function rowValues(order: Order, journal: Journal): (string | number | null)[] {
  return [
    order.clientOrderId, order.intentId, order.origin, order.purpose, order.symbol, order.side, order.type, order.amountBase,
    order.limitPriceQuote, order.stopPriceQuote, order.reduceOnly ? 1 : 0, order.status, order.exchangeOrderId, order.filledBase,
    order.averagePriceQuote, JSON.stringify(order.fees satisfies readonly FeePaid[]), order.parentClientOrderId,
    order.protectiveStopPriceQuote, order.submitAttempts, order.statusReason === null ? null : journal.redactText(order.statusReason), order.confirmedByExchange ? 1 : 0,
    order.exchangeCreatedAtMs, order.createdAtMs, order.updatedAtMs,
  ];
}

/**
 * Orders and fills in the journal. Every write is one journal transaction holding the row change
 * and its audit event, committed with synchronous = FULL before the method returns: an order row
 * is on disk before its request leaves, and every step after it is too.
 */
export class OrderJournal implements OrderStore {
  readonly #journal: Journal;
  readonly #insert: StatementSync;
  readonly #replace: StatementSync;
  readonly #byClientId: StatementSync;
  readonly #byIntentId: StatementSync;
  readonly #byExchangeId: StatementSync;
  readonly #insertFill: StatementSync;
  readonly #filledByOrder: StatementSync;
  /** Answers to reads, waiting to share the next commit (see `recordResponse`). */
  readonly #pendingResponses: { atMs: number; subject: string | null; payload: Record<string, unknown> }[] = [];

  constructor(journal: Journal) {
    journal.registerMigrations('execution', EXECUTION_MIGRATIONS);
    this.#journal = journal;
    const db = journal.db;
    const placeholders = COLUMNS.split(',').map(() => '?').join(', ');
    this.#insert = db.prepare(`INSERT INTO execution_orders (${COLUMNS}) VALUES (${placeholders})`);
    this.#replace = db.prepare(`INSERT OR REPLACE INTO execution_orders (${COLUMNS}) VALUES (${placeholders})`);
    this.#byClientId = db.prepare(`SELECT ${COLUMNS} FROM execution_orders WHERE client_order_id = ?`);
    this.#byIntentId = db.prepare(`SELECT ${COLUMNS} FROM execution_orders WHERE intent_id = ?`);
    this.#byExchangeId = db.prepare(`SELECT ${COLUMNS} FROM execution_orders WHERE symbol = ? AND exchange_order_id = ?`);
    this.#insertFill = db.prepare(insertFillSql);
    this.#filledByOrder = db.prepare('SELECT COALESCE(SUM(amount_base), 0) AS filled FROM execution_fills WHERE client_order_id = ?');
  }

  get journal(): Journal {
    return this.#journal;
  }

  /** Runs `fn` as one durable transaction (nested calls join it), after any read answers still waiting. */
  atomically<T>(fn: () => T): T {
    if (this.#journal.db.isTransaction) return this.#journal.transaction(fn);
    const waiting = this.#pendingResponses.splice(0);
    try {
      return this.#journal.transaction(() => {
        for (const response of waiting) this.#journal.append({ atMs: response.atMs, kind: 'exchange_response', subject: response.subject, payload: response.payload });
        return fn();
      });
    } catch (error) {
      this.#pendingResponses.unshift(...waiting);
      throw error;
    }
  }

  /** Commits the read answers still waiting; the OrderManager calls this at the end of every operation. */
  flush(): void {
    if (this.#pendingResponses.length > 0) this.atomically(() => undefined);
  }

  /** Journals a new order (normally PENDING_SUBMIT) with its audit event. Throws if the intent already has one. */
  insert(order: Order, details: Record<string, unknown>): Order {
    this.atomically(() => {
      this.#insert.run(...rowValues(order, this.#journal));
      this.#audit(order, order.updatedAtMs, 'journaled', { ...details, order });
    });
    return order;
  }

  /** Applies `patch`, writes the audit event `event`, and returns the row as it now is. */
  update(current: Order, patch: OrderPatch, atMs: number, event: string, details: Record<string, unknown> = {}): Order {
    const next: Order = { ...current, ...patch, updatedAtMs: atMs };
    this.atomically(() => {
      this.#replace.run(...rowValues(next, this.#journal));
      this.#audit(next, atMs, event, { from: current.status, to: next.status, ...details });
    });
    return next;
  }

  /** An order found on the exchange with no row of its own (journal lost or restored from an old copy). */
  adopt(order: Order, details: Record<string, unknown>): Order {
    this.atomically(() => {
      this.#insert.run(...rowValues(order, this.#journal));
      this.#audit(order, order.updatedAtMs, 'adopted', { ...details, order });
    });
    return order;
  }

  get(clientOrderId: string): Order | undefined {
    const row = this.#byClientId.get(clientOrderId);
    return row === undefined ? undefined : orderFromRow(row);
  }

  byIntentId(intentId: string): Order | undefined {
    const row = this.#byIntentId.get(intentId);
    return row === undefined ? undefined : orderFromRow(row);
  }

  byExchangeOrderId(symbol: string, exchangeOrderId: string): Order | undefined {
    const row = this.#byExchangeId.get(symbol, exchangeOrderId);
    return row === undefined ? undefined : orderFromRow(row);
  }

  nonTerminal(): Order[] {
    return this.#statement(`SELECT ${COLUMNS} FROM execution_orders WHERE status IN ${NON_TERMINAL} ORDER BY created_at_ms, rowid`).all().map(orderFromRow);
  }

  all(): Order[] {
    return this.#statement(`SELECT ${COLUMNS} FROM execution_orders ORDER BY created_at_ms, rowid`).all().map(orderFromRow);
  }

  /** Statements are compiled once per journal: compiling costs more than running these queries. */
  readonly #statements = new Map<string, StatementSync>();

  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#journal.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  childrenOf(parentClientOrderId: string): Order[] {
    return this.#statement(`SELECT ${COLUMNS} FROM execution_orders WHERE parent_client_order_id = ? ORDER BY rowid`).all(parentClientOrderId).map(orderFromRow);
  }

  /** Orders whose recorded fills fall short of what the exchange says they filled. */
  withMissingFills(): Order[] {
    return this
      .#statement(
        `SELECT ${COLUMNS.split(',').map((c) => `o.${c.trim()}`).join(', ')} FROM execution_orders o
         LEFT JOIN (SELECT client_order_id, SUM(amount_base) AS recorded FROM execution_fills GROUP BY client_order_id) f
           ON f.client_order_id = o.client_order_id
         WHERE o.filled_base > COALESCE(f.recorded, 0) + 1e-12 ORDER BY o.created_at_ms, o.rowid`,
      )
      .all()
      .map(orderFromRow);
  }

  /** Records the fills not yet known (by symbol and trade id) with a 'fill' audit event each; returns those. */
  insertFills(fills: readonly Fill[], atMs: number): Fill[] {
    return this.atomically(() => {
      const added: Fill[] = [];
      for (const fill of fills) {
        const result = this.#insertFill.run(fill.symbol, fill.tradeId, fill.clientOrderId, fill.exchangeOrderId, fill.side, fill.priceQuote, fill.amountBase, fill.fee?.asset ?? null, fill.fee?.amount ?? null, fill.atMs);
        if (result.changes === 0) continue;
        added.push(fill);
        this.#journal.append({ atMs, kind: 'fill', subject: fill.clientOrderId, payload: { ...fill } });
      }
      return added;
    });
  }

  fillsOf(clientOrderId: string): Fill[] {
    return this.#statement('SELECT * FROM execution_fills WHERE client_order_id = ? ORDER BY seq').all(clientOrderId).map(fillFromRow);
  }

  recordedFilledBase(clientOrderId: string): number {
    return Number(this.#filledByOrder.get(clientOrderId)?.filled ?? 0);
  }

  fills(afterSeq = 0): Fill[] {
    return this.#statement('SELECT * FROM execution_fills WHERE seq > ? ORDER BY seq').all(afterSeq).map(fillFromRow);
  }

  lastFillSeq(): number {
    return Number(this.#statement('SELECT COALESCE(MAX(seq), 0) AS seq FROM execution_fills').get()?.seq ?? 0);
  }

  /**
   * An exchange answer about an order (or a call without one, subject null), for the audit trail.
   * Inside a transaction it is written at once. Otherwise (answers to reads, which change nothing)
   * it waits for the next commit, so a burst of lookups costs one disk flush instead of one each;
   * anything written after it is written after it in the chain too, so the order of events holds.
   */
  recordResponse(subject: string | null, atMs: number, payload: Record<string, unknown>): void {
    if (this.#journal.db.isTransaction) {
      this.#journal.append({ atMs, kind: 'exchange_response', subject, payload });
      return;
    }
    this.#pendingResponses.push({ atMs, subject, payload });
    if (this.#pendingResponses.length >= MAX_PENDING_RESPONSES) this.flush();
  }

  recordEvent(kind: 'order' | 'system' | 'alert', subject: string | null, atMs: number, payload: Record<string, unknown>): void {
    this.atomically(() => this.#journal.append({ atMs, kind, subject, payload }));
  }

  activeClientStops(): ClientSideStop[] {
    return this
      .#statement('SELECT entry_client_order_id, symbol, amount_base, stop_price_quote, reason FROM execution_client_stops WHERE active = 1 ORDER BY rowid')
      .all()
      .map((row) => ({ entryClientOrderId: String(row.entry_client_order_id), symbol: String(row.symbol), amountBase: Number(row.amount_base), stopPriceQuote: Number(row.stop_price_quote), reason: String(row.reason) }));
  }

  registerClientStop(stop: ClientSideStop, atMs: number): void {
    this.atomically(() => {
      this.#statement(
        `INSERT INTO execution_client_stops (entry_client_order_id, symbol, amount_base, stop_price_quote, active, reason, updated_at_ms) VALUES (?, ?, ?, ?, 1, ?, ?)
           ON CONFLICT (entry_client_order_id) DO UPDATE SET amount_base = excluded.amount_base, stop_price_quote = excluded.stop_price_quote, reason = excluded.reason, updated_at_ms = excluded.updated_at_ms
           WHERE active = 1`,
      ).run(stop.entryClientOrderId, stop.symbol, stop.amountBase, stop.stopPriceQuote, stop.reason, atMs);
      this.recordEvent('order', stop.entryClientOrderId, atMs, { event: 'client_stop_registered', amountBase: stop.amountBase, stopPriceQuote: stop.stopPriceQuote, reason: stop.reason });
    });
  }

  deactivateClientStop(stop: ClientSideStop, atMs: number, priceQuote: number): void {
    this.atomically(() => {
      this.#statement('UPDATE execution_client_stops SET active = 0, updated_at_ms = ? WHERE entry_client_order_id = ?').run(atMs, stop.entryClientOrderId);
      this.recordEvent('order', stop.entryClientOrderId, atMs, { event: 'client_stop_triggered', ...stop, priceQuote });
    });
  }

  lastBalanceSnapshot(): BalanceSnapshot | undefined {
    const last = this.#statement('SELECT fill_seq, balances_json FROM execution_balance_snapshots ORDER BY seq DESC LIMIT 1').get();
    if (last === undefined) return undefined;
    return { fillSeq: Number(last.fill_seq), balances: snapshotSchema.parse(JSON.parse(String(last.balances_json))) };
  }

  recordBalanceSnapshot(atMs: number, balances: Readonly<Record<string, number>>, discrepancies: readonly unknown[]): void {
    this.atomically(() => {
      this.#statement('INSERT INTO execution_balance_snapshots (at_ms, fill_seq, balances_json) VALUES (?, ?, ?)').run(atMs, this.lastFillSeq(), JSON.stringify(balances));
      this.recordEvent('system', null, atMs, { event: 'balance_snapshot', balances, discrepancies });
    });
  }

  #audit(order: Order, atMs: number, event: string, details: Record<string, unknown>): void {
    this.#journal.append({ atMs, kind: 'order', subject: order.clientOrderId, payload: { event, intentId: order.intentId, status: order.status, filledBase: order.filledBase, ...details } });
  }
}
