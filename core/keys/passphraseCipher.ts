import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { makeSecret, revealSecret, type Secret } from './secret.ts';
import { CipherError, type SecretCipher } from './secretCipher.ts';
import {
  NONCE_BYTES,
  SALT_BYTES,
  decodeEnvelope,
  encodeHeader,
  joinEnvelope,
  type ScryptCost,
} from './passphraseEnvelope.ts';

/**
 * OWASP's floor for scrypt is N=2^17, r=8, p=1 (about 128 MiB and a few hundred milliseconds
 * per derivation): slow enough that guessing passphrases from a stolen file is expensive.
 */
export const DEFAULT_SCRYPT_COST: ScryptCost = Object.freeze({ log2N: 17, r: 8, p: 1 });
export const MIN_PASSPHRASE_LENGTH = 8;

const KEY_BYTES = 32;
const MIN_LOG2N = 10;
const MAX_LOG2N = 22;
const MAX_R = 32;
const MAX_P = 16;
/** Enough for the default cost with headroom; bounds what a damaged file can make us allocate. */
const DEFAULT_MAX_MEMORY_BYTES = 512 * 1024 * 1024;

export interface PassphraseCipherOptions {
  readonly passphrase: Secret;
  /** scrypt cost for new ciphertexts; defaults to DEFAULT_SCRYPT_COST. */
  readonly cost?: ScryptCost;
  /** Must be true to use (or read) a cost below the default; meant for fast tests only. */
  readonly allowWeakCost?: boolean;
  /** Ciphertexts whose scrypt cost needs more memory than this are refused unread. */
  readonly maxMemoryBytes?: number;
}

function memoryNeededBytes(cost: ScryptCost): number {
  return 128 * 2 ** cost.log2N * cost.r + 128 * cost.r * cost.p;
}

function isWeaker(cost: ScryptCost, floor: ScryptCost): boolean {
  return cost.log2N < floor.log2N || cost.r < floor.r;
}

function deriveKey(passphrase: Secret, salt: Uint8Array, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = {
    N: 2 ** cost.log2N,
    r: cost.r,
    p: cost.p,
    maxmem: memoryNeededBytes(cost) + 1024 * 1024,
  };
  // NFC so that the same passphrase typed on different keyboards/OSes derives the same key.
  const password = Buffer.from(revealSecret(passphrase).normalize('NFC'), 'utf8');
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_BYTES, options, (error, key) => {
      password.fill(0);
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/**
 * Encrypts key material with a key derived from a passphrase the person chose: scrypt, then
 * AES-256-GCM with a fresh random salt and nonce for every encryption. Used where the operating
 * system offers no real encryption (Linux 'basic_text'), so live keys can still be kept safely.
 */
export class PassphraseCipher implements SecretCipher {
  readonly backend = 'passphrase' as const;
  readonly isStrong = true;
  readonly #passphrase: Secret;
  readonly #cost: ScryptCost;
  readonly #allowWeakCost: boolean;
  readonly #maxMemoryBytes: number;

  constructor(options: PassphraseCipherOptions) {
    if (revealSecret(options.passphrase).length < MIN_PASSPHRASE_LENGTH) {
      throw new CipherError(
        'PASSPHRASE_TOO_SHORT',
        `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long.`,
      );
    }
    this.#passphrase = options.passphrase;
    this.#cost = options.cost ?? DEFAULT_SCRYPT_COST;
    this.#allowWeakCost = options.allowWeakCost ?? false;
    this.#maxMemoryBytes = options.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES;
    this.#checkCost(this.#cost);
  }

  /** The scrypt cost new ciphertexts are written with. */
  get cost(): ScryptCost {
    return this.#cost;
  }

  async encrypt(plain: Secret): Promise<Uint8Array> {
    const salt = randomBytes(SALT_BYTES);
    const nonce = randomBytes(NONCE_BYTES);
    const key = await deriveKey(this.#passphrase, salt, this.#cost);
    const header = encodeHeader(this.#cost, salt, nonce);
    const plainBytes = Buffer.from(revealSecret(plain), 'utf8');
    try {
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(header);
      const ciphertext = Buffer.concat([cipher.update(plainBytes), cipher.final()]);
      return joinEnvelope(header, ciphertext, cipher.getAuthTag());
    } finally {
      key.fill(0);
      plainBytes.fill(0);
    }
  }

  async decrypt(cipherBytes: Uint8Array): Promise<Secret> {
    const envelope = decodeEnvelope(cipherBytes);
    this.#checkCost(envelope.cost);
    let key: Buffer;
    try {
      key = await deriveKey(this.#passphrase, envelope.salt, envelope.cost);
    } catch {
      throw new CipherError('UNSAFE_PARAMETERS', 'This key file asks for settings Ballast will not use. It may be damaged.');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, envelope.nonce);
      decipher.setAAD(envelope.header);
      decipher.setAuthTag(envelope.tag);
      const plainBytes = Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]);
      const secret = makeSecret(plainBytes.toString('utf8'));
      plainBytes.fill(0);
      return secret;
    } catch {
      throw new CipherError(
        'WRONG_PASSPHRASE_OR_DAMAGED',
        'The passphrase is wrong, or the saved key was changed or damaged. Nothing was decrypted.',
      );
    } finally {
      key.fill(0);
    }
  }

  #checkCost(cost: ScryptCost): void {
    const inRange =
      Number.isInteger(cost.log2N) && cost.log2N >= MIN_LOG2N && cost.log2N <= MAX_LOG2N &&
      Number.isInteger(cost.r) && cost.r >= 1 && cost.r <= MAX_R &&
      Number.isInteger(cost.p) && cost.p >= 1 && cost.p <= MAX_P;
    if (!inRange || memoryNeededBytes(cost) > this.#maxMemoryBytes) {
      throw new CipherError('UNSAFE_PARAMETERS', 'This key file asks for settings Ballast will not use. It may be damaged.');
    }
    if (!this.#allowWeakCost && isWeaker(cost, DEFAULT_SCRYPT_COST)) {
      throw new CipherError('WEAK_PARAMETERS', 'This key file was protected with settings that are too weak. Enter the key again.');
    }
  }
}
