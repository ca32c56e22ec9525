import type { Result as Outcome } from '../model/index.ts';

/**
 * How every command result crosses IPC. Electron mangles thrown errors, and a screen needs a
 * code it can act on, so failures travel as data: `{ ok: false, error: { code, message } }`.
 */
export const CONTRACT_ERROR_CODES = [
  /** The payload did not match the command's input schema. */
  'INVALID_INPUT',
  /** The calling frame is not the app's own page. */
  'UNTRUSTED_SENDER',
  /** No such command in the contract. */
  'UNKNOWN_COMMAND',
  /** The command is valid but the current state does not allow it (e.g. resume while killed). */
  'NOT_ALLOWED_NOW',
  /** A typed confirmation did not match what was asked for. */
  'CONFIRMATION_MISMATCH',
  /** Ballast refused for safety reasons; the message says why. */
  'REFUSED',
  /** Something that should not happen; details are in the log, never in the message. */
  'INTERNAL',
] as const;

export type ContractErrorCode = (typeof CONTRACT_ERROR_CODES)[number];

export interface ContractErrorPayload {
  readonly code: ContractErrorCode;
  /** Plain words for the person using the app; never contains secrets or stack traces. */
  readonly message: string;
}

export type Result<T> = Outcome<T, ContractErrorPayload>;

/**
 * Thrown by command handlers for expected refusals. Only this error's message reaches the
 * renderer; any other exception becomes `INTERNAL` with a generic message.
 */
export class ContractError extends Error {
  readonly code: ContractErrorCode;

  constructor(code: ContractErrorCode, message: string) {
    super(message);
    this.name = 'ContractError';
    this.code = code;
  }
}

export { ok } from '../model/index.ts';

export const failure = (code: ContractErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});
