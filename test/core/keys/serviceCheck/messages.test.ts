import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CHECKLIST_CODES, CLAIM_RULES, KEY_CHECK_CODES, SERVICE_CHECK_MESSAGES, englishTranslate, scanClaims,
} from '../../../../core/keys/serviceCheck/index.ts';
import { MARKETING_CORPUS } from './marketingCorpus.ts';

const SOURCE_DIR = fileURLToPath(new URL('../../../../core/keys/serviceCheck/', import.meta.url));
const messages: Readonly<Record<string, string>> = SERVICE_CHECK_MESSAGES;

describe('service check messages', () => {
  it('have English for every code the key check, the questionnaire and the claim rules produce', () => {
    const produced = [...KEY_CHECK_CODES, ...CHECKLIST_CODES, ...CLAIM_RULES.map((r) => r.explanationCode)];
    expect(produced.filter((code) => messages[code] === undefined)).toEqual([]);
  });

  it('have no template that nothing uses', () => {
    const produced = new Set([...KEY_CHECK_CODES, ...CHECKLIST_CODES, ...CLAIM_RULES.map((r) => r.explanationCode)]);
    const sources = ['reportHtml.ts', 'serviceCheckReport.ts', 'reportJson.ts'].map((f) => readFileSync(`${SOURCE_DIR}${f}`, 'utf8')).join('\n');
    const unused = Object.keys(messages).filter((code) =>
      !produced.has(code) && !sources.includes(`'${code}'`) && !(code.endsWith('_BODY') && code.startsWith('VERDICT_')));
    expect(unused).toEqual([]);
  });

  it('word every claim the scanner finds in the corpus without a missing parameter', () => {
    const t = englishTranslate();
    const words = MARKETING_CORPUS.flatMap((s) => scanClaims(s.text).matches.map((m) => t(m.explanationCode, m.params)));
    expect(words.length).toBeGreaterThan(20);
    expect(words.filter((w) => w.includes('{{') || w.startsWith('CLAIM_'))).toEqual([]);
    // 2% a day reinvested: 1.02^365 = 1377.4 → (1377.4 − 1) × 100 ≈ 137,641% a year.
    expect(t('CLAIM_FIXED_RETURN', scanClaims('Earn 2% daily.').matches[0]!.params)).toContain('at least 137,641% a year');
  });

  it('never use the words they warn about as a promise of their own', () => {
    for (const [code, text] of Object.entries(messages)) {
      expect.soft(scanClaims(text).matches, code).toEqual([]);
    }
  });
});
