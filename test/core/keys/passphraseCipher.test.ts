import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CipherError, DEFAULT_SCRYPT_COST, PassphraseCipher, makeSecret, revealSecret, type ScryptCost,
} from '../../../core/keys/index.ts';

/** A cheap scrypt cost so a property test can run many decryptions; never used in the app. */
const FAST_COST: ScryptCost = { log2N: 10, r: 8, p: 1 };
const fastCipher = (passphrase = 'correct horse battery staple'): PassphraseCipher =>
  new PassphraseCipher({ passphrase: makeSecret(passphrase), cost: FAST_COST, allowWeakCost: true, maxMemoryBytes: 4 * 1024 * 1024 });

async function decryptFails(cipher: PassphraseCipher, bytes: Uint8Array): Promise<CipherError> {
  try {
    await cipher.decrypt(bytes);
  } catch (error) {
    if (error instanceof CipherError) return error;
    throw new Error(`expected a CipherError, got ${String(error)}`, { cause: error });
  }
  throw new Error('decryption unexpectedly succeeded');
}

describe('PassphraseCipher', () => {
  it('defaults to scrypt N=2^17, r=8, p=1 and writes that cost into the ciphertext', async () => {
    expect(DEFAULT_SCRYPT_COST).toEqual({ log2N: 17, r: 8, p: 1 });
    const cipher = new PassphraseCipher({ passphrase: makeSecret('correct horse battery staple') });
    expect(cipher.cost).toEqual(DEFAULT_SCRYPT_COST);
    const bytes = await cipher.encrypt(makeSecret('FAKE-SECRET-CANARY-7f3a'));
    expect([bytes[5], bytes[6], bytes[7]]).toEqual([17, 8, 1]);
    expect(revealSecret(await cipher.decrypt(bytes))).toBe('FAKE-SECRET-CANARY-7f3a');
  });

  it('refuses a weak cost unless explicitly allowed', () => {
    expect(() => new PassphraseCipher({ passphrase: makeSecret('correct horse battery staple'), cost: FAST_COST }))
      .toThrow(CipherError);
  });

  it('refuses to read a weakly protected ciphertext with the default settings', async () => {
    const weak = await fastCipher().encrypt(makeSecret('x'));
    const strict = new PassphraseCipher({ passphrase: makeSecret('correct horse battery staple') });
    expect((await decryptFails(strict, weak)).code).toBe('WEAK_PARAMETERS');
  });

  it('refuses passphrases shorter than 8 characters', () => {
    expect(() => new PassphraseCipher({ passphrase: makeSecret('short') })).toThrow(/at least 8 characters/);
  });

  it('round-trips any text, with fresh salt and nonce each time', async () => {
    const cipher = fastCipher();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (text) => {
        const first = await cipher.encrypt(makeSecret(text));
        const second = await cipher.encrypt(makeSecret(text));
        expect(revealSecret(await cipher.decrypt(first))).toBe(text);
        expect(Buffer.from(first.slice(8, 36)).equals(Buffer.from(second.slice(8, 36)))).toBe(false);
      }),
      { numRuns: 15 },
    );
  });

  it('does not contain the plaintext in the ciphertext', async () => {
    const bytes = await fastCipher().encrypt(makeSecret('FAKE-SECRET-CANARY-7f3a'));
    expect(Buffer.from(bytes).toString('latin1')).not.toContain('CANARY');
  });

  it('fails with a plain message, not garbage, on a wrong passphrase', async () => {
    const bytes = await fastCipher('correct horse battery staple').encrypt(makeSecret('FAKE-SECRET-CANARY-7f3a'));
    const error = await decryptFails(fastCipher('wrong horse battery staple'), bytes);
    expect(error.code).toBe('WRONG_PASSPHRASE_OR_DAMAGED');
    expect(error.message).toMatch(/passphrase is wrong/);
    expect(error.message).not.toContain('CANARY');
  });

  it('fails authentication when any single byte of the envelope is changed', async () => {
    const cipher = fastCipher();
    const original = await cipher.encrypt(makeSecret('FAKE-SECRET-CANARY-7f3a'));
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: original.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (index, mask) => {
          const tampered = Uint8Array.from(original);
          tampered[index] = (tampered[index] ?? 0) ^ mask;
          const error = await decryptFails(cipher, tampered);
          expect(error.message).not.toContain('CANARY');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('fails on truncated and on foreign bytes', async () => {
    const cipher = fastCipher();
    const original = await cipher.encrypt(makeSecret('FAKE-SECRET-CANARY-7f3a'));
    expect((await decryptFails(cipher, original.slice(0, original.length - 1))).code).toBe('WRONG_PASSPHRASE_OR_DAMAGED');
    expect((await decryptFails(cipher, original.slice(0, 20))).code).toBe('NOT_AN_ENVELOPE');
    expect((await decryptFails(cipher, new TextEncoder().encode('{"not":"ours"} padding padding padding padding'))).code)
      .toBe('NOT_AN_ENVELOPE');
  });
});
