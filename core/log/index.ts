/**
 * The cross-cutting layer every other layer may use: the structured logger, and the one
 * redaction every output goes through (log lines, journal rows, error details, notifications,
 * messages, the terminal), with `describeError` for thrown values.
 */
export type { Logger } from 'pino';
export { createLogger, fileDestination, type LoggerOptions } from './logger.ts';
export {
  REDACTED,
  SecretRedactor,
  isSecretFieldName,
  looksLikeKeyMaterial,
  redactText,
  redactValue,
  revealsSecret,
  type RedactOptions,
  type TextRules,
} from './redaction.ts';
export { describeError, type DescribeErrorOptions } from './describeError.ts';
