import type { Migration } from './migrations.ts';

export const AUDIT_TABLE = 'audit_events';

/**
 * The triggers make the audit log append-only for every program that goes through SQLite
 * normally. Anyone editing the file can drop them, which is why the hash chain and
 * `verifyJournal` exist; the journal re-creates them whenever it opens a file.
 */
export const APPEND_ONLY_TRIGGERS = `
CREATE TRIGGER IF NOT EXISTS audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: rows cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: rows cannot be deleted'); END;
`;

/**
 * Two indexes serve the Activity screen's common filters (by kind, by symbol or order id) in
 * newest-first order. Time ranges scan by seq instead: a third index would cost every append
 * more than it saves on an occasional query.
 */
export const JOURNAL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'hash-chained, append-only audit log',
    up: `
CREATE TABLE audit_events (
  seq INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_events_by_kind ON audit_events (kind, seq);
CREATE INDEX audit_events_by_subject ON audit_events (subject, seq);
${APPEND_ONLY_TRIGGERS}`,
  },
];
