import { describe, expect, it } from 'vitest';
import { CLAIM_RULES, scanClaims } from '../../../../core/keys/serviceCheck/index.ts';

describe.each(CLAIM_RULES.map((rule) => [rule.id, rule] as const))('claim rule %s', (_id, rule) => {
  it('has examples on both sides', () => {
    expect(rule.examples.flagged.length).toBeGreaterThan(0);
    expect(rule.examples.clean.length).toBeGreaterThan(0);
  });

  it.each(rule.examples.flagged.map((text) => [text]))('flags: %s', (text) => {
    const own = scanClaims(text, [rule]).matches;
    expect(own.length).toBeGreaterThan(0);
    for (const match of own) expect(text.slice(match.start, match.end)).toBe(match.text);
  });

  it.each(rule.examples.clean.map((text) => [text]))('does not flag: %s', (text) => {
    expect(scanClaims(text, [rule]).matches).toEqual([]);
  });
});

describe('claim rules as a set', () => {
  it('have unique ids and explanation codes', () => {
    expect(new Set(CLAIM_RULES.map((rule) => rule.id)).size).toBe(CLAIM_RULES.length);
    expect(new Set(CLAIM_RULES.map((rule) => rule.explanationCode)).size).toBe(CLAIM_RULES.length);
  });

  it('leave every rule’s clean examples clean under all the other rules too', () => {
    const flaggedByOthers = CLAIM_RULES.flatMap((rule) =>
      rule.examples.clean.filter((text) => scanClaims(text).matches.length > 0).map((text) => `${rule.id}: ${text}`));
    expect(flaggedByOthers).toEqual([]);
  });
});
