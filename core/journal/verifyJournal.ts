import { DatabaseSync } from 'node:sqlite';
import { auditRowHash, GENESIS_PREV_HASH } from './auditChain.ts';
import { isAuditKind, type ChainHead } from './auditTypes.ts';
import { Journal } from './journal.ts';
import { describeError } from '../log/index.ts';

export type VerificationFailure =
  | 'ROW_CHANGED'
  | 'ROW_MISSING'
  | 'ROWS_INSERTED'
  | 'ROW_REPLACED'
  | 'ROW_UNREADABLE'
  | 'ROWS_REMOVED_AT_END'
  | 'CHAIN_REWRITTEN'
  | 'JOURNAL_UNREADABLE';

export type JournalVerification =
  | { readonly ok: true; readonly rows: number; readonly head: ChainHead | undefined }
  | {
      readonly ok: false;
      /** The first row that is not what was originally written; null if the file cannot be read at all. */
      readonly firstBrokenSeq: number | null;
      readonly reason: VerificationFailure;
      /** For the person: what was found, in plain words. */
      readonly message: string;
      readonly detail: string;
    };

export interface VerifyOptions {
  /**
   * A head recorded earlier (shown to the person, exported, sent elsewhere). Without it, removing
   * rows at the very end, or rewriting every hash from some row on, cannot be detected.
   */
  readonly anchor?: ChainHead;
}

/** How many recent hashes are remembered to recognise rows inserted into the middle. */
const RECENT_HASHES = 4096;

interface StoredRow {
  readonly seq: number;
  readonly atMs: number;
  readonly kind: string;
  readonly subject: string | null;
  readonly payloadJson: string;
  readonly prevHash: string;
  readonly hash: string;
}

function readRow(row: Record<string, unknown>): StoredRow | undefined {
  const { seq, at_ms: atMs, kind, subject, payload, prev_hash: prevHash, hash } = row;
  if (
    typeof seq !== 'number' || !Number.isSafeInteger(seq) || typeof atMs !== 'number' || !isAuditKind(kind) ||
    (subject !== null && typeof subject !== 'string') || typeof payload !== 'string' || typeof prevHash !== 'string' || typeof hash !== 'string'
  ) {
    return undefined;
  }
  return { seq, atMs, kind, subject, payloadJson: payload, prevHash, hash };
}

function broken(firstBrokenSeq: number | null, reason: VerificationFailure, message: string, detail: string): JournalVerification {
  return { ok: false, firstBrokenSeq, reason, message, detail };
}

/**
 * Walks the whole audit chain and reports the FIRST row that is not what was originally written.
 * For row k, in this order:
 * - its seq must be the next one (a jump means rows were deleted: the first missing seq is reported);
 * - its prevHash must be row k−1's hash. If not, and it names an earlier row j, the rows between
 *   were inserted (j+1 is reported); else if row k itself is intact, row k−1 was replaced by a
 *   re-hashed row (k−1); else row k was changed (k);
 * - its hash must match its contents (k).
 */
export function verifyJournal(target: Journal | string, options: VerifyOptions = {}): JournalVerification {
  if (target instanceof Journal) return verifyConnection(target.db, options);
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(target, { readOnly: true, timeout: 5_000 });
  } catch (error) {
    return broken(null, 'JOURNAL_UNREADABLE', 'The journal file could not be opened, so it cannot be checked.', `${target}: ${describeError(error)}`);
  }
  try {
    return verifyConnection(db, options);
  } finally {
    db.close();
  }
}

function verifyConnection(db: DatabaseSync, options: VerifyOptions): JournalVerification {
  let rows: Iterable<Record<string, unknown>>;
  try {
    rows = db.prepare('SELECT seq, at_ms, kind, subject, payload, prev_hash, hash FROM audit_events ORDER BY seq').iterate();
  } catch (error) {
    return broken(null, 'JOURNAL_UNREADABLE', 'The journal has no readable audit log, so it cannot be checked.', describeError(error));
  }
  const recentHashes = new Map<string, number>();
  let previous: StoredRow | undefined;
  let count = 0;
  for (const raw of rows) {
    const expectedSeq = (previous?.seq ?? 0) + 1;
    const row = readRow(raw);
    if (row === undefined) {
      return broken(expectedSeq, 'ROW_UNREADABLE', `Entry ${expectedSeq} of the journal cannot be read: a value has the wrong type.`, `raw seq ${String(raw.seq)}`);
    }
    if (row.seq > expectedSeq) {
      return broken(expectedSeq, 'ROW_MISSING', `Entry ${expectedSeq} is missing: entries were deleted from the journal.`, `seq jumps from ${expectedSeq - 1} to ${row.seq}`);
    }
    if (row.seq < expectedSeq) {
      return broken(row.seq, 'ROWS_INSERTED', `Entry ${row.seq} appears more than once: entries were added to the journal afterwards.`, `seq ${row.seq} after ${expectedSeq - 1}`);
    }
    const intact = auditRowHash(row) === row.hash;
    const expectedPrevHash = previous?.hash ?? GENESIS_PREV_HASH;
    if (row.prevHash !== expectedPrevHash) {
      const chainedTo = recentHashes.get(row.prevHash);
      if (chainedTo !== undefined && chainedTo < row.seq - 1) {
        return broken(chainedTo + 1, 'ROWS_INSERTED', `Entry ${chainedTo + 1} was inserted into the journal afterwards: the entries around it were chained directly to each other.`, `row ${row.seq} is chained to row ${chainedTo}`);
      }
      if (intact && previous !== undefined) {
        return broken(previous.seq, 'ROW_REPLACED', `Entry ${previous.seq} was changed after it was written: the next entry was chained to a different version of it.`, `row ${row.seq} prev_hash does not match row ${previous.seq} hash`);
      }
      return broken(row.seq, 'ROW_CHANGED', `Entry ${row.seq} was changed after it was written.`, `row ${row.seq} prev_hash does not match the chain`);
    }
    if (!intact) {
      return broken(row.seq, 'ROW_CHANGED', `Entry ${row.seq} was changed after it was written: its contents no longer match its fingerprint.`, `row ${row.seq} hash does not match its contents`);
    }
    if (options.anchor?.seq === row.seq && options.anchor.hash !== row.hash) {
      return broken(row.seq, 'CHAIN_REWRITTEN', `The journal was rewritten: entry ${row.seq} is not the one recorded earlier.`, `row ${row.seq} and possibly rows before it were re-hashed; the anchor hash differs`);
    }
    recentHashes.set(row.hash, row.seq);
    if (recentHashes.size > RECENT_HASHES) {
      const oldest = recentHashes.keys().next().value;
      if (oldest !== undefined) recentHashes.delete(oldest);
    }
    previous = row;
    count++;
  }
  const head = previous === undefined ? undefined : { seq: previous.seq, hash: previous.hash };
  return checkAnchor(options.anchor, head, count);
}

function checkAnchor(anchor: ChainHead | undefined, head: ChainHead | undefined, rows: number): JournalVerification {
  if (anchor === undefined) return { ok: true, rows, head };
  if (head === undefined || head.seq < anchor.seq) {
    const firstMissing = (head?.seq ?? 0) + 1;
    return broken(firstMissing, 'ROWS_REMOVED_AT_END', `Entries from ${firstMissing} on are missing: the journal was cut short.`, `chain ends at ${head?.seq ?? 0}, anchor is at ${anchor.seq}`);
  }
  return { ok: true, rows, head };
}
