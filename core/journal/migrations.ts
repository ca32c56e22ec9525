import type { DatabaseSync } from 'node:sqlite';
import { JournalError } from './journalError.ts';

/**
 * Forward-only schema migrations, per namespace, so each layer (journal, execution, risk…) owns
 * its own tables in the one journal file without coordinating version numbers with the others.
 * Applied versions are recorded in `schema_version`; a migration never runs twice and there is no
 * "down": a released migration is never edited, a fix is a new version.
 */
export interface Migration {
  /** 1, 2, 3… in order, without gaps, within its namespace. */
  readonly version: number;
  readonly description: string;
  /** SQL to execute, or a function for changes SQL alone cannot express. */
  readonly up: string | ((db: DatabaseSync) => void);
}

const NAMESPACE_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

export function createSchemaVersionTable(db: DatabaseSync): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    namespace TEXT NOT NULL,
    version INTEGER NOT NULL,
    description TEXT NOT NULL,
    applied_at_ms INTEGER NOT NULL,
    PRIMARY KEY (namespace, version)
  ) STRICT`);
}

export function validateMigrations(namespace: string, migrations: readonly Migration[]): void {
  if (!NAMESPACE_PATTERN.test(namespace)) {
    throw new JournalError('INVALID_MIGRATIONS', `The migration namespace "${namespace}" is not valid.`, 'Use lower case letters, digits and _, starting with a letter.');
  }
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new JournalError(
        'INVALID_MIGRATIONS',
        `The database changes for "${namespace}" are out of order.`,
        `Migration at position ${index} has version ${migration.version}; versions must be 1, 2, 3… without gaps.`,
      );
    }
  });
}

export function appliedVersion(db: DatabaseSync, namespace: string): number {
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_version WHERE namespace = ?').get(namespace);
  const version = row?.version;
  return typeof version === 'number' ? version : 0;
}

/**
 * Refuses a file written by a newer Ballast: running older code against a schema it does not know
 * could damage orders or the audit trail.
 */
export function refuseNewerSchema(namespace: string, applied: number, known: number): void {
  if (applied > known) {
    throw new JournalError(
      'JOURNAL_TOO_NEW',
      'This journal was written by a newer version of Ballast. To avoid damaging it, this version will not open it. Please update Ballast.',
      `Namespace "${namespace}" is at schema version ${applied}; this version knows up to ${known}.`,
    );
  }
}

/** Runs one migration and records it. The caller wraps this in a transaction. */
export function applyMigration(db: DatabaseSync, namespace: string, migration: Migration, appliedAtMs: number): void {
  if (typeof migration.up === 'string') db.exec(migration.up);
  else migration.up(db);
  db.prepare('INSERT INTO schema_version (namespace, version, description, applied_at_ms) VALUES (?, ?, ?, ?)').run(
    namespace,
    migration.version,
    migration.description,
    appliedAtMs,
  );
}
