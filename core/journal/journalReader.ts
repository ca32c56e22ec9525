import { DatabaseSync } from 'node:sqlite';
import { AuditQueries, type AuditFilter, type AuditPage, type AuditPageRequest } from './auditQuery.ts';
import { AUDIT_TABLE } from './auditSchema.ts';
import type { AuditEvent, ChainHead } from './auditTypes.ts';
import { describeError } from '../log/index.ts';
import { JournalError } from './journalError.ts';

/**
 * A read-only view of a journal file that another connection (a running bot) may be writing.
 * WAL gives every read a consistent snapshot of what was committed, and a read-only connection
 * can never become a second writer: it runs no migrations and re-creates no triggers, unlike
 * `openJournal`. The head is read from the file on every call, never cached.
 */
export class JournalReader {
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #queries: AuditQueries;

  constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.#db = db;
    this.#queries = new AuditQueries(db);
  }

  get isOpen(): boolean {
    return this.#db.isOpen;
  }

  /** The newest committed audit row, or undefined while the log is empty. */
  head(): ChainHead | undefined {
    this.#requireOpen();
    const row = this.#db.prepare(`SELECT seq, hash FROM ${AUDIT_TABLE} ORDER BY seq DESC LIMIT 1`).get();
    if (row === undefined) return undefined;
    const { seq, hash } = row;
    if (typeof seq !== 'number' || typeof hash !== 'string') {
      throw new JournalError('JOURNAL_UNREADABLE', 'The journal file is damaged: its last entry cannot be read.', `seq=${typeof seq}, hash=${typeof hash}`);
    }
    return { seq, hash };
  }

  query(request: AuditPageRequest = {}): AuditPage {
    this.#requireOpen();
    return this.#queries.page(request);
  }

  count(filter: AuditFilter = {}): number {
    this.#requireOpen();
    return this.#queries.count(filter);
  }

  /** Oldest first, for exports: rows with afterSeq < seq <= maxSeq. */
  readAscending(filter: AuditFilter, afterSeq: number, maxSeq: number, limit: number): AuditEvent[] {
    this.#requireOpen();
    return this.#queries.ascending(filter, afterSeq, maxSeq, limit);
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  #requireOpen(): void {
    if (!this.#db.isOpen) throw new JournalError('JOURNAL_CLOSED', 'The journal is closed.', `path ${this.path}`);
  }
}

/**
 * Opens an existing journal file for reading only. Refuses (JOURNAL_UNREADABLE) a missing file
 * or one without an audit log rather than creating anything.
 */
export function openJournalReader(path: string): JournalReader {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { readOnly: true, timeout: 5_000 });
  } catch (error) {
    throw new JournalError('JOURNAL_UNREADABLE', 'Ballast could not open this journal file to read it.', `${path}: ${describeError(error)}`, { cause: error });
  }
  try {
    const table = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = ?").get(AUDIT_TABLE);
    if (table === undefined) {
      throw new JournalError('JOURNAL_UNREADABLE', 'This file is not a Ballast journal: it has no audit log.', `${path}: no ${AUDIT_TABLE} table`);
    }
    return new JournalReader(path, db);
  } catch (error) {
    db.close();
    if (error instanceof JournalError) throw error;
    throw new JournalError('JOURNAL_UNREADABLE', 'Ballast could not read this journal file. It may be damaged or not a Ballast journal.', `${path}: ${describeError(error)}`, { cause: error });
  }
}
