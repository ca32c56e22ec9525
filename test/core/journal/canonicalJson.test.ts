import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from '../../../core/journal/index.ts';
import { SecretRedactor } from '../../../core/log/index.ts';

/** Same value with every object's keys in reverse insertion order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).reverse().map(([key, field]) => [key, reverseKeys(field)]));
  }
  return value;
}

// Keys of plain trading data; secret-looking names are covered by the redaction tests.
const key = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/).filter((name) => !/key|secret|token|sign|pass|auth|cookie|credential/i.test(name));
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('canonical JSON', () => {
  it('sorts keys at every depth and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: 'x y' } }, new SecretRedactor())).toBe('{"a":{"c":"x y","d":[3,{"e":2,"f":1}]},"b":1}');
  });

  it('is independent of key order and parses back to the same data (property)', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const text = canonicalJson(value, new SecretRedactor());
        expect(canonicalJson(reverseKeys(value), new SecretRedactor())).toBe(text);
        // -0 is the one value JSON cannot carry distinctly; it becomes 0 as in JSON.stringify.
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('refuses cycles instead of looping', () => {
    const a: Record<string, unknown> = {};
    a.again = [a];
    expect(() => canonicalJson(a, new SecretRedactor())).toThrow(/cycle/);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared }, new SecretRedactor())).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});
