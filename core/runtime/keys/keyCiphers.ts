import { ContractError, type KeyEncryptionView, type KeyStorageState } from '../../contract/index.ts';
import type { Logger } from '../../log/index.ts';
import {
  KeysError, Keystore, MIN_PASSPHRASE_LENGTH, PassphraseCipher, WEAK_CIPHER_BACKENDS, isCipherStrong, judgeNewPassphrase, passphraseRefusalWords,
  type KeyRecordStore, type KeySummary, type Secret, type SecretCipher,
} from '../../keys/index.ts';

export type PassphraseCipherFactory = (passphrase: Secret) => SecretCipher;

export const defaultPassphraseCipher: PassphraseCipherFactory = (passphrase) => new PassphraseCipher({ passphrase });

export interface KeyCiphersOptions {
  /** The operating system's cipher (safeStorage in the app); its backend is recorded with each key. */
  readonly osCipher: SecretCipher;
  readonly store: KeyRecordStore;
  readonly createPassphraseCipher?: PassphraseCipherFactory;
  readonly nowMs: () => number;
  readonly logger?: Logger;
}

/**
 * Which cipher protects which key. New keys use the person's passphrase once one is entered,
 * otherwise the operating system's cipher. A saved key is read with the cipher that matches the
 * backend recorded next to it: a passphrase key needs the passphrase; a key from another OS
 * backend is reported as changed (the keystore refuses it), never read with a guess.
 */
export class KeyCiphers {
  readonly #options: KeyCiphersOptions;
  readonly #osKeystore: Keystore;
  #passphraseKeystore: Keystore | undefined;
  #passphraseCipher: SecretCipher | undefined;

  constructor(options: KeyCiphersOptions) {
    this.#options = options;
    this.#osKeystore = this.#keystoreFor(options.osCipher);
  }

  /** Listing, permission records and deletion do not decrypt, so any keystore over the store will do. */
  get records(): Keystore {
    return this.#osKeystore;
  }

  /** The keystore new keys are saved with. */
  get writer(): Keystore {
    return this.#passphraseKeystore ?? this.#osKeystore;
  }

  /** The keystore that can decrypt this saved key, or a plain refusal when none can right now. */
  readerFor(key: Pick<KeySummary, 'cipherBackend'>): Keystore {
    if (key.cipherBackend !== 'passphrase') return this.#osKeystore;
    if (this.#passphraseKeystore === undefined) {
      throw new ContractError('NOT_ALLOWED_NOW', 'This key is protected by your passphrase. Enter your passphrase on the Keys & Exchanges screen first.');
    }
    return this.#passphraseKeystore;
  }

  storageOf(key: Pick<KeySummary, 'cipherBackend' | 'environment'>): KeyStorageState {
    if (key.cipherBackend === 'passphrase') return this.#passphraseKeystore === undefined ? 'locked' : 'ready';
    if (key.cipherBackend !== this.#options.osCipher.backend) return 'backend-changed';
    if (key.environment === 'live' && WEAK_CIPHER_BACKENDS.includes(key.cipherBackend)) return 'weak-for-live';
    return 'ready';
  }

  /**
   * Enters the passphrase. When keys are already protected by one, the passphrase must open
   * them; otherwise it becomes the passphrase for new keys.
   */
  async setPassphrase(passphrase: Secret): Promise<void> {
    if (this.#passphraseKeystore !== undefined) {
      throw new ContractError('NOT_ALLOWED_NOW', 'Your passphrase is already entered. Ballast keeps it until it quits.');
    }
    const { keys } = await this.#osKeystore.list();
    const protectedKey = keys.find((key) => key.cipherBackend === 'passphrase');
    // A new passphrase becomes the only protection of saved keys: a trivially guessed one is refused.
    // One that already protects keys is only tried against them, whatever it is.
    if (protectedKey === undefined) {
      const refusal = judgeNewPassphrase(passphrase);
      if (refusal !== null) throw new ContractError('REFUSED', passphraseRefusalWords(refusal));
    }
    let cipher: SecretCipher;
    try {
      cipher = (this.#options.createPassphraseCipher ?? defaultPassphraseCipher)(passphrase);
    } catch {
      throw new ContractError('REFUSED', `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`);
    }
    const keystore = this.#keystoreFor(cipher);
    if (protectedKey !== undefined) {
      try {
        await keystore.readCredentials(protectedKey.id);
      } catch (error) {
        if (error instanceof KeysError && error.code === 'DECRYPT_FAILED') {
          throw new ContractError('REFUSED', 'That passphrase does not open your saved keys. Check it and try again.');
        }
        throw error;
      }
    }
    this.#passphraseCipher = cipher;
    this.#passphraseKeystore = keystore;
    this.#options.logger?.info({ unlockedExisting: protectedKey !== undefined }, 'key passphrase entered');
  }

  /** The cipher new secrets other than exchange keys (an LLM provider's key) are saved with: the same as new keys. */
  get cipherForNewSecrets(): SecretCipher {
    return this.#passphraseCipher ?? this.#options.osCipher;
  }

  /** The cipher that can read a secret saved with `backend`, or null while it cannot (passphrase not entered, backend changed). */
  cipherToRead(backend: string): SecretCipher | null {
    if (backend === 'passphrase') return this.#passphraseCipher ?? null;
    return backend === this.#options.osCipher.backend ? this.#options.osCipher : null;
  }

  async encryptionView(): Promise<KeyEncryptionView> {
    const os = this.#options.osCipher;
    const { keys } = await this.#osKeystore.list();
    const lockedKeyCount = keys.filter((key) => this.storageOf(key) === 'locked').length;
    const backendChangedKeyCount = keys.filter((key) => this.storageOf(key) === 'backend-changed').length;
    const active = this.#passphraseCipher ?? os;
    const osStrong = isCipherStrong(os);
    const state = this.#passphraseCipher !== undefined
      ? 'passphrase-active'
      : lockedKeyCount > 0 ? 'passphrase-locked' : osStrong ? 'os-strong' : 'os-weak';
    return {
      state,
      osBackend: os.backend,
      osStrong,
      activeBackend: active.backend,
      liveKeysAllowed: isCipherStrong(active),
      lockedKeyCount,
      backendChangedKeyCount,
      passphraseMinLength: MIN_PASSPHRASE_LENGTH,
    };
  }

  #keystoreFor(cipher: SecretCipher): Keystore {
    const { store, nowMs, logger } = this.#options;
    return new Keystore({ cipher, store, nowMs, ...(logger === undefined ? {} : { logger }) });
  }
}
