import type { Secret } from './secret.ts';

/**
 * Names of the places a cipher keeps its key. Electron's safeStorage reports the Linux ones
 * itself ('basic_text', 'gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6', 'unknown'); the
 * adapter reports 'keychain' on macOS and 'dpapi' on Windows. 'passphrase' is PassphraseCipher.
 */
export type CipherBackend =
  | 'keychain'
  | 'dpapi'
  | 'gnome_libsecret'
  | 'kwallet'
  | 'kwallet5'
  | 'kwallet6'
  | 'basic_text'
  | 'passphrase'
  | 'unknown';

/**
 * Backends that do not really encrypt: on Linux without a keyring, safeStorage falls back to a
 * hard-coded key ('basic_text'). Anyone who copies the settings file can decrypt it.
 */
export const WEAK_CIPHER_BACKENDS: readonly string[] = ['basic_text', 'unknown'];

/**
 * Port for encrypting key material at rest. The Electron adapter wraps safeStorage (sync or
 * async API); PassphraseCipher is the portable fallback. Both take and give `Secret`s, so raw
 * key material never sits in a plain string longer than the adapter needs it.
 */
export interface SecretCipher {
  /** Where the encryption key lives; recorded with every ciphertext. */
  readonly backend: CipherBackend;
  /** False when the backend does not protect against someone who copies the file. */
  readonly isStrong: boolean;
  encrypt(plain: Secret): Promise<Uint8Array>;
  /** Rejects with CipherError when the bytes cannot be authenticated; never returns garbage. */
  decrypt(cipherBytes: Uint8Array): Promise<Secret>;
}

/** True only when the cipher both claims strength and uses a backend Ballast trusts. */
export function isCipherStrong(cipher: Pick<SecretCipher, 'backend' | 'isStrong'>): boolean {
  return cipher.isStrong && !WEAK_CIPHER_BACKENDS.includes(cipher.backend);
}

export type CipherErrorCode =
  | 'WRONG_PASSPHRASE_OR_DAMAGED'
  | 'NOT_AN_ENVELOPE'
  | 'UNSUPPORTED_VERSION'
  | 'UNSAFE_PARAMETERS'
  | 'WEAK_PARAMETERS'
  | 'PASSPHRASE_TOO_SHORT';

/** A decryption or encryption failure with a plain-language message and a code to act on. */
export class CipherError extends Error {
  readonly code: CipherErrorCode;

  constructor(code: CipherErrorCode, message: string) {
    super(message);
    this.name = 'CipherError';
    this.code = code;
  }
}
