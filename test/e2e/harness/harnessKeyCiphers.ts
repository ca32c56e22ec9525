import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  CipherError, PassphraseCipher, makeSecret, revealSecret, type Secret, type SecretCipher,
} from '../../../core/keys/index.ts';

/**
 * The harness has no operating-system key store, so it stands in for the one Electron falls
 * back to on Linux without a keyring: 'basic_text', which only scrambles with a key the app
 * itself holds. It reports itself as exactly that (weak), so the E2E specs see what such a
 * computer shows: live keys need a passphrase. The bytes on disk are real AES-GCM ciphertext.
 */
export class HarnessBasicTextCipher implements SecretCipher {
  readonly backend = 'basic_text' as const;
  readonly isStrong = false;
  readonly #key = randomBytes(32);

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
 * The real passphrase cipher at a cheap scrypt cost: the permission watch decrypts the key on
 * every re-read, which at the production cost (128 MiB per derivation) would swamp a test
 * machine. The app itself always uses the strong default.
 */
export const harnessPassphraseCipher = (passphrase: Secret): SecretCipher =>
  new PassphraseCipher({ passphrase, cost: { log2N: 10, r: 8, p: 1 }, allowWeakCost: true });
