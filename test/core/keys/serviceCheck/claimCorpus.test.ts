import { describe, expect, it } from 'vitest';
import { scanClaims } from '../../../../core/keys/serviceCheck/index.ts';
import { MARKETING_CORPUS } from './marketingCorpus.ts';

describe('claim scanner on marketing-style sentences', () => {
  it('has at least 30 sentences, flagged and clean ones', () => {
    expect(MARKETING_CORPUS.length).toBeGreaterThanOrEqual(30);
    expect(MARKETING_CORPUS.filter((s) => s.rules.length > 0).length).toBeGreaterThanOrEqual(15);
    expect(MARKETING_CORPUS.filter((s) => s.rules.length === 0).length).toBeGreaterThanOrEqual(15);
  });

  it.each(MARKETING_CORPUS.map((s) => [s.text, s.rules] as const))('%s → %j', (text, rules) => {
    const found = [...new Set(scanClaims(text).matches.map((m) => m.ruleId))].sort();
    expect(found).toEqual([...rules].sort());
  });
});
