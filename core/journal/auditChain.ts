import { hash } from 'node:crypto';

/**
 * The hash chain of the audit log. Each row's hash covers its own fields and the previous row's
 * hash, so changing, removing, inserting or reordering any row breaks the chain from that row on
 * unless every later hash is recomputed too (which an anchor kept elsewhere then reveals).
 *
 * hash = SHA-256 hex of the UTF-8 text
 *   `${seq}|${atMs}|${kind}|${JSON.stringify(subject)}|${payloadJson}|${prevHash}`
 * seq and atMs are integers, kind is one of AUDIT_KINDS, subject is a JSON string or `null`, the
 * payload is canonical JSON and prevHash is 64 hex digits, so every field ends unambiguously and
 * anyone can recompute the chain from an export.
 */

export const HASH_ALGORITHM = 'sha256';

/** prevHash of row 1. */
export const GENESIS_PREV_HASH = '0'.repeat(64);

export const HASH_INPUT_FORMAT = 'seq|atMs|kind|json(subject)|payloadJson|prevHash';

export interface ChainedFields {
  readonly seq: number;
  readonly atMs: number;
  readonly kind: string;
  readonly subject: string | null;
  readonly payloadJson: string;
  readonly prevHash: string;
}

export function auditRowHash(row: ChainedFields): string {
  const subject = row.subject === null ? 'null' : JSON.stringify(row.subject);
  return hash(HASH_ALGORITHM, `${row.seq}|${row.atMs}|${row.kind}|${subject}|${row.payloadJson}|${row.prevHash}`, 'hex');
}
