import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  CipherError, PassphraseCipher, makeSecret, revealSecret, type CipherBackend, type Secret, type SecretCipher,
} from '../../../../core/keys/index.ts';

/**
 * Stands in for Electron's safeStorage at a process edge: real AES-GCM under a fixed per-instance
 * key, reporting whichever backend a test needs ('gnome_libsecret', 'basic_text', ...).
 */
export class StandInOsCipher implements SecretCipher {
  readonly backend: CipherBackend;
  readonly isStrong: boolean;
  readonly #key = randomBytes(32);

  constructor(backend: CipherBackend, isStrong = backend !== 'basic_text') {
    this.backend = backend;
    this.isStrong = isStrong;
  }

  encrypt(plain: Secret): Promise<Uint8Array> {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce);
    const body = Buffer.concat([cipher.update(revealSecret(plain), 'utf8'), cipher.final()]);
    return Promise.resolve(Buffer.concat([nonce, body, cipher.getAuthTag()]));
  }

  decrypt(cipherBytes: Uint8Array): Promise<Secret> {
    try {
      const bytes = Buffer.from(cipherBytes);
      const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      const plain = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
      return Promise.resolve(makeSecret(plain.toString('utf8')));
    } catch {
      return Promise.reject(new CipherError('WRONG_PASSPHRASE_OR_DAMAGED', 'The saved key could not be decrypted.'));
    }
  }
}

/**
 * PassphraseCipher with a cheap scrypt cost so tests stay fast (the permission watch decrypts the
 * key on every re-read, which at the production cost of 128 MiB per derivation would swamp a test
 * machine); the app itself always uses the strong default.
 */
export function fastPassphraseCipher(passphrase: string | Secret = 'correct horse battery staple'): PassphraseCipher {
  return new PassphraseCipher({ passphrase: typeof passphrase === 'string' ? makeSecret(passphrase) : passphrase, cost: { log2N: 10, r: 8, p: 1 }, allowWeakCost: true });
}
