import type { Journal, Migration } from '../journal/index.ts';

/**
 * The risk layer's tables in the journal file. One row each: the latched trading state (with the
 * triggers that are still active) and the equity watermarks. Written in the same transaction
 * as the audit event that explains the change, so the two cannot disagree after a crash.
 */
export const RISK_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'latched trading state and equity watermarks',
    up: `
      CREATE TABLE risk_trading_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        record TEXT NOT NULL,
        audit_seq INTEGER,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE risk_equity_marks (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        record TEXT NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT;
    `,
  },
];

export function ensureRiskTables(journal: Journal): void {
  journal.registerMigrations('risk', RISK_MIGRATIONS);
}

/** The stored JSON of a single-row table, or undefined when nothing was stored yet. */
export function readSingleRow(journal: Journal, table: 'risk_trading_state' | 'risk_equity_marks'): string | undefined {
  const row = journal.db.prepare(`SELECT record FROM ${table} WHERE id = 1`).get();
  if (row === undefined) return undefined;
  const record = row.record;
  return typeof record === 'string' ? record : '';
}

export function writeSingleRow(journal: Journal, table: 'risk_trading_state' | 'risk_equity_marks', record: string, atMs: number, auditSeq?: number): void {
  if (table === 'risk_trading_state') {
    journal.db
      .prepare('INSERT INTO risk_trading_state (id, record, audit_seq, updated_at_ms) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET record = excluded.record, audit_seq = excluded.audit_seq, updated_at_ms = excluded.updated_at_ms')
      .run(journal.redactText(record), auditSeq ?? null, atMs);
  } else {
    journal.db
      .prepare('INSERT INTO risk_equity_marks (id, record, updated_at_ms) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET record = excluded.record, updated_at_ms = excluded.updated_at_ms')
      .run(record, atMs);
  }
}
