import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeError, redactDetail } from '../../../../core/keys/permissions/errorRedaction.ts';

const SECRET = 'FAKE-SECRET-CANARY-7f3a/+=&?';

describe('redactDetail', () => {
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

describe('describeError', () => {
  it('names the error class and redacts its message', () => {
    expect(describeError(new TypeError(`bad ${SECRET}`), [SECRET])).toBe('TypeError: bad [redacted]');
    expect(describeError('plain string', [])).toBe('string: plain string');
  });
});
