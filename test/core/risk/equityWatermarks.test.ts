import { afterEach, describe, expect, it } from 'vitest';
import { EquityMarksUnreadableError, createEquityWatermarks, tradingDayKey } from '../../../core/risk/index.ts';
import { tempJournal, type TempJournal } from './support/tempJournal.ts';

const at = (iso: string): number => Date.parse(iso);

let file: TempJournal | undefined;
afterEach(() => {
  file?.remove();
  file = undefined;
});

describe('the trading day', () => {
  it('starts at the person\'s midnight, daylight saving included', () => {
    // New York: UTC−5 until 2021-03-14 02:00, UTC−4 after.
    expect(tradingDayKey(at('2021-03-13T04:59:00Z'), 'America/New_York')).toBe('2021-03-12');
    expect(tradingDayKey(at('2021-03-13T05:00:00Z'), 'America/New_York')).toBe('2021-03-13');
    expect(tradingDayKey(at('2021-03-15T03:59:00Z'), 'America/New_York')).toBe('2021-03-14');
    expect(tradingDayKey(at('2021-03-15T04:00:00Z'), 'America/New_York')).toBe('2021-03-15');
    expect(tradingDayKey(at('2021-03-15T04:00:00Z'), 'UTC')).toBe('2021-03-15');
    expect(tradingDayKey(at('2021-03-14T23:30:00Z'), 'Asia/Tokyo')).toBe('2021-03-15');
  });
});

describe('equity watermarks', () => {
  it('keep the high-water mark and reset the day start at the person\'s midnight', () => {
    const marks = createEquityWatermarks({ timeZone: () => 'Europe/Berlin' });
    marks.observe(10_000, at('2021-03-01T10:00:00Z'));
    marks.observe(10_500, at('2021-03-01T15:00:00Z'));
    const evening = marks.observe(9_900, at('2021-03-01T22:59:00Z'));
    expect(evening).toMatchObject({ highWaterMarkQuote: 10_500, dayStartEquityQuote: 10_000, dayKey: '2021-03-01' });
    // 23:00 UTC is midnight in Berlin (UTC+1 in March).
    expect(marks.observe(9_800, at('2021-03-01T23:00:00Z'))).toMatchObject({ highWaterMarkQuote: 10_500, dayStartEquityQuote: 9_800, dayKey: '2021-03-02' });
  });

  it('survive a restart, so restarting does not reset the loss limits', () => {
    file = tempJournal();
    const first = file.open();
    const marks = createEquityWatermarks({ timeZone: () => 'UTC', journal: first, saveStepFraction: 0 });
    marks.observe(10_000, at('2021-03-01T01:00:00Z'));
    marks.observe(12_000, at('2021-03-01T02:00:00Z'));
    marks.observe(11_000, at('2021-03-01T03:00:00Z'));
    first.close();
    const second = file.open();
    const again = createEquityWatermarks({ timeZone: () => 'UTC', journal: second });
    expect(again.observe(10_500, at('2021-03-01T04:00:00Z'))).toMatchObject({ highWaterMarkQuote: 12_000, dayStartEquityQuote: 10_000 });
    second.close();
  });

  it('refuse to start afresh from unreadable saved marks until the person resets them', () => {
    file = tempJournal();
    const first = file.open();
    createEquityWatermarks({ timeZone: () => 'UTC', journal: first }).observe(10_000, at('2021-03-01T01:00:00Z'));
    first.db.prepare("UPDATE risk_equity_marks SET record = '{\"highWaterMarkQuote\":-1}' WHERE id = 1").run();
    first.close();
    const second = file.open();
    const marks = createEquityWatermarks({ timeZone: () => 'UTC', journal: second });
    expect(() => marks.observe(9_000, at('2021-03-01T02:00:00Z'))).toThrow(EquityMarksUnreadableError);
    expect(marks.current()).toBeNull();
    marks.resetHighWaterMark(9_000, at('2021-03-01T02:00:00Z'), { code: 'PERSON_RESET_MARKS', message: 'You started the marks again.' });
    expect(marks.observe(9_100, at('2021-03-01T03:00:00Z'))).toMatchObject({ highWaterMarkQuote: 9_100, dayStartEquityQuote: 9_000 });
    expect(second.count({ kinds: ['person_action'], text: 'high_water_mark_reset' })).toBe(1);
    second.close();
  });

  it('refuse an equity that is not a positive number', () => {
    const marks = createEquityWatermarks({ timeZone: () => 'UTC' });
    expect(() => marks.observe(Number.NaN, 0)).toThrow(RangeError);
    expect(() => marks.observe(0, 0)).toThrow(RangeError);
  });
});
