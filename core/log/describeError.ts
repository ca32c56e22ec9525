import { SecretRedactor, type RedactOptions } from './redaction.ts';

/** Long enough for an exchange's answer, short enough for a details line. */
const DEFAULT_MAX_CHARS = 500;

export interface DescribeErrorOptions extends RedactOptions {
  /** A redactor that already knows the secrets to mask (used instead of `secrets`). */
  readonly redactor?: SecretRedactor;
}

function nameOf(error: Error): string {
  // ccxt and most libraries name their classes in `name`; the openai package leaves "Error" there.
  const name = typeof error.name === 'string' ? error.name : '';
  return name !== '' && name !== 'Error' ? name : error.constructor.name || 'Error';
}

function messageOf(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'a value that cannot be shown as text';
  }
}

/**
 * A thrown value as technical detail: "Name: message" (a thrown non-Error as "type: value"),
 * redacted like every text that leaves Ballast, on one line and at most `maxChars` (500) long.
 */
export function describeError(error: unknown, options: DescribeErrorOptions = {}): string {
  const label = error instanceof Error ? nameOf(error) : typeof error;
  const redactor = options.redactor ?? new SecretRedactor(options.secrets);
  return redactor.redactText(`${label}: ${messageOf(error)}`, { ...options, maxChars: options.maxChars ?? DEFAULT_MAX_CHARS });
}
