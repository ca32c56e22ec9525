import { DatabaseSync } from 'node:sqlite';
import { AuditLog } from './auditLog.ts';
import { AuditQueries, type AuditFilter, type AuditPage, type AuditPageRequest } from './auditQuery.ts';
import { APPEND_ONLY_TRIGGERS, JOURNAL_MIGRATIONS } from './auditSchema.ts';
import type { AppendOptions, AuditEvent, AuditEventInput, ChainHead } from './auditTypes.ts';
import { JournalError } from './journalError.ts';
import { applyMigration, appliedVersion, createSchemaVersionTable, refuseNewerSchema, validateMigrations, type Migration } from './migrations.ts';
import { describeError, SecretRedactor } from '../log/index.ts';
import { TransactionScope } from './transactionScope.ts';

const IN_MEMORY = ':memory:';

/**
 * One journal file: the audit log and, through `registerMigrations` and `db`, the tables other
 * layers keep in it (orders, fills, latched trading state…), all on one connection so that one
 * `transaction()` can cover an order row and its audit event together.
 */
export class Journal {
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #redactor = new SecretRedactor();
  readonly #scope: TransactionScope<ChainHead | undefined>;
  readonly #audit: AuditLog;
  readonly #queries: AuditQueries;

  constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.#db = db;
    this.#scope = new TransactionScope(db, {
      snapshot: () => this.#audit.head,
      restore: (head) => {
        this.#audit.head = head;
      },
    });
    createSchemaVersionTable(db);
    // The audit log's own tables must exist before the chain head can be read, so these run
    // with plain transactions, before anything can roll rows back.
    migrate(db, 'journal', JOURNAL_MIGRATIONS, (apply) => {
      db.exec('BEGIN IMMEDIATE');
      try {
        apply();
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    });
    // A person editing the file may have dropped them; they cost nothing to restore.
    db.exec(APPEND_ONLY_TRIGGERS);
    this.#audit = new AuditLog(db, this.#redactor);
    this.#queries = new AuditQueries(db);
  }

  /** The SQLite connection, for layers that keep their own tables here. Use `transaction()`, not BEGIN. */
  get db(): DatabaseSync {
    this.#requireOpen();
    return this.#db;
  }

  get isOpen(): boolean {
    return this.#db.isOpen;
  }

  /** The newest audit row's seq and hash, or undefined while the log is empty. */
  head(): ChainHead | undefined {
    return this.#audit.head;
  }

  /** Applies the namespace's migrations that this file has not seen yet, each in its own transaction. */
  registerMigrations(namespace: string, migrations: readonly Migration[]): void {
    this.#requireOpen();
    if (namespace === 'journal') {
      throw new JournalError('INVALID_MIGRATIONS', 'The "journal" migration namespace is reserved.', 'Pick the name of your layer, e.g. "execution".');
    }
    migrate(this.#db, namespace, migrations, (apply) => {
      this.#scope.transaction(apply);
    });
  }

  transaction<T>(fn: () => T): T {
    this.#requireOpen();
    return this.#scope.transaction(fn);
  }

  batch<T>(fn: () => T): T {
    this.#requireOpen();
    return this.#scope.batch(fn);
  }

  /**
   * Inside a `batch`, runs `write` just before the batch commits instead of now (the latest per
   * owner wins) and returns true; outside one returns false and the caller writes at once. Only
   * for state whose value at commit time is all that matters (a replay's clock, say): on disk it
   * is the same as writing it at every step of the batch.
   */
  deferUntilCommit(owner: object, write: () => void): boolean {
    this.#requireOpen();
    return this.#scope.deferUntilCommit(owner, write);
  }

  append(event: AuditEventInput, options: AppendOptions = {}): AuditEvent {
    this.#requireOpen();
    const sync = options.durability === 'sync';
    if (sync) this.#scope.assertDurablePossible();
    const appended = this.#audit.append(event);
    if (sync) this.#scope.requireDurable();
    return appended;
  }

  /** Appends all events atomically, with one commit. */
  appendMany(events: readonly AuditEventInput[], options: AppendOptions = {}): AuditEvent[] {
    this.#requireOpen();
    const sync = options.durability === 'sync';
    if (sync) this.#scope.assertDurablePossible();
    const appended = this.#scope.transaction(() => events.map((event) => this.#audit.append(event)));
    if (sync) this.#scope.requireDurable();
    return appended;
  }

  /** The keystore registers each secret here so it is masked wherever it would appear. Memory only. */
  registerSecretValue(value: string): void {
    this.#redactor.registerSecretValue(value);
  }

  /**
   * Masks registered secrets and inline `secret=…` in text a layer stores in its own tables
   * (the audit rows are masked on append): the same protection for every row in the file.
   */
  redactText(text: string): string {
    return this.#redactor.redactText(text);
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
    if (!this.#db.isOpen) return;
    if (this.#scope.isBusy) {
      throw new JournalError('JOURNAL_CLOSED', 'The journal cannot be closed while it is still writing.', 'close() called inside transaction() or batch()');
    }
    this.#db.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  #requireOpen(): void {
    if (!this.#db.isOpen) {
      throw new JournalError('JOURNAL_CLOSED', 'The journal is closed.', `path ${this.path}`);
    }
  }
}

