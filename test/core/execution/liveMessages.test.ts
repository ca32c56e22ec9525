import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  EXIT_CODES,
  EXIT_MESSAGES,
  KILL_CODES,
  KILL_MESSAGES,
  NO_TRADING_CODES,
  NO_TRADING_MESSAGES,
  PROTECTION_CODES,
  PROTECTION_MESSAGES,
  RECONCILIATION_CODES,
  RECONCILIATION_MESSAGES,
} from '../../../core/execution/index.ts';

const catalogues = [
  [PROTECTION_CODES, PROTECTION_MESSAGES],
  [EXIT_CODES, EXIT_MESSAGES],
  [RECONCILIATION_CODES, RECONCILIATION_MESSAGES],
  [NO_TRADING_CODES, NO_TRADING_MESSAGES],
  [KILL_CODES, KILL_MESSAGES],
] as const;

describe('live trading’s messages', () => {
  it('word every code, and only those', () => {
    for (const [codes, messages] of catalogues) expect(Object.keys(messages).sort()).toEqual([...codes].sort());
  });

  it('render through i18next with their parameters, in plain words without overselling', async () => {
    const resources = Object.fromEntries(catalogues.flatMap(([, messages]) => Object.entries(messages)));
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'en', resources: { en: { translation: resources } }, interpolation: { escapeValue: false } });
    const text = i18n.t('STOP_PLACED', { symbol: 'BTC/USDT', asset: 'BTC', amountBase: 0.00999, stopPriceQuote: 7_200 });
    expect(text).toBe('A protective stop now rests on the exchange for your 0.00999 BTC position: if the price falls to 7,200, the exchange sells it, even when Ballast or this computer is off.');
    for (const template of Object.values(resources)) {
      expect(template.replace(/\{\{[^}]+\}\}/g, '')).not.toMatch(/[{}]|%s/);
      expect(template).not.toMatch(/guarantee|win rate|risk-free/i);
    }
  });
});
