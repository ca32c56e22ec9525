import { CipherError } from './secretCipher.ts';

/**
 * Byte layout of a PassphraseCipher ciphertext. Self-describing so that a future Ballast can
 * read today's files, and so the scrypt cost travels with the data it protects:
 *
 *   0..3   magic "BPC"            4      format version (1)
 *   4      key derivation (1 = scrypt)
 *   5      log2(N)   6  r   7  p  (scrypt cost)
 *   8..24  salt (16 random bytes)   24..36  nonce (12 random bytes)
 *   36..   AES-256-GCM ciphertext, then the 16-byte authentication tag
 *
 * The whole header is passed to GCM as additional authenticated data, so changing any byte of
 * it (not only of the ciphertext) makes authentication fail.
 */
export const ENVELOPE_MAGIC = Uint8Array.from([0x42, 0x50, 0x43]);
export const ENVELOPE_VERSION = 1;
export const KDF_SCRYPT = 1;
export const SALT_BYTES = 16;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const HEADER_BYTES = 3 + 1 + 1 + 3 + SALT_BYTES + NONCE_BYTES;

export interface ScryptCost {
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
}

export interface Envelope {
  readonly cost: ScryptCost;
  readonly salt: Uint8Array;
  readonly nonce: Uint8Array;
  readonly header: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
}

export function encodeHeader(cost: ScryptCost, salt: Uint8Array, nonce: Uint8Array): Uint8Array {
  const header = new Uint8Array(HEADER_BYTES);
  header.set(ENVELOPE_MAGIC, 0);
  header[3] = ENVELOPE_VERSION;
  header[4] = KDF_SCRYPT;
  header[5] = cost.log2N;
  header[6] = cost.r;
  header[7] = cost.p;
  header.set(salt, 8);
  header.set(nonce, 8 + SALT_BYTES);
  return header;
}

export function joinEnvelope(header: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array): Uint8Array {
  const out = new Uint8Array(header.length + ciphertext.length + tag.length);
  out.set(header, 0);
  out.set(ciphertext, header.length);
  out.set(tag, header.length + ciphertext.length);
  return out;
}

const NOT_OURS = 'This is not a key file Ballast wrote, or it was cut short. Ballast cannot read it.';

export function decodeEnvelope(bytes: Uint8Array): Envelope {
  if (bytes.length < HEADER_BYTES + TAG_BYTES) {
    throw new CipherError('NOT_AN_ENVELOPE', NOT_OURS);
  }
  if (!ENVELOPE_MAGIC.every((byte, index) => bytes[index] === byte)) {
    throw new CipherError('NOT_AN_ENVELOPE', NOT_OURS);
  }
  const version = bytes[3];
  const kdf = bytes[4];
  if (version !== ENVELOPE_VERSION || kdf !== KDF_SCRYPT) {
    throw new CipherError(
      'UNSUPPORTED_VERSION',
      'This key was saved in a format this version of Ballast does not know. Update Ballast or enter the key again.',
    );
  }
  const cost = { log2N: bytes[5] ?? 0, r: bytes[6] ?? 0, p: bytes[7] ?? 0 };
  const header = bytes.slice(0, HEADER_BYTES);
  return {
    cost,
    header,
    salt: bytes.slice(8, 8 + SALT_BYTES),
    nonce: bytes.slice(8 + SALT_BYTES, HEADER_BYTES),
    ciphertext: bytes.slice(HEADER_BYTES, bytes.length - TAG_BYTES),
    tag: bytes.slice(bytes.length - TAG_BYTES),
  };
}
