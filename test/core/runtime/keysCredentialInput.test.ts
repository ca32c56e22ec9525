import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../core/contract/index.ts';
import { revealSecret } from '../../../core/keys/index.ts';
import {
  credentialsFromPaste, normaliseCoinbasePrivateKey, refuseCredentialAsLabel,
} from '../../../core/runtime/keys/keysCredentialInput.ts';

const BODY = 'MHcCAQEEIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEoAoGCCqGSM49AwEHoUQDQgAEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE';
const PEM = `-----BEGIN EC PRIVATE KEY-----\n${BODY.slice(0, 64)}\n${BODY.slice(64)}\n-----END EC PRIVATE KEY-----\n`;

describe('Coinbase private key as pasted', () => {
  it('keeps a correctly pasted PEM block as it is', () => {
    expect(normaliseCoinbasePrivateKey(PEM)).toBe(PEM);
  });

  it('restores line breaks a password field removed', () => {
    expect(normaliseCoinbasePrivateKey(PEM.replace(/\n/g, ''))).toBe(PEM);
    expect(normaliseCoinbasePrivateKey(PEM.replace(/\n/g, ' '))).toBe(PEM);
  });

  it('turns the two characters \\n copied from the downloaded JSON file into line breaks', () => {
    expect(normaliseCoinbasePrivateKey(PEM.replace(/\n/g, '\\n'))).toBe(PEM);
  });

  it('leaves a key that is not a PEM block alone (trimmed)', () => {
    expect(normaliseCoinbasePrivateKey('  c29tZS1lZDI1NTE5LWtleQ==  ')).toBe('c29tZS1lZDI1NTE5LWtleQ==');
  });

  it('is applied to Coinbase secrets only', () => {
    const coinbase = credentialsFromPaste({ exchange: 'coinbase', apiKey: 'organizations/x/apiKeys/y', secret: PEM.replace(/\n/g, '') });
    expect(revealSecret(coinbase.secret)).toBe(PEM);
    const binance = credentialsFromPaste({ exchange: 'binance', apiKey: 'k', secret: 'a\\nb' });
    expect(revealSecret(binance.secret)).toBe('a\\nb');
  });
});

describe('credentials from the wizard', () => {
  it('become Secrets that print as [redacted]', () => {
    const credentials = credentialsFromPaste({ exchange: 'okx', apiKey: 'FAKE-KEY', secret: 'FAKE-SECRET', passphrase: 'FAKE-PASS' });
    expect(JSON.stringify(credentials)).toBe('{"apiKey":"[redacted]","secret":"[redacted]","passphrase":"[redacted]"}');
    expect(revealSecret(credentials.passphrase!)).toBe('FAKE-PASS');
  });

  it('treat an empty passphrase field as no passphrase', () => {
    expect(credentialsFromPaste({ exchange: 'kraken', apiKey: 'k', secret: 's', passphrase: '' }).passphrase).toBeUndefined();
    expect(() => credentialsFromPaste({ exchange: 'bitget', apiKey: 'k', secret: 's', passphrase: '' })).toThrow(ContractError);
  });

  it('refuse a name that repeats part of the key, secret or passphrase', () => {
    const pasted = { exchange: 'okx' as const, apiKey: 'FAKE-KEY-abcdefgh1234', secret: 'FAKE-SECRET-zyxwvuts9876', passphrase: 'my-okx-passphrase' };
    expect(() => { refuseCredentialAsLabel('Main account', pasted); }).not.toThrow();
    expect(() => { refuseCredentialAsLabel('zyxwvuts', pasted); }).toThrow(/part of the key itself/);
    expect(() => { refuseCredentialAsLabel('key abcdefgh1234', pasted); }).toThrow(ContractError);
    expect(() => { refuseCredentialAsLabel('x okx-passphrase', pasted); }).toThrow(ContractError);
  });
});
