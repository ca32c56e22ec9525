import { describe, expect, it } from 'vitest';
import { ADVICE_REASON_CODES, ADVISOR_PRESETS, adviceReasonMessages, llmAdvisorMessages, secondOpinionMessages } from '../../../../core/signals/llm/index.ts';

const everyTemplate = (): string[] => [...Object.values(adviceReasonMessages), ...Object.values(secondOpinionMessages), ...Object.values(llmAdvisorMessages)];

describe('the advisor\'s messages', () => {
  it('word every reason code, and only those', () => {
    expect(Object.keys(adviceReasonMessages).sort()).toEqual([...ADVICE_REASON_CODES].sort());
  });

  it('name every preset', () => {
    for (const preset of ADVISOR_PRESETS) expect(llmAdvisorMessages[`LLM_PRESET_${preset.id.replace(/-/g, '_').toUpperCase()}`]).toBeDefined();
  });

  it('use i18next placeholders and none of the words that oversell', () => {
    for (const template of everyTemplate()) {
      expect(template.replace(/\{\{\w+\}\}/g, '')).not.toMatch(/[{}]|%s/);
      expect(template).not.toMatch(/guarantee|win rate|risk-free|sure thing/i);
      expect(template.length).toBeGreaterThan(20);
    }
  });
});
