import type { SafeStorage } from 'electron';
import { ContractError } from '#core/contract/index.ts';
import type { Logger } from '#core/log/index.ts';
import {
  CipherError, WEAK_CIPHER_BACKENDS, makeSecret, revealSecret, type CipherBackend, type Secret, type SecretCipher,
} from '#core/keys/index.ts';

/** The part of Electron's safeStorage Ballast uses: the async API only (Electron 38+). */
export type SafeStoragePort = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

const LINUX_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

/**
 * Where safeStorage keeps its key on this platform. macOS and Windows always use the keychain
 * and DPAPI; on Linux Electron names the password store it picked, and anything it does not
 * name (or names before the app is ready) is 'unknown', which Ballast treats as weak.
 */
export function osCipherBackend(platform: NodeJS.Platform, linuxBackend: () => string): CipherBackend {
  if (platform === 'darwin') return 'keychain';
  if (platform === 'win32') return 'dpapi';
  const named = linuxBackend();
  return LINUX_BACKENDS.has(named) ? (named as CipherBackend) : 'unknown';
}

/** Strong only when encryption works at all and the backend is not the hard-coded-key fallback. */
export function isOsCipherStrong(backend: CipherBackend, encryptionAvailable: boolean): boolean {
  return encryptionAvailable && !WEAK_CIPHER_BACKENDS.includes(backend);
}

const NO_ENCRYPTION = 'This computer offers Ballast no way to encrypt saved keys. Set a passphrase to protect your keys.';
const NOT_DECRYPTED = 'This computer’s keychain could not decrypt the saved key. It may have been saved on another computer or user account.';

/**
 * SecretCipher over Electron's safeStorage. The backend is read once at start (after `ready`)
 * and recorded by the keystore with every ciphertext, so a later change of password store is
 * noticed instead of producing garbage. Key material leaves its Secret only for the one call
 * into safeStorage.
 */
export class SafeStorageCipher implements SecretCipher {
  readonly backend: CipherBackend;
  readonly isStrong: boolean;
  readonly #safeStorage: SafeStoragePort;
  readonly #available: boolean;
  readonly #log: Logger | undefined;

  private constructor(safeStorage: SafeStoragePort, backend: CipherBackend, available: boolean, log: Logger | undefined) {
    this.#safeStorage = safeStorage;
    this.backend = backend;
    this.#available = available;
    this.isStrong = isOsCipherStrong(backend, available);
    this.#log = log;
  }

  /** Call after the app is ready: before that, Linux reports 'unknown'. */
  static async create(safeStorage: SafeStoragePort, platform: NodeJS.Platform, log?: Logger): Promise<SafeStorageCipher> {
    const available = await safeStorage.isAsyncEncryptionAvailable();
    const backend = osCipherBackend(platform, () => safeStorage.getSelectedStorageBackend());
    const cipher = new SafeStorageCipher(safeStorage, backend, available, log);
    log?.info({ backend, available, strong: cipher.isStrong }, 'key encryption backend');
    return cipher;
  }

  async encrypt(plain: Secret): Promise<Uint8Array> {
    if (!this.#available) throw new ContractError('REFUSED', NO_ENCRYPTION);
    return new Uint8Array(await this.#safeStorage.encryptStringAsync(revealSecret(plain)));
  }

  async decrypt(cipherBytes: Uint8Array): Promise<Secret> {
    if (!this.#available) throw new ContractError('REFUSED', NO_ENCRYPTION);
    let decrypted: { result: string; shouldReEncrypt: boolean };
    try {
      decrypted = await this.#safeStorage.decryptStringAsync(Buffer.from(cipherBytes));
    } catch {
      // safeStorage's own message is about OS internals; the person gets a plain one.
      throw new CipherError('WRONG_PASSPHRASE_OR_DAMAGED', NOT_DECRYPTED);
    }
    // The OS rotated its key; the old ciphertext still works. Re-saving the key renews it.
    if (decrypted.shouldReEncrypt) this.#log?.info({ backend: this.backend }, 'keychain suggests re-encrypting a saved key');
    return makeSecret(decrypted.result);
  }
}
