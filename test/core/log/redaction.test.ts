import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  REDACTED,
  SecretRedactor,
  isSecretFieldName,
  looksLikeKeyMaterial,
  redactText,
  redactValue,
  revealsSecret,
  type TextRules,
} from '../../../core/log/index.ts';

const RUNS = Number(process.env.BALLAST_PROPERTY_RUNS ?? 300);
const SEED = Number(process.env.BALLAST_PROPERTY_SEED ?? 20_261_206);

const KEY = 'FAKE-CANARY-KEY-4f1d2a9c7e5b3d10';
const API_SECRET = 'FAKE-CANARY-SECRET-d41d8cd98f00b204e980';
const PASSPHRASE = 'FAKE-CANARY-PASSPHRASE-horse staple';
const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

const SECRET = 'FAKE-SECRET-CANARY-7f3a/+=&?';
/** The rules the key check applies to ccxt's error text (core/keys/permissions/verifyKeyPermissions.ts). */
const KEY_CHECK_DETAIL: TextRules = { dropQueryStrings: true, maxChars: 300 };
const redactDetail = (text: string, credentials: readonly string[]): string => redactText(text, { secrets: credentials, ...KEY_CHECK_DETAIL });

describe('redactText on the technical detail of a key check', () => {
  it('removes a credential written plainly, URL-encoded or base64-encoded', () => {
    const text = `body ${SECRET} url ${encodeURIComponent(SECRET)} b64 ${Buffer.from(SECRET).toString('base64')}`;
    const out = redactDetail(text, [SECRET]);
    expect(out).not.toContain('CANARY');
    expect(out).not.toContain(Buffer.from(SECRET).toString('base64'));
  });

  it('removes fragments of 8 or more characters of a credential', () => {
    expect(redactDetail('echo: SECRET-CANARY-7f (truncated)', [SECRET])).not.toContain('CANARY');
  });

  it('drops query strings and bearer tokens but keeps the useful part', () => {
    const out = redactDetail('binance GET http://127.0.0.1/sapi/v1/x?timestamp=1&signature=abc 401 Authorization: Bearer eyJ.abc.def', []);
    expect(out).toBe('binance GET http://127.0.0.1/sapi/v1/x?[query removed] 401 Authorization: Bearer [redacted]');
  });

  it('cuts long text short', () => {
    expect(redactDetail('x'.repeat(5000), []).length).toBeLessThanOrEqual(301);
  });

  it('never lets a random credential through, however it is embedded', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 64 }).filter((s) => s.trim().length >= 8),
        fc.string({ maxLength: 100 }),
        fc.string({ maxLength: 100 }),
        fc.constantFrom('plain', 'uri', 'base64'),
        (credential, before, after, encoding) => {
          const embedded = encoding === 'plain' ? credential
            : encoding === 'uri' ? encodeURIComponent(credential) : Buffer.from(credential).toString('base64');
          const out = redactDetail(`${before}${embedded}${after}`, [credential]);
          // The query/whitespace rewriting may reshape the text; the credential must still be gone.
          expect(out.includes(credential)).toBe(false);
          expect(out.includes(embedded)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('redactText', () => {
  it('redacts every occurrence and ignores empty or tiny values', () => {
    expect(redactText(`${KEY}/${KEY}`, { secrets: [KEY, '', 'a'] })).toBe('[redacted]/[redacted]');
    expect(redactText('apiKey=XYZ&secret=ABC')).toBe('apiKey=[redacted]&secret=[redacted]');
  });

  it('masks a secret in every encoding: as written, padded with spaces, percent-encoded in either case, base64 and base64url', () => {
    // No 8 characters of this one survive encoding, so each form is found as a form, not as a fragment.
    const SLASHED = 'FAKE/CANARY/+=/KEY?&';
    const percent = encodeURIComponent(SLASHED);
    const forms = [SLASHED, percent, percent.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()), base64url(SLASHED), base64(SLASHED).replace(/=+$/, '')];
    for (const form of forms) {
      expect(redactText(`the exchange answered: ${form} (echo)`, { secrets: [SLASHED] }), form).toBe(`the exchange answered: ${REDACTED} (echo)`);
    }
    expect(redactText(`padded ${base64(SLASHED)}`, { secrets: [SLASHED] })).toBe(`padded ${REDACTED}=`);
    expect(redactText(`spaces around it in the text: ${SLASHED}.`, { secrets: [`  ${SLASHED}\n`] })).toBe(`spaces around it in the text: ${REDACTED}.`);
    const out = redactText(`${KEY} ${base64(API_SECRET)} ${encodeURIComponent(PASSPHRASE)}`, { secrets: [KEY, API_SECRET, PASSPHRASE] });
    expect(out).toBe(`${REDACTED} ${REDACTED} ${REDACTED}`);
  });

  it('masks any run of 8 or more characters of a secret and leaves shorter runs, which ordinary text shares by chance', () => {
    // 'CANARY-SECRET-d41d8' is 19 characters of API_SECRET; '-d41d8c' only 7.
    expect(redactText('cut off: CANARY-SECRET-d41d8 …', { secrets: [API_SECRET] })).toBe(`cut off: ${REDACTED} …`);
    expect(redactText('order -d41d8c filled', { secrets: [API_SECRET] })).toBe('order -d41d8c filled');
    // Two fragments from different places, back to back, go as one.
    expect(redactText('xx4f1d2a9cd41d8cd98f00yy', { secrets: [KEY, API_SECRET] })).toBe(`xx${REDACTED}yy`);
  });

  it('masks inline name=value, name: value and JSON pairs for every secret name, keeping the names and the text around them', () => {
    const names = ['apiKey', 'api_key', 'API-KEY', 'X-MBX-APIKEY', 'apiSecret', 'secret_key', 'secret', 'signature', 'passphrase', 'password',
      'passwd', 'token', 'access_token', 'refreshToken', 'private_key', 'OK-ACCESS-KEY', 'OK-ACCESS-SIGN', 'KC-API-SIGN', 'authorization'];
    for (const name of names) {
      for (const pair of [`${name}=FAKE-CANARY-v1&symbol=BTCUSDT`, `${name}: FAKE-CANARY-v1 symbol=BTCUSDT`, `{"${name}":"FAKE-CANARY-v1","symbol":"BTCUSDT"}`, `'${name}': 'FAKE-CANARY-v1' symbol=BTCUSDT`]) {
        const out = redactText(pair);
        expect(out, pair).not.toContain('FAKE-CANARY-v1');
        expect(out, pair).toContain(name);
        expect(out, pair).toContain('BTCUSDT');
      }
    }
  });

  it('leaves words that only resemble secret names alone', () => {
    const text = 'tokens: 812, keyLabel=main, signal: buy, design=ok';
    expect(redactText(text)).toBe(text);
  });

  it('masks the credential after Bearer or Basic in any case, and a Telegram bot token anywhere', () => {
    const out = redactText('sent with Bearer FAKE-CANARY-jwt.a.b, bearer FAKE-CANARY-2 and BASIC RkFLRS1DQU5BUlk6cHc= to 123456789:FAKE-CANARY-bot-token_abcdef');
    expect(out).not.toContain('CANARY');
    expect(out).not.toContain('RkFLRS1DQU5BUlk6cHc=');
    expect(out).toContain(`Bearer ${REDACTED}`);
    expect(out).toContain(`BASIC ${REDACTED}`);
    expect(out).toContain(`to ${REDACTED}`);
  });

  it('drops query strings only when asked', () => {
    const url = 'GET https://api.example.test/api/v3/account?timestamp=1&recvWindow=5000 401';
    expect(redactText(url)).toBe(url);
    expect(redactText(url, { dropQueryStrings: true })).toBe('GET https://api.example.test/api/v3/account?[query removed] 401');
  });

  it('masks key-like runs only when asked: 20 or more characters with a digit, or 32 or more of any', () => {
    const keyLike = 'vmPUZE6mv9SD5VNHk4Hl';
    const longWord = 'abcdefghijklmnopqrstuvwxyzABCDEF';
    const text = `key ${keyLike} sig ${longWord} plain abcdefghijklmnopqrstu short a1b2c3`;
    expect(redactText(text)).toBe(text);
    expect(redactText(text, { maskKeyLikeText: true })).toBe(`key ${REDACTED} sig ${REDACTED} plain abcdefghijklmnopqrstu short a1b2c3`);
  });

  it('folds white space and cuts to maxChars with an ellipsis', () => {
    const out = redactText(`line one\n\n   line two ${'z'.repeat(200)}`, { maxChars: 40 });
    expect(out).toHaveLength(40);
    expect(out.startsWith('line one line two zzz')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
  });

  it('never lets a random secret through, whole, encoded or as a fragment, under any rules', () => {
    const rules: readonly TextRules[] = [{}, { dropQueryStrings: true, maxChars: 300 }, { maskKeyLikeText: true, maxChars: 200 }];
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 64 }).filter((s) => s.trim().length >= 8),
        fc.string({ maxLength: 60 }),
        fc.string({ maxLength: 60 }),
        fc.constantFrom('plain', 'uri', 'base64', 'base64url', 'fragment'),
        fc.nat(),
        fc.constantFrom(...rules),
        (secret, before, after, encoding, offset, textRules) => {
          const start = offset % (secret.length - 7);
          const embedded = encoding === 'plain' ? secret
            : encoding === 'uri' ? encodeURIComponent(secret)
              : encoding === 'base64' ? base64(secret)
                : encoding === 'base64url' ? base64url(secret) : secret.slice(start, start + 8);
          const out = redactText(`${before}${embedded}${after}`, { secrets: [secret], ...textRules });
          expect(out.includes(secret)).toBe(false);
          if (embedded.trim().length >= 8) expect(out.includes(embedded)).toBe(false);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('looksLikeKeyMaterial', () => {
  it('says yes to API keys, secrets and signatures, and no to words, prices and ids people read', () => {
    for (const text of [KEY, 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zv', '9f86d081884c7d659a2feaa0c55ad015', 'sig=RkFLRS1DQU5BUlktc2VjcmV0LXZhbHVl']) {
      expect(looksLikeKeyMaterial(text), text).toBe(true);
    }
    for (const text of ['BTC/USDT at 43120.55', 'Trading is paused until you resume.', 'order ballast-1a2b3c', 'AbCd…wXyZ']) {
      expect(looksLikeKeyMaterial(text), text).toBe(false);
    }
  });
});

describe('redactValue', () => {
  it('replaces the value of every secret-looking field at any depth, keeping the names', () => {
    const value = {
      apiKey: 'a1', request: { headers: { 'X-MBX-APIKEY': 'h1', Authorization: 'Bearer h2', 'OK-ACCESS-SIGN': 'h3' } },
      nested: [{ deeper: { refresh_token: 't3', clientSecret: { any: 'shape' } } }],
    };
    expect(redactValue(value)).toEqual({
      apiKey: REDACTED, request: { headers: { 'X-MBX-APIKEY': REDACTED, Authorization: REDACTED, 'OK-ACCESS-SIGN': REDACTED } },
      nested: [{ deeper: { refresh_token: REDACTED, clientSecret: REDACTED } }],
    });
  });

  it('keeps ordinary fields, numbers and booleans, and does not change its input', () => {
    const value = { usage: { promptTokens: 812, totalTokens: 900, estimated: false }, symbol: 'BTC/USDT', note: null };
    const copy = structuredClone(value);
    expect(redactValue(value)).toEqual(value);
    expect(value).toEqual(copy);
  });

  it('masks given secrets inside strings and field names, errors and objects with toJSON', () => {
    const value = { [KEY]: 'weights', message: `for ${KEY}`, error: new Error(`bad ${API_SECRET}`), at: new Date(0), list: [`x ${base64(KEY)}`] };
    const out = redactValue(value, { secrets: [KEY, API_SECRET] });
    expect(JSON.stringify(out)).not.toContain('CANARY');
    expect(JSON.stringify(out)).not.toContain(base64(KEY));
    expect(out).toMatchObject({ [REDACTED]: 'weights', at: '1970-01-01T00:00:00.000Z', error: { name: 'Error', message: `bad ${REDACTED}` } });
  });

  it('stops at a cycle instead of throwing', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(() => JSON.stringify(redactValue(cyclic))).not.toThrow();
  });
});

describe('SecretRedactor', () => {
  it('masks values registered later in free text, field names and JSON prefixes', () => {
    const redactor = new SecretRedactor();
    expect(redactor.fieldPrefix(KEY)).toBe(`"${KEY}":`);
    redactor.registerSecretValue(KEY);
    expect(redactor.redactText(`GET /order?hint=${encodeURIComponent(KEY)}`)).toBe(`GET /order?hint=${REDACTED}`);
    expect(redactor.fieldPrefix(KEY)).toBe(`"${REDACTED}":`);
    expect(redactor.fieldPrefix('apiKey')).toBeUndefined();
    expect(redactor.fieldPrefix('symbol')).toBe('"symbol":');
  });

  it('masks a registered value of any length, but ignores listed values under 4 characters', () => {
    const registered = new SecretRedactor();
    registered.registerSecretValue('xyz');
    expect(registered.redactText('a xyz b')).toBe(`a ${REDACTED} b`);
    expect(new SecretRedactor(['xyz', '   ']).redactText('a xyz b')).toBe('a xyz b');
    expect(() => { registered.registerSecretValue(''); }).toThrow(TypeError);
  });

  it('says which field names hold secrets', () => {
    expect(['apiKey', 'API_KEY', 'secretKey', 'Passphrase', 'privateKey', 'token', 'accessToken', 'sig', 'cookie'].every(isSecretFieldName)).toBe(true);
    expect(['promptTokens', 'tokenCount', 'signal', 'symbol', 'keyLabel', 'clientOrderId'].some(isSecretFieldName)).toBe(false);
  });
});

describe('revealsSecret', () => {
  it('finds a secret, an encoding or a fragment anywhere in plain data, field names included', () => {
    expect(revealsSecret({ a: [{ b: `x ${base64(KEY)}` }] }, [KEY])).toBe(true);
    expect(revealsSecret({ [`k-${KEY.slice(4, 14)}`]: 1 }, [KEY])).toBe(true);
    expect(revealsSecret({ a: ['BTC/USDT', 3, null], b: { c: 'AbCd…wXyZ' } }, [KEY, API_SECRET])).toBe(false);
  });
});
