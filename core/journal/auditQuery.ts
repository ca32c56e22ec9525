import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { isAuditKind, type AuditEvent, type AuditKind } from './auditTypes.ts';
import { JournalError } from './journalError.ts';

/** Filters of the Activity screen. Every field narrows; an empty filter matches everything. */
export interface AuditFilter {
  readonly kinds?: readonly AuditKind[];
  /** Exact subject: a symbol such as 'BTC/USDT' or a client order id. */
  readonly subject?: string;
  /** Inclusive lower bound on atMs. */
  readonly fromMs?: number;
  /** Exclusive upper bound on atMs. */
  readonly toMs?: number;
  /** Case-insensitive (ASCII) substring of the payload or the subject. */
  readonly text?: string;
}

export interface AuditPageRequest extends AuditFilter {
  /** Cursor: only rows with seq below this one (pass the previous page's `nextBeforeSeq`). */
  readonly beforeSeq?: number;
  /** 1…1000, default 100. */
  readonly limit?: number;
}

export interface AuditPage {
  /** Newest first. */
  readonly events: AuditEvent[];
  /** Cursor for the next (older) page, or undefined when this page reached the oldest row. */
  readonly nextBeforeSeq: number | undefined;
}

const COLUMNS = 'seq, at_ms, kind, subject, payload, prev_hash, hash';
export const MAX_PAGE_SIZE = 1000;

interface WhereClause {
  readonly sql: string;
  readonly parameters: SQLInputValue[];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function requireInteger(name: string, value: number | undefined): void {
  if (value !== undefined && !Number.isSafeInteger(value)) {
    throw new JournalError('INVALID_QUERY', 'The activity filter is not valid.', `${name} must be an integer, got ${String(value)}`);
  }
}

export function whereClause(filter: AuditFilter, beforeSeq?: number, afterSeq?: number, maxSeq?: number): WhereClause {
  requireInteger('fromMs', filter.fromMs);
  requireInteger('toMs', filter.toMs);
  requireInteger('beforeSeq', beforeSeq);
  const conditions: string[] = [];
  const parameters: SQLInputValue[] = [];
  if (filter.kinds !== undefined) {
    const unknown = filter.kinds.filter((kind) => !isAuditKind(kind));
    if (unknown.length > 0) throw new JournalError('INVALID_QUERY', 'The activity filter names an unknown event type.', `unknown kinds: ${unknown.join(', ')}`);
    conditions.push('kind IN (SELECT value FROM json_each(?))');
    parameters.push(JSON.stringify(filter.kinds));
  }
  if (filter.subject !== undefined) {
    conditions.push('subject = ?');
    parameters.push(filter.subject);
  }
  if (filter.fromMs !== undefined) {
    conditions.push('at_ms >= ?');
    parameters.push(filter.fromMs);
  }
  if (filter.toMs !== undefined) {
    conditions.push('at_ms < ?');
    parameters.push(filter.toMs);
  }
  if (filter.text !== undefined && filter.text !== '') {
    const pattern = `%${escapeLike(filter.text)}%`;
    conditions.push("(payload LIKE ? ESCAPE '\\' OR subject LIKE ? ESCAPE '\\')");
    parameters.push(pattern, pattern);
  }
  if (beforeSeq !== undefined) {
    conditions.push('seq < ?');
    parameters.push(beforeSeq);
  }
  if (afterSeq !== undefined) {
    conditions.push('seq > ?');
    parameters.push(afterSeq);
  }
  if (maxSeq !== undefined) {
    conditions.push('seq <= ?');
    parameters.push(maxSeq);
  }
  return { sql: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`, parameters };
}

export function rowToAuditEvent(row: Record<string, unknown>): AuditEvent {
  const { seq, at_ms: atMs, kind, subject, payload, prev_hash: prevHash, hash } = row;
  if (
    typeof seq !== 'number' || typeof atMs !== 'number' || !isAuditKind(kind) || (subject !== null && typeof subject !== 'string') ||
    typeof payload !== 'string' || typeof prevHash !== 'string' || typeof hash !== 'string'
  ) {
    throw new JournalError('JOURNAL_UNREADABLE', 'A journal entry cannot be read: the file may have been damaged or edited.', `row seq=${String(seq)}`);
  }
  return { seq, atMs, kind, subject, payloadJson: payload, prevHash, hash };
}

/** Prepared statements per distinct filter shape (a few dozen at most), reused across calls. */
export class AuditQueries {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  page(request: AuditPageRequest): AuditPage {
    const limit = request.limit ?? 100;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new JournalError('INVALID_QUERY', 'The activity page size is not valid.', `limit must be 1…${MAX_PAGE_SIZE}, got ${String(limit)}`);
    }
    const where = whereClause(request, request.beforeSeq);
    // One extra row tells whether an older page exists without a second query.
    const rows = this.#statement(`SELECT ${COLUMNS} FROM audit_events ${where.sql} ORDER BY seq DESC LIMIT ?`).all(...where.parameters, limit + 1);
    const events = rows.slice(0, limit).map(rowToAuditEvent);
    const last = events[events.length - 1];
    return { events, nextBeforeSeq: rows.length > limit && last !== undefined ? last.seq : undefined };
  }

  count(filter: AuditFilter): number {
    const where = whereClause(filter);
    const row = this.#statement(`SELECT COUNT(*) AS n FROM audit_events ${where.sql}`).get(...where.parameters);
    return typeof row?.n === 'number' ? row.n : 0;
  }

  /** Oldest first, rows with afterSeq < seq <= maxSeq: the export walks the log with this. */
  ascending(filter: AuditFilter, afterSeq: number, maxSeq: number, limit: number): AuditEvent[] {
    const where = whereClause(filter, undefined, afterSeq, maxSeq);
    return this.#statement(`SELECT ${COLUMNS} FROM audit_events ${where.sql} ORDER BY seq ASC LIMIT ?`)
      .all(...where.parameters, limit)
      .map(rowToAuditEvent);
  }

  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
