import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { describeError } from '../log/index.ts';
import { JournalError } from './journalError.ts';

/** What must be undone in memory when SQLite rolls rows back (the audit chain's cached head). */
export interface RollbackHooks<Snapshot> {
  snapshot(): Snapshot;
  restore(snapshot: Snapshot): void;
}

function isThenable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Transactions and group commits on the journal's one connection.
 *
 * - `transaction(fn)`: all or nothing. Nested calls become savepoints. On error everything since
 *   the call is rolled back (including the in-memory chain head) and the error is rethrown.
 * - `batch(fn)`: group commit for speed, not atomicity. Appends inside it share one commit, i.e.
 *   one fsync, at the end. On error the rows written so far are still committed (they record
 *   things that did happen) and the error is rethrown.
 * - `deferUntilCommit(owner, write)`: inside a batch, runs `write` once just before the batch's
 *   next commit instead of now (the latest `write` per owner wins). For state that changes on
 *   every step but only matters as of the commit, such as a replay's clock: writing it per step
 *   inside one transaction puts nothing more on disk than writing it once at the end.
 * - `requireDurable()`: called after a 'sync' append. Inside a batch it commits the batch so far
 *   at once; inside a transaction the row becomes durable when the outermost transaction
 *   commits, which is before `transaction()` returns.
 */
export class TransactionScope<Snapshot> {
  readonly #db: DatabaseSync;
  readonly #hooks: RollbackHooks<Snapshot>;
  #depth = 0;
  #batchOpen = false;
  #batchSnapshot: Snapshot | undefined;
  #durableRequested = false;
  readonly #deferred = new Map<object, () => void>();

  readonly #statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync, hooks: RollbackHooks<Snapshot>) {
    this.#db = db;
    this.#hooks = hooks;
  }

  /**
   * Runs one transaction-control statement, compiled once: a replay opens a savepoint per bar,
   * and parsing the SQL each time cost more than the work inside it. Savepoint names follow the
   * nesting depth, so a handful of statements serve every transaction.
   */
  #run(sql: string): void {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    statement.run();
  }

  get isBusy(): boolean {
    return this.#depth > 0 || this.#batchOpen;
  }

  transaction<T>(fn: () => T): T {
    const snapshot = this.#hooks.snapshot();
    const outermost = !this.#db.isTransaction;
    const savepoint = `ballast_sp_${this.#depth}`;
    this.#run(outermost ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
    this.#depth++;
    let result: T;
    try {
      result = fn();
      if (isThenable(result)) throw new TypeError('journal.transaction() needs a synchronous function: an async one would commit before its work is done.');
      this.#run(outermost ? 'COMMIT' : `RELEASE ${savepoint}`);
    } catch (error) {
      this.#depth--;
      this.#rollBack(outermost, savepoint, snapshot);
      throw error;
    }
    this.#depth--;
    if (outermost) this.#durableRequested = false;
    else if (this.#depth === 0 && this.#batchOpen && this.#durableRequested) this.#commitBatchSoFar();
    return result;
  }

  batch<T>(fn: () => T): T {
    if (this.#db.isTransaction) return fn();
    this.#run('BEGIN IMMEDIATE');
    this.#batchOpen = true;
    this.#batchSnapshot = this.#hooks.snapshot();
    let result: T;
    try {
      result = fn();
    } catch (error) {
      this.#endBatch(error);
      throw error;
    }
    this.#endBatch(undefined);
    if (isThenable(result)) throw new TypeError('journal.batch() needs a synchronous function: rows appended after it returned were committed one by one.');
    return result;
  }

  /** False outside a batch: the caller writes now, as it would have. */
  deferUntilCommit(owner: object, write: () => void): boolean {
    if (!this.#batchOpen) return false;
    this.#deferred.set(owner, write);
    return true;
  }

  /** Runs the deferred writes inside the open transaction, before it commits. */
  #writeDeferred(): void {
    const writes = [...this.#deferred.values()];
    this.#deferred.clear();
    for (const write of writes) write();
  }

  /** Throws before anything is written if a 'sync' append could not be made durable here. */
  assertDurablePossible(): void {
    if (!this.isBusy && this.#db.isTransaction) {
      throw new JournalError(
        'INVALID_EVENT',
        'An order record could not be saved safely, so nothing was sent.',
        'A transaction was opened on journal.db directly; use journal.transaction() so a sync append can be made durable.',
      );
    }
  }

  requireDurable(): void {
    if (this.#depth > 0) this.#durableRequested = true;
    else if (this.#batchOpen) this.#commitBatchSoFar();
    // Otherwise the append committed on its own with synchronous=FULL: already durable.
  }

  #commitBatchSoFar(): void {
    this.#writeDeferred();
    this.#run('COMMIT');
    this.#durableRequested = false;
    this.#run('BEGIN IMMEDIATE');
    this.#batchSnapshot = this.#hooks.snapshot();
  }

  #endBatch(failure: unknown): void {
    this.#durableRequested = false;
    let deferredFailure: unknown;
    try {
      this.#writeDeferred();
    } catch (error) {
      // The rows already written record things that happened: they are committed all the same.
      deferredFailure = error;
    }
    this.#batchOpen = false;
    this.#deferred.clear();
    try {
      this.#run('COMMIT');
    } catch (commitError) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      if (this.#batchSnapshot !== undefined) this.#hooks.restore(this.#batchSnapshot);
      throw new JournalError(
        'JOURNAL_UNREADABLE',
        'Ballast could not save the latest journal entries to disk.',
        `${describeError(commitError)}${failure === undefined ? '' : `; the batch had already failed with ${describeError(failure)}`}`,
        { cause: commitError },
      );
    } finally {
      this.#batchSnapshot = undefined;
    }
    // When the batch itself failed, that failure is what the caller rethrows.
    if (deferredFailure !== undefined && failure === undefined) {
      throw new JournalError('JOURNAL_UNREADABLE', 'Ballast could not save the latest journal entries to disk.', describeError(deferredFailure), { cause: deferredFailure });
    }
  }

  #rollBack(outermost: boolean, savepoint: string, snapshot: Snapshot): void {
    if (outermost) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
    } else {
      this.#db.exec(`ROLLBACK TO ${savepoint}`);
      this.#db.exec(`RELEASE ${savepoint}`);
    }
    this.#hooks.restore(snapshot);
  }
}
