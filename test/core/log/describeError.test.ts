import { describe, expect, it } from 'vitest';
import { describeError } from '../../../core/log/index.ts';

const SECRET = 'FAKE-SECRET-CANARY-7f3a/+=&?';

describe('describeError', () => {
  it('names the error class and redacts its message', () => {
    expect(describeError(new TypeError(`bad ${SECRET}`), { secrets: [SECRET] })).toBe('TypeError: bad [redacted]');
    expect(describeError('plain string')).toBe('string: plain string');
  });

  it('names an error by its class when its name is the generic "Error", as the openai package leaves it', () => {
    class RateLimitError extends Error {}
    expect(describeError(new RateLimitError('429 slow down'))).toBe('RateLimitError: 429 slow down');
    const named = new Error('closed');
    named.name = 'JournalError';
    expect(describeError(named)).toBe('JournalError: closed');
  });

  it('masks inline secrets and the secrets a redactor already knows, on one line, at most maxChars long', () => {
    const error = new Error(`GET /api?x=1 failed\n  signature=9f86d081884c7d659a2f\n  key FAKE-CANARY-KEY-describe-0001 ${'y'.repeat(900)}`);
    const text = describeError(error, { secrets: ['FAKE-CANARY-KEY-describe-0001'] });
    expect(text).not.toContain('CANARY');
    expect(text).not.toContain('9f86d081884c7d659a2f');
    expect(text).not.toContain('\n');
    // 500 characters by default: 499 of the text and the ellipsis.
    expect(text).toHaveLength(500);
    expect(text.endsWith('…')).toBe(true);
    expect(describeError(error, { maxChars: 80 }).length).toBeLessThanOrEqual(80);
  });

  it('describes a thrown value that cannot be turned into text without throwing itself', () => {
    const hostile = { toString: () => { throw new Error('no'); } };
    expect(describeError(hostile)).toBe('object: a value that cannot be shown as text');
  });
});
