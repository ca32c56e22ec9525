export type JournalErrorCode =
  | 'JOURNAL_UNREADABLE'
  | 'JOURNAL_NOT_WAL'
  | 'JOURNAL_TOO_NEW'
  | 'JOURNAL_CLOSED'
  | 'INVALID_MIGRATIONS'
  | 'INVALID_EVENT'
  | 'CONCURRENT_WRITER'
  | 'INVALID_QUERY';

/**
 * A journal failure with a code to act on, a message a non-technical person can read, and the
 * technical detail (never containing key material) one click away.
 */
export class JournalError extends Error {
  readonly code: JournalErrorCode;
  readonly detail: string;

  constructor(code: JournalErrorCode, message: string, detail = '', options?: ErrorOptions) {
    super(message, options);
    this.name = 'JournalError';
    this.code = code;
    this.detail = detail;
  }
}
