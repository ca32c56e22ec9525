export type OutboxErrorCode = 'INVALID_ALERT' | 'DELIVERY_STATE_CONFLICT' | 'OUTBOX_UNREADABLE';

/** An outbox failure with a code to act on and technical detail that never holds a secret. */
export class OutboxError extends Error {
  readonly code: OutboxErrorCode;

  constructor(code: OutboxErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'OutboxError';
    this.code = code;
  }
}
