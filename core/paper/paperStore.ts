import type { StatementSync } from 'node:sqlite';
import { z } from 'zod';
import type { Journal, Migration } from '../journal/index.ts';
import type { Candle } from '../market/index.ts';
import { PaperLedger, type PaperFill, type PaperOrder } from './paperLedger.ts';

/**
 * The paper account's tables in the journal file, so a paper account survives restarts and its
 * writes share the journal's durability (WAL, synchronous = FULL). Numbers are stored as REAL,
 * which keeps every double exactly: a reopened account is identical, not merely close.
 */
export const PAPER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'paper accounts: balances, orders, fills, matched bars',
    up: `
      CREATE TABLE paper_accounts (account_id TEXT PRIMARY KEY, now_ms INTEGER NOT NULL, created_at_ms INTEGER NOT NULL) STRICT;
      CREATE TABLE paper_balances (
        account_id TEXT NOT NULL, asset TEXT NOT NULL, free REAL NOT NULL, used REAL NOT NULL,
        PRIMARY KEY (account_id, asset)) STRICT;
      CREATE TABLE paper_orders (
        account_id TEXT NOT NULL, seq INTEGER NOT NULL, client_order_id TEXT NOT NULL, symbol TEXT NOT NULL,
        side TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL, amount_base REAL NOT NULL,
        filled_base REAL NOT NULL, cost_quote REAL NOT NULL, limit_price_quote REAL, stop_price_quote REAL,
        triggered INTEGER NOT NULL, locked_asset TEXT NOT NULL, locked_remaining REAL NOT NULL,
        created_at_ms INTEGER NOT NULL, active_from_ms INTEGER NOT NULL, active INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL,
        PRIMARY KEY (account_id, seq)) STRICT;
      CREATE INDEX paper_orders_open ON paper_orders (account_id, status);
      CREATE TABLE paper_fills (
        account_id TEXT NOT NULL, seq INTEGER NOT NULL, order_seq INTEGER NOT NULL, client_order_id TEXT NOT NULL,
        symbol TEXT NOT NULL, side TEXT NOT NULL, price_quote REAL NOT NULL, amount_base REAL NOT NULL,
        fee_asset TEXT NOT NULL, fee_amount REAL NOT NULL, is_maker INTEGER NOT NULL, at_ms INTEGER NOT NULL,
        PRIMARY KEY (account_id, seq)) STRICT;
      CREATE TABLE paper_reference_bars (
        account_id TEXT NOT NULL, symbol TEXT NOT NULL, open_time_ms INTEGER NOT NULL, open REAL NOT NULL,
        high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL, volume_base REAL NOT NULL,
        PRIMARY KEY (account_id, symbol)) STRICT;`,
  },
];

