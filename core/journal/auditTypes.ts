/** What an audit row is about. Every arrow of the pipeline writes one of these. */
export const AUDIT_KINDS = [
  'signal',
  'risk_decision',
  'order',
  'fill',
  'exchange_response',
  'state_change',
  'person_action',
  'alert',
  'system',
] as const;

export type AuditKind = (typeof AUDIT_KINDS)[number];

export function isAuditKind(value: unknown): value is AuditKind {
  return typeof value === 'string' && (AUDIT_KINDS as readonly string[]).includes(value);
}

export interface AuditEventInput {
  /** When it happened, by the bot's clock (simulated in replays, so hashes are reproducible). */
  readonly atMs: number;
  readonly kind: AuditKind;
  /** What it is about: a symbol, a client order id… or null for the bot as a whole. */
  readonly subject?: string | null;
  /** Any JSON-shaped value; secrets are removed and keys sorted before it is hashed and stored. */
  readonly payload: unknown;
}

export interface AuditEvent {
  /** Position in the chain: 1, 2, 3… without gaps. */
  readonly seq: number;
  readonly atMs: number;
  readonly kind: AuditKind;
  readonly subject: string | null;
  /** The redacted payload as canonical JSON (sorted keys, no spaces): exactly what was hashed. */
  readonly payloadJson: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** The newest row of the chain; keeping it elsewhere lets a later check notice removed rows at the end. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/**
 * - 'sync': the row is on disk (fsync'd) before `append` returns. Use it for an order row, which
 *   must survive a crash before the order request is sent.
 * - 'batched' (default): inside `batch()`, the row is written when the batch commits; outside a
 *   batch every append commits on its own and is therefore durable anyway.
 */
export type Durability = 'sync' | 'batched';

export interface AppendOptions {
  readonly durability?: Durability;
}
