import { describe, expect, it } from 'vitest';
import { judgeNewPassphrase, makeSecret, passphraseRefusalWords, PASSPHRASE_MESSAGES } from '../../../core/keys/index.ts';

const judged = (passphrase: string) => judgeNewPassphrase(makeSecret(passphrase))?.code ?? 'accepted';

describe('a new passphrase for saved keys', () => {
  it('is refused when blank or made of spaces, whatever its length', () => {
    for (const blank of ['', ' ', '        ', '\t\t\t\t\t\t\t\t', '\u00a0'.repeat(12)]) expect(judged(blank), JSON.stringify(blank)).toBe('PASSPHRASE_BLANK');
  });

  it('is refused when shorter than eight characters', () => {
    for (const short of ['a', 'Tr0ub4d', 'x9#kQ2p']) expect(judged(short), short).toBe('PASSPHRASE_TOO_SHORT');
  });

  it('is refused when it repeats fewer than five different characters', () => {
    for (const repeated of ['aaaaaaaa', 'abababab', '11112222', '1!1!1!1!', 'abcdabcdabcd', 'zz zz zz zz']) {
      expect(judged(repeated), repeated).toBe('PASSPHRASE_TOO_FEW_DIFFERENT');
    }
  });

  it('is refused when it is a run of letters, digits or neighbouring keys, either way round', () => {
    for (const run of ['12345678', '87654321', 'abcdefgh', 'HGFEDCBA', 'qwertyuiop', 'asdfghjkl', '1qaz2wsx', '1q2w3e4r5t', '7890123456', 'qwertzui']) {
      expect(judged(run), run).toBe('PASSPHRASE_SEQUENCE');
    }
  });

  it('is refused when it is a common password, also with look-alike letters or digits added', () => {
    for (const common of ['password', 'Password1', 'P@ssw0rd', 'password2024!', 'iloveyou', 'sunshine99', 'letmein!!!', 'bitcoin123', 'Ballast2024']) {
      expect(judged(common), common).toBe('PASSPHRASE_COMMON');
    }
  });

  it('is accepted when it is long and not one of the first guesses', () => {
    for (const good of ['correct horse battery staple', 'Tr0ub4dor&3x', 'my cat sleeps on the piano', 'FAKE-PASSPHRASE-CANARY-e2e', 'grün ist die hoffnung']) {
      expect(judged(good), good).toBe('accepted');
    }
  });

  it('says why in plain words, with the numbers filled in and nothing left in braces', () => {
    const refusals = ['        ', 'short', 'abababab', '12345678', 'password1'].map((text) => judgeNewPassphrase(makeSecret(text)));
    expect(refusals.map((refusal) => refusal?.code)).toEqual(Object.keys(PASSPHRASE_MESSAGES));
    for (const refusal of refusals) {
      if (refusal === null) throw new Error('accepted');
      const words = passphraseRefusalWords(refusal);
      expect(words).not.toMatch(/\{\{|\}\}|PASSPHRASE_/);
      expect(words.length).toBeGreaterThan(40);
    }
    expect(passphraseRefusalWords({ code: 'PASSPHRASE_BLANK', params: { min: 8 } })).toContain('at least 8 characters');
  });
});