const side = z.enum(['buy', 'sell']);
const flag = z.union([z.literal(0), z.literal(1)]).transform((value) => value === 1);
const orderRow = z.object({
  seq: z.number().int().positive(),
  client_order_id: z.string().min(1),
  symbol: z.string().min(1),
  side,
  type: z.enum(['limit', 'market', 'stop_limit']),
  status: z.enum(['OPEN', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'REJECTED', 'EXPIRED']),
  amount_base: z.number().positive(),
  filled_base: z.number().nonnegative(),
  cost_quote: z.number().nonnegative(),
  limit_price_quote: z.number().positive().nullable(),
  stop_price_quote: z.number().positive().nullable(),
  triggered: flag,
  locked_asset: z.string().min(1),
  locked_remaining: z.number().nonnegative(),
  created_at_ms: z.number().int(),
  active_from_ms: z.number().int(),
  active: flag,
  updated_at_ms: z.number().int(),
});
const fillRow = z.object({
  seq: z.number().int().positive(),
  order_seq: z.number().int().positive(),
  client_order_id: z.string().min(1),
  symbol: z.string().min(1),
  side,
  price_quote: z.number().positive(),
  amount_base: z.number().positive(),
  fee_asset: z.string().min(1),
  fee_amount: z.number().nonnegative(),
  is_maker: flag,
  at_ms: z.number().int(),
});
const balanceRow = z.object({ asset: z.string().min(1), free: z.number().nonnegative(), used: z.number().nonnegative() });
const barRow = z.object({
  symbol: z.string().min(1),
  open_time_ms: z.number().int(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume_base: z.number().nonnegative(),
});

export interface StoredAccount {
  readonly nowMs: number;
  readonly ledger: PaperLedger;
  readonly referenceBars: ReadonlyMap<string, Candle>;
}

export class PaperStore {
  readonly #journal: Journal;
  readonly #accountId: string;
  readonly #statements: Record<'account' | 'balance' | 'order' | 'fill' | 'bar', StatementSync>;

  constructor(journal: Journal, accountId: string) {
    journal.registerMigrations('paper', PAPER_MIGRATIONS);
    this.#journal = journal;
    this.#accountId = accountId;
    const db = journal.db;
    this.#statements = {
      account: db.prepare('INSERT INTO paper_accounts (account_id, now_ms, created_at_ms) VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET now_ms = excluded.now_ms'),
      balance: db.prepare('INSERT INTO paper_balances (account_id, asset, free, used) VALUES (?, ?, ?, ?) ON CONFLICT (account_id, asset) DO UPDATE SET free = excluded.free, used = excluded.used'),
      order: db.prepare(`INSERT INTO paper_orders (account_id, seq, client_order_id, symbol, side, type, status, amount_base, filled_base, cost_quote,
          limit_price_quote, stop_price_quote, triggered, locked_asset, locked_remaining, created_at_ms, active_from_ms, active, updated_at_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (account_id, seq) DO UPDATE SET status = excluded.status, filled_base = excluded.filled_base, cost_quote = excluded.cost_quote,
          triggered = excluded.triggered, locked_remaining = excluded.locked_remaining, active = excluded.active, updated_at_ms = excluded.updated_at_ms`),
      fill: db.prepare(`INSERT INTO paper_fills (account_id, seq, order_seq, client_order_id, symbol, side, price_quote, amount_base, fee_asset, fee_amount, is_maker, at_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      bar: db.prepare(`INSERT INTO paper_reference_bars (account_id, symbol, open_time_ms, open, high, low, close, volume_base) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (account_id, symbol) DO UPDATE SET open_time_ms = excluded.open_time_ms, open = excluded.open, high = excluded.high,
          low = excluded.low, close = excluded.close, volume_base = excluded.volume_base`),
    };
  }

  /** The stored account, or undefined when this account id has never been used in this file. */
  load(): StoredAccount | undefined {
    const db = this.#journal.db;
    const id = this.#accountId;
    const account = z.object({ now_ms: z.number().int() }).optional().parse(db.prepare('SELECT now_ms FROM paper_accounts WHERE account_id = ?').get(id));
    if (account === undefined) return undefined;
    const ledger = new PaperLedger();
    for (const row of z.array(balanceRow).parse(db.prepare('SELECT asset, free, used FROM paper_balances WHERE account_id = ? ORDER BY asset').all(id))) {
      ledger.setBalance(row.asset, row.free, row.used);
    }
    for (const row of z.array(orderRow).parse(db.prepare('SELECT * FROM paper_orders WHERE account_id = ? ORDER BY seq').all(id))) {
      ledger.addOrder(orderFromRow(row));
    }
    for (const row of z.array(fillRow).parse(db.prepare('SELECT * FROM paper_fills WHERE account_id = ? ORDER BY seq').all(id))) {
      ledger.addFill(fillFromRow(row));
    }
    ledger.clearDirty();
    const referenceBars = new Map<string, Candle>();
    for (const row of z.array(barRow).parse(db.prepare('SELECT * FROM paper_reference_bars WHERE account_id = ?').all(id))) {
      referenceBars.set(row.symbol, { openTimeMs: row.open_time_ms, open: row.open, high: row.high, low: row.low, close: row.close, volumeBase: row.volume_base });
    }
    return { nowMs: account.now_ms, ledger, referenceBars };
  }

  /**
   * Inside a journal batch, schedules `write` for just before the batch commits and returns
   * true; outside one returns false.
   */
  deferUntilCommit(owner: object, write: () => void): boolean {
    return this.#journal.deferUntilCommit(owner, write);
  }

  /** Only the clock and the reference bars: what a bar with no trading activity changes. */
  saveClock(nowMs: number, createdAtMs: number, changedBars: ReadonlyMap<string, Candle>): void {
    const id = this.#accountId;
    const s = this.#statements;
    this.#journal.transaction(() => {
      s.account.run(id, nowMs, createdAtMs);
      for (const [symbol, bar] of changedBars) s.bar.run(id, symbol, bar.openTimeMs, bar.open, bar.high, bar.low, bar.close, bar.volumeBase);
    });
  }

  /** Writes what changed in one transaction; on failure nothing is written and the error is rethrown. */
  save(ledger: PaperLedger, nowMs: number, createdAtMs: number, changedBars: ReadonlyMap<string, Candle>): void {
    const id = this.#accountId;
    const s = this.#statements;
    this.#journal.transaction(() => {
      s.account.run(id, nowMs, createdAtMs);
      for (const asset of ledger.dirtyAssets) {
        const { free, used } = ledger.balance(asset);
        s.balance.run(id, asset, free, used);
      }
      for (const seq of ledger.dirtyOrders) {
        const order = ledger.order(seq);
        if (order === undefined) continue;
        s.order.run(id, order.seq, order.clientOrderId, order.symbol, order.side, order.type, order.status, order.amountBase, order.filledBase, order.costQuote,
          order.limitPriceQuote, order.stopPriceQuote, order.triggered ? 1 : 0, order.lockedAsset, order.lockedRemaining, order.createdAtMs,
          order.activeFromMs, order.active ? 1 : 0, order.updatedAtMs);
      }
      for (const fill of ledger.newFills) {
        s.fill.run(id, fill.seq, fill.orderSeq, fill.clientOrderId, fill.symbol, fill.side, fill.priceQuote, fill.amountBase, fill.feeAsset, fill.feeAmount,
          fill.isMaker ? 1 : 0, fill.atMs);
      }
      for (const [symbol, bar] of changedBars) s.bar.run(id, symbol, bar.openTimeMs, bar.open, bar.high, bar.low, bar.close, bar.volumeBase);
    });
    ledger.clearDirty();
  }
}

function orderFromRow(row: z.infer<typeof orderRow>): PaperOrder {
  return {
    seq: row.seq,
    clientOrderId: row.client_order_id,
    symbol: row.symbol,
    side: row.side,
    type: row.type,
    status: row.status,
    amountBase: row.amount_base,
    filledBase: row.filled_base,
    costQuote: row.cost_quote,
    limitPriceQuote: row.limit_price_quote,
    stopPriceQuote: row.stop_price_quote,
    triggered: row.triggered,
    lockedAsset: row.locked_asset,
    lockedRemaining: row.locked_remaining,
    createdAtMs: row.created_at_ms,
    activeFromMs: row.active_from_ms,
    active: row.active,
    updatedAtMs: row.updated_at_ms,
  };
}

function fillFromRow(row: z.infer<typeof fillRow>): PaperFill {
  return {
    seq: row.seq,
    orderSeq: row.order_seq,
    clientOrderId: row.client_order_id,
    symbol: row.symbol,
    side: row.side,
    priceQuote: row.price_quote,
    amountBase: row.amount_base,
    feeAsset: row.fee_asset,
    feeAmount: row.fee_amount,
    isMaker: row.is_maker,
    atMs: row.at_ms,
  };
}
