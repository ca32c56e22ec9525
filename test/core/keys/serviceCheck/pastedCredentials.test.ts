import { describe, expect, it } from 'vitest';
import { makeSecret, revealSecret, type ExchangeCredentials } from '../../../../core/keys/index.ts';
import { credentialsFromPastedText } from '../../../../core/keys/serviceCheck/index.ts';
import { fakeCredentials } from '../support/exchangeSignatures.ts';

const read = (text: string) => credentialsFromPastedText(makeSecret(text));
const plain = (credentials: ExchangeCredentials) => ({
  apiKey: revealSecret(credentials.apiKey),
  secret: revealSecret(credentials.secret),
  ...(credentials.passphrase === undefined ? {} : { passphrase: revealSecret(credentials.passphrase) }),
});
const ok = (text: string) => {
  const result = read(text);
  if (!result.ok) throw new Error(`not read: ${result.problem.code}`);
  return plain(result.credentials);
};

describe('credentials as pasted or piped in', () => {
  it('reads key, secret and passphrase one per line, ignoring blank lines and line endings', () => {
    expect(ok('FAKE-KEY-1\r\nFAKE-SECRET-1\r\n')).toEqual({ apiKey: 'FAKE-KEY-1', secret: 'FAKE-SECRET-1' });
    expect(ok('\nFAKE-KEY-1\n\nFAKE-SECRET-1\nFAKE-PASS-1\n')).toEqual({ apiKey: 'FAKE-KEY-1', secret: 'FAKE-SECRET-1', passphrase: 'FAKE-PASS-1' });
  });

  it('reads a JSON object and Coinbase’s downloaded key file', () => {
    expect(ok('{"apiKey":"FAKE-KEY-1","secret":"FAKE-SECRET-1","passphrase":"FAKE-PASS-1"}')).toEqual({
      apiKey: 'FAKE-KEY-1', secret: 'FAKE-SECRET-1', passphrase: 'FAKE-PASS-1',
    });
    const coinbase = fakeCredentials('coinbase');
    expect(ok(JSON.stringify({ name: coinbase.apiKey, privateKey: coinbase.secret }))).toEqual({ apiKey: coinbase.apiKey, secret: coinbase.secret });
    expect(ok(`${coinbase.apiKey}\n${coinbase.secret}`)).toEqual({ apiKey: coinbase.apiKey, secret: coinbase.secret.trim() });
  });

  it('refuses what it cannot split, without repeating any of it', () => {
    for (const text of ['FAKE-CANARY-ONLY-ONE-LINE', 'a\nb\nc\nFAKE-CANARY-FOURTH', '{"apiKey":"FAKE-CANARY"', '{"key":"FAKE-CANARY"}', '']) {
      const result = read(text);
      expect(result).toEqual({ ok: false, problem: { code: 'KEY_PASTE_NOT_UNDERSTOOD', params: {}, severity: 'not_confirmed' } });
      expect(JSON.stringify(result)).not.toContain('CANARY');
    }
  });
});
