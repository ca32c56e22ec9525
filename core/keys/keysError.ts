export type KeysErrorCode =
  | 'WEAK_BACKEND_FOR_LIVE'
  | 'BACKEND_CHANGED'
  | 'BASIC_TEXT_FOR_LIVE'
  | 'KEY_NOT_FOUND'
  | 'LABEL_TAKEN'
  | 'INVALID_INPUT'
  | 'STORE_DAMAGED'
  | 'DECRYPT_FAILED'
  | 'NO_TESTNET';

/**
 * A refusal from the keys layer, with a code the UI can act on and a message written for
 * someone who has never used an API key. Messages never contain key material.
 */
export class KeysError extends Error {
  readonly code: KeysErrorCode;

  constructor(code: KeysErrorCode, message: string) {
    super(message);
    this.name = 'KeysError';
    this.code = code;
  }
}