function migrate(db: DatabaseSync, namespace: string, migrations: readonly Migration[], inTransaction: (apply: () => void) => void): void {
  validateMigrations(namespace, migrations);
  const applied = appliedVersion(db, namespace);
  refuseNewerSchema(namespace, applied, migrations.length);
  for (const migration of migrations.slice(applied)) {
    inTransaction(() => {
      applyMigration(db, namespace, migration, Date.now());
    });
  }
}

/**
 * Opens (creating if needed) the journal at `path`, or an in-memory one for ':memory:' (tests,
 * backtests that keep no record).
 *
 * WAL lets the Activity screen read while the bot writes. `synchronous = FULL` makes every commit
 * wait for the disk (fsync of the WAL): an order row must be durable BEFORE the order request is
 * sent, otherwise a crash or power cut right after sending leaves an order on the exchange that
 * the bot has no record of, and recovery could not look it up by its client id. Appends that do
 * not need that can share one commit with `batch()`.
 */
export interface OpenJournalOptions {
  /**
   * 'full' (the default, and always for real money): every commit waits for the disk.
   * 'simulated': for paper replays, where no order ever reaches an exchange. WAL with
   * synchronous = NORMAL stays consistent after a crash, but a power cut may lose the last
   * commits: a replay may have to redo its last moments, and no real order can be orphaned.
   */
  readonly durability?: 'full' | 'simulated';
}

export function openJournal(path: string, options: OpenJournalOptions = {}): Journal {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { timeout: 5_000, enableForeignKeyConstraints: true, defensive: true });
  } catch (error) {
    throw new JournalError('JOURNAL_UNREADABLE', 'Ballast could not open its journal file.', `${path}: ${describeError(error)}`, { cause: error });
  }
  try {
    const mode = db.prepare('PRAGMA journal_mode = WAL').get()?.journal_mode;
    if (mode !== 'wal' && !(path === IN_MEMORY && mode === 'memory')) {
      throw new JournalError('JOURNAL_NOT_WAL', 'Ballast could not open its journal in a safe mode.', `journal_mode is ${String(mode)}, expected wal (is the folder on a network drive?)`);
    }
    db.exec(options.durability === 'simulated' ? 'PRAGMA synchronous = NORMAL' : 'PRAGMA synchronous = FULL');
    return new Journal(path, db);
  } catch (error) {
    db.close();
    if (error instanceof JournalError) throw error;
    throw new JournalError('JOURNAL_UNREADABLE', 'Ballast could not read its journal file. It may be damaged or not a Ballast journal.', `${path}: ${describeError(error)}`, { cause: error });
  }
}
