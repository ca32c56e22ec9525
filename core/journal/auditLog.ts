import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { auditRowHash, GENESIS_PREV_HASH } from './auditChain.ts';
import { AUDIT_KINDS, type AuditEvent, type AuditEventInput, type AuditKind, type ChainHead } from './auditTypes.ts';
import { canonicalJson } from './canonicalJson.ts';
import { JournalError } from './journalError.ts';
import { describeError, type SecretRedactor } from '../log/index.ts';

const KNOWN_KINDS: ReadonlySet<string> = new Set(AUDIT_KINDS);
const MAX_SUBJECT_LENGTH = 200;

/**
 * Appends rows to the hash chain. The chain head (last seq and hash) is kept in memory so an
 * append costs one canonicalisation, one SHA-256 and one prepared INSERT; the journal restores
 * it when a transaction rolls rows back. The INSERT names the seq explicitly, so if any other
 * program appended to the file meanwhile the primary key refuses the row instead of forking
 * the chain.
 */
export class AuditLog {
  readonly #db: DatabaseSync;
  readonly #redactor: SecretRedactor;
  readonly #insert: StatementSync;
  #head: ChainHead | undefined;

  constructor(db: DatabaseSync, redactor: SecretRedactor) {
    this.#db = db;
    this.#redactor = redactor;
    this.#insert = db.prepare(
      'INSERT INTO audit_events (seq, at_ms, kind, subject, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.#head = this.#readHead();
  }

  get head(): ChainHead | undefined {
    return this.#head;
  }

  set head(head: ChainHead | undefined) {
    this.#head = head;
  }

  append(input: AuditEventInput): AuditEvent {
    const { atMs, kind } = input;
    checkEvent(atMs, kind, input.subject ?? null);
    const subject = input.subject === undefined || input.subject === null ? null : this.#redactor.redactText(input.subject);
    let payloadJson: string;
    try {
      payloadJson = canonicalJson(input.payload, this.#redactor);
    } catch (error) {
      throw new JournalError('INVALID_EVENT', 'An event could not be recorded because its details are not plain data.', describeError(error, { redactor: this.#redactor }), { cause: error });
    }
    const seq = (this.#head?.seq ?? 0) + 1;
    const prevHash = this.#head?.hash ?? GENESIS_PREV_HASH;
    const hash = auditRowHash({ seq, atMs, kind, subject, payloadJson, prevHash });
    try {
      this.#insert.run(seq, atMs, kind, subject, payloadJson, prevHash, hash);
    } catch (error) {
      throw this.#explainInsertFailure(error, seq);
    }
    this.#head = { seq, hash };
    return { seq, atMs, kind, subject, payloadJson, prevHash, hash };
  }

  #readHead(): ChainHead | undefined {
    const row = this.#db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get();
    if (row === undefined) return undefined;
    const { seq, hash } = row;
    if (typeof seq !== 'number' || typeof hash !== 'string') {
      throw new JournalError('JOURNAL_UNREADABLE', 'The journal file is damaged: its last entry cannot be read.', `seq=${typeof seq}, hash=${typeof hash}`);
    }
    return { seq, hash };
  }

  #explainInsertFailure(error: unknown, seq: number): JournalError {
    const detail = describeError(error, { redactor: this.#redactor });
    if (/constraint/i.test(detail)) {
      return new JournalError(
        'CONCURRENT_WRITER',
        'Another program wrote to this journal at the same time. Ballast stopped writing to it so the record stays consistent.',
        `Row ${seq} already exists: ${detail}`,
        { cause: error },
      );
    }
    return new JournalError('JOURNAL_UNREADABLE', 'Ballast could not write to its journal file.', detail, { cause: error });
  }
}

function checkEvent(atMs: number, kind: AuditKind, subject: unknown): void {
  if (!Number.isSafeInteger(atMs) || atMs < 0) {
    throw new JournalError('INVALID_EVENT', 'An event could not be recorded because its time is not valid.', `atMs must be a non-negative integer of milliseconds, got ${String(atMs)}`);
  }
  if (!KNOWN_KINDS.has(kind)) {
    throw new JournalError('INVALID_EVENT', 'An event of an unknown type could not be recorded.', `kind ${JSON.stringify(kind)} is not one of ${AUDIT_KINDS.join(', ')}`);
  }
  if (subject !== null && (typeof subject !== 'string' || subject.length > MAX_SUBJECT_LENGTH)) {
    throw new JournalError('INVALID_EVENT', 'An event could not be recorded because what it is about is not valid.', `subject must be a string of at most ${MAX_SUBJECT_LENGTH} characters`);
  }
}
