import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { SERVICE_CHECK_MESSAGES, scanClaims } from '../../../core/keys/serviceCheck/index.ts';
import { en } from '../../../renderer/src/i18n/en.ts';

async function catalogueT() {
  const instance = i18next.createInstance();
  await instance.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false }, initAsync: false });
  return instance.t.bind(instance);
}

describe('the words of the service check on screen', () => {
  it('are the same as the core’s, which exported reports and the command line use', () => {
    expect(en.serviceCheck.codes).toEqual(SERVICE_CHECK_MESSAGES);
  });

  it('fill numbers, dates and claim parameters through i18next as they do in the report', async () => {
    const t = await catalogueT();
    const match = scanClaims('Earn 2% daily.').matches[0]!;
    // 2% a day reinvested: 1.02^365 ≈ 1377.4, so (1377.4 − 1) × 100 ≈ 137,641% a year.
    expect(t(`serviceCheck.codes.${match.explanationCode}`, match.params)).toContain('at least 137,641% a year');
    const created = t('serviceCheck.codes.KEY_AGE', { createdAtMs: Date.UTC(2025, 0, 14), ageDays: 3 });
    expect(created).toContain('2025');
    expect(created).not.toContain('{{');
    // The screen's own dates carry the time too: a report says when, not just which day.
    const saved = t('serviceCheck.report.saved', { atMs: Date.UTC(2025, 0, 14, 9, 30) });
    expect(saved).toMatch(/^Report saved on Jan 1[345], 2025, \d{1,2}:\d\d\s?[AP]M\.$/);
  });
});
