import { describe, expect, it } from 'vitest';
import { ACTIVITY_KINDS, commands } from '../../../../core/contract/index.ts';
import { contractFilters, NO_FILTERS, timeRangeInOrder } from '../../../../renderer/src/screens/activity/activityStore.ts';
import { localInputToMs, msToLocalInput } from '../../../../renderer/src/screens/activity/localDateTime.ts';

describe('the Activity screen’s filters', () => {
  it('sends nothing for the default filters, so the core reads every entry', () => {
    expect(contractFilters(NO_FILTERS)).toEqual({});
  });

  it('sends kinds only when some are left out, an empty list when none are ticked, and trimmed words', () => {
    expect(contractFilters({ ...NO_FILTERS, kinds: ['fill', 'order'], text: '  bl-abc  ' })).toEqual({ kinds: ['fill', 'order'], text: 'bl-abc' });
    expect(contractFilters({ ...NO_FILTERS, kinds: [] })).toEqual({ kinds: [] });
    expect(contractFilters({ ...NO_FILTERS, text: '   ' })).toEqual({});
  });

  it('builds requests the contract accepts', () => {
    const filters = contractFilters({ kinds: ACTIVITY_KINDS.slice(0, 3), text: 'DAILY_LOSS', fromMs: 1_000, toMs: 2_000, subject: 'BTC/USDT' });
    expect(commands.queryActivity.input.safeParse({ journal: 'paper-1700000000000', limit: 50, ...filters }).success).toBe(true);
    expect(commands.exportActivity.input.safeParse({ journal: 'app', format: 'csv', filters }).success).toBe(true);
  });

  it('holds back a time range whose start is not before its end', () => {
    expect(timeRangeInOrder({ ...NO_FILTERS, fromMs: 2_000, toMs: 1_000 })).toBe(false);
    expect(timeRangeInOrder({ ...NO_FILTERS, fromMs: 2_000, toMs: 2_000 })).toBe(false);
    expect(timeRangeInOrder({ ...NO_FILTERS, fromMs: 2_000 })).toBe(true);
  });

  it('reads the date-time inputs in the person’s own time zone, to the minute, and an empty one as no bound', () => {
    const atMs = new Date(2024, 2, 12, 14, 5).getTime();
    expect(msToLocalInput(atMs)).toBe('2024-03-12T14:05');
    expect(localInputToMs('2024-03-12T14:05')).toBe(atMs);
    expect(localInputToMs('')).toBeUndefined();
    expect(localInputToMs('not a date')).toBeUndefined();
  });
});
