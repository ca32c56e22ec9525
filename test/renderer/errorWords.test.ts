import { describe, expect, it } from 'vitest';
import { CONTRACT_ERROR_CODES } from '../../core/contract/index.ts';
import { errorWords } from '../../renderer/src/errorWords.ts';

describe('the words a failed request shows', () => {
  it('never shows the schema’s message for INVALID_INPUT: the form’s own sentence instead', () => {
    const schema = { code: 'INVALID_INPUT' as const, message: 'The request was not valid (changes.dailyLossFractionOfEquity: Too big: expected number to be <=1).' };
    expect(errorWords(schema, 'Ballast could not use this value.')).toBe('Ballast could not use this value.');
  });

  it('shows every other code’s message, which the core words for the person', () => {
    for (const code of CONTRACT_ERROR_CODES.filter((each) => each !== 'INVALID_INPUT')) {
      expect(errorWords({ code, message: 'Nothing was changed. Daily loss limit: the most allowed is 100%.' }, 'fallback'), code).toMatch(/^Nothing was changed/);
    }
  });
});
