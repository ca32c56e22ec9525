import { describe, expect, it } from 'vitest';
import type { RiskLimitRow, RiskLimitUnit, RiskLimitValue } from '../../../../core/contract/index.ts';
import { parseEdit, showValue } from '../../../../renderer/src/screens/risk/limitValues.ts';

const row = (unit: RiskLimitUnit, value: RiskLimitValue = 0): RiskLimitRow => ({ field: 'x', label: 'X', unit, value, use: null });
const typed = (unit: RiskLimitUnit, text: string) => parseEdit(row(unit), text, false);
const WORDS = { on: 'On', off: 'Off', none: 'None', atr: '× ATR' };

describe('a limit typed on the Risk limits screen', () => {
  it('is read as exactly the number typed, in the unit shown', () => {
    // Percent is stored as a fraction: 2.5% → 0.025; a comma is a decimal point too.
    expect(typed('fraction', '2.5')).toEqual({ ok: true, value: 0.025 });
    expect(typed('fraction', ' 2,5 % ')).toEqual({ ok: true, value: 0.025 });
    // Spreads are stored in basis points: 0.3% → 30.
    expect(typed('bps', '0.3')).toEqual({ ok: true, value: 30 });
    // Seconds are stored in milliseconds: 1.5 s → 1,500 ms.
    expect(typed('ms', '1.5')).toEqual({ ok: true, value: 1_500 });
    expect(typed('count', '3')).toEqual({ ok: true, value: 3 });
  });

  it('refuses what Number() would quietly turn into something else, before anything is sent', () => {
    for (const text of ['1e-9', '0x10', '-1', '+2', '1,000,000', 'three', '', ' ', 'Infinity', '5 USDT']) {
      expect(typed('fraction', text), text).toEqual({ ok: false, problem: { key: 'notANumber', example: '2.5' } });
    }
    expect(typed('count', '1.5')).toEqual({ ok: false, problem: { key: 'wholeNumber' } });
    // 0.0000001% would be saved as 1e-9 and shown as 0%: percent is typed to the hundredth.
    expect(typed('fraction', '0.0000001')).toEqual({ ok: false, problem: { key: 'tooManyDecimals', count: 2 } });
    expect(typed('ms', '1.0005')).toEqual({ ok: false, problem: { key: 'tooManyDecimals', count: 3 } });
  });

  it('reads markets as two coin codes with a slash, and suggests one for BTCUSDT', () => {
    expect(typed('symbols', 'btc/usdt, ETH / USDT ; btc/usdt')).toEqual({ ok: true, value: ['BTC/USDT', 'ETH/USDT'] });
    expect(typed('symbols', ' , ')).toEqual({ ok: false, problem: { key: 'noMarkets' } });
    expect(typed('symbols', 'BTC/USDT, BTCUSDT')).toEqual({ ok: false, problem: { key: 'notAMarketSuggest', market: 'BTCUSDT', suggestion: 'BTC/USDT' } });
    expect(typed('symbols', 'bitcoin please')).toEqual({ ok: false, problem: { key: 'notAMarket', market: 'BITCOIN PLEASE' } });
  });

  it('keeps a time zone in its own spelling, and refuses one that does not exist', () => {
    expect(typed('timeZone', 'utc')).toEqual({ ok: true, value: 'UTC' });
    expect(typed('timeZone', 'europe/berlin')).toEqual({ ok: true, value: 'Europe/Berlin' });
    expect(typed('timeZone', 'Mars/Olympus')).toEqual({ ok: false, problem: { key: 'notATimeZone', zone: 'Mars/Olympus' } });
    expect(typed('timeZone', '  ')).toEqual({ ok: false, problem: { key: 'noTimeZone' } });
  });
});

describe('a limit’s value as shown', () => {
  it('never shows a value that is not zero as 0', () => {
    // 1e-9 as a fraction is 0.0000001%: four decimals would round it to 0.
    expect(showValue(row('fraction', 1e-9), 'USDT', WORDS)).toBe('0.0000001%');
    expect(showValue(row('fraction', 0.03), 'USDT', WORDS)).toBe('3%');
  });

  it('shows seconds as typed and an empty market list in words', () => {
    expect(showValue(row('ms', 1_500), 'USDT', WORDS)).toBe('1.5 s');
    expect(showValue(row('symbols', []), 'USDT', WORDS)).toBe('None');
  });
});
