import type { Migration } from '../journal/index.ts';

/** The execution layer's tables in the journal file (namespace "execution"). Released migrations are never edited. */
export const EXECUTION_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'orders, fills, balance snapshots and client-side stops',
    up: `
      CREATE TABLE execution_orders (
        client_order_id TEXT PRIMARY KEY,
        intent_id TEXT NOT NULL UNIQUE,
        origin TEXT NOT NULL,
        purpose TEXT NOT NULL,
        symbol TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        type TEXT NOT NULL,
        amount_base REAL NOT NULL,
        limit_price_quote REAL,
        stop_price_quote REAL,
        reduce_only INTEGER NOT NULL,
        status TEXT NOT NULL,
        exchange_order_id TEXT,
        filled_base REAL NOT NULL DEFAULT 0,
        average_price_quote REAL,
        fees_json TEXT NOT NULL DEFAULT '[]',
        parent_client_order_id TEXT,
        protective_stop_price_quote REAL,
        submit_attempts INTEGER NOT NULL DEFAULT 0,
        status_reason TEXT,
        confirmed_by_exchange INTEGER NOT NULL DEFAULT 0,
        exchange_created_at_ms INTEGER,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX execution_orders_by_status ON execution_orders (status);
      CREATE INDEX execution_orders_by_exchange_id ON execution_orders (symbol, exchange_order_id);
      CREATE INDEX execution_orders_by_parent ON execution_orders (parent_client_order_id);
      CREATE TABLE execution_fills (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        symbol TEXT NOT NULL,
        trade_id TEXT NOT NULL,
        client_order_id TEXT NOT NULL REFERENCES execution_orders (client_order_id),
        exchange_order_id TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        price_quote REAL NOT NULL,
        amount_base REAL NOT NULL,
        fee_asset TEXT,
        fee_amount REAL,
        at_ms INTEGER NOT NULL,
        UNIQUE (symbol, trade_id)
      ) STRICT;
      CREATE INDEX execution_fills_by_order ON execution_fills (client_order_id);
      CREATE TABLE execution_balance_snapshots (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at_ms INTEGER NOT NULL,
        fill_seq INTEGER NOT NULL,
        balances_json TEXT NOT NULL
      ) STRICT;
      CREATE TABLE execution_client_stops (
        entry_client_order_id TEXT PRIMARY KEY REFERENCES execution_orders (client_order_id),
        symbol TEXT NOT NULL,
        amount_base REAL NOT NULL,
        stop_price_quote REAL NOT NULL,
        active INTEGER NOT NULL,
        reason TEXT NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;
    `,
  },
];
