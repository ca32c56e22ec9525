import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { RiskLimitUnit } from '../../../core/contract/index.ts';
import { RISK_LIMIT_FIELD_ORDER } from '../../../core/runtime/riskLimits/riskLimitFields.ts';
import { en } from '../../../renderer/src/i18n/en.ts';
import { glossary } from '../../../renderer/src/i18n/en/glossary.ts';

/** Every [key, value] of the nested catalogue, keys dotted as the screens ask for them. */
function leaves(node: unknown, prefix = ''): [string, unknown][] {
  if (typeof node !== 'object' || node === null) return [[prefix, node]];
  return Object.entries(node).flatMap(([key, value]) => leaves(value, prefix === '' ? key : `${prefix}.${key}`));
}

/**
 * i18next (returnEmptyString: false, its default) treats an empty string as missing and shows
 * the key itself: an empty unit once put "(risk.units.count)" on the Risk limits screen.
 */
async function catalogueT() {
  const instance = i18next.createInstance();
  await instance.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false }, initAsync: false });
  return instance.t.bind(instance);
}

describe('the English catalogue', () => {
  it('has a non-empty sentence for every key: an empty one would put the raw key on screen', () => {
    const all = leaves(en);
    expect(all.length).toBeGreaterThan(300);
    const empty = all.filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('resolves every key to its sentence, never to the key itself', async () => {
    const t = await catalogueT();
    const shownAsKey = leaves(en)
      .map(([key]) => key.replace(/_(one|other)$/, ''))
      .filter((key) => t(key, { count: 2 }) === key);
    expect(shownAsKey).toEqual([]);
  });

  it('has the words for every unit a limit is typed in, and an explanation for every limit', async () => {
    const t = await catalogueT();
    const typedUnits = RiskLimitUnit.options.filter((unit) => !['count', 'switch', 'symbols', 'timeZone'].includes(unit));
    for (const unit of typedUnits) expect(t(`risk.units.${unit}`, { asset: 'USDT' }), unit).not.toMatch(/^risk\./);
    for (const field of RISK_LIMIT_FIELD_ORDER) expect(t(`risk.fields.${field}`), field).not.toMatch(/^risk\./);
  });

  it('explains every glossary word with its term and a meaning', () => {
    for (const [id, entry] of Object.entries(glossary.glossary)) {
      expect(entry.term.trim(), id).not.toBe('');
      expect(entry.meaning.length, id).toBeGreaterThan(20);
    }
  });
});
