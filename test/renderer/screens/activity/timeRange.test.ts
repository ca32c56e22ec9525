import { describe, expect, it } from 'vitest';
import type { ActivityJournal } from '../../../../core/contract/index.ts';
import { exportFileName } from '../../../../renderer/src/screens/activity/activityStore.ts';
import { fileNameTime, readTimeBound, timeRange } from '../../../../renderer/src/screens/activity/localDateTime.ts';

describe('the Activity time range as typed', () => {
  it('is used when both ends are complete, from 1970 on, and in order', () => {
    const fromMs = new Date(2024, 0, 1, 9, 0).getTime();
    const toMs = new Date(2024, 0, 2, 9, 0).getTime();
    expect(timeRange(readTimeBound('2024-01-01T09:00', false), readTimeBound('2024-01-02T09:00', false))).toEqual({ ok: true, fromMs, toMs });
    expect(timeRange(readTimeBound('', false), readTimeBound('', false))).toEqual({ ok: true, fromMs: undefined, toMs: undefined });
  });

  it('says why it is not used, instead of quietly dropping an end', () => {
    expect(timeRange(readTimeBound('', true), readTimeBound('', false))).toEqual({ ok: false, problem: 'fromIncomplete' });
    expect(timeRange(readTimeBound('', false), readTimeBound('', true))).toEqual({ ok: false, problem: 'toIncomplete' });
    // Before 1970 a journal time would be negative: the core would refuse it, and the old screen dropped it.
    expect(timeRange(readTimeBound('1960-05-01T00:00', false), readTimeBound('', false))).toEqual({ ok: false, problem: 'fromBefore1970' });
    expect(timeRange(readTimeBound('', false), readTimeBound('1969-12-01T00:00', false))).toEqual({ ok: false, problem: 'toBefore1970' });
    expect(timeRange(readTimeBound('2030-01-01T00:00', false), readTimeBound('2020-01-01T00:00', false))).toEqual({ ok: false, problem: 'reversed' });
    expect(timeRange(readTimeBound('2030-01-01T00:00', false), readTimeBound('2030-01-01T00:00', false))).toEqual({ ok: false, problem: 'reversed' });
  });
});

describe('an exported file’s name', () => {
  const run: ActivityJournal = { id: 'paper-1', kind: 'paper', label: 'Paper run', description: '', startedAtMs: new Date(2026, 11, 4, 16, 43).getTime(), isCurrent: true, entries: 3, problem: null };

  it('carries readable local times, not raw milliseconds', () => {
    const savedAtMs = new Date(2026, 11, 5, 8, 5).getTime();
    expect(fileNameTime(savedAtMs)).toBe('2026-12-05_08-05');
    expect(exportFileName(run, 'csv', true, savedAtMs)).toBe('ballast-activity-paper-run-2026-12-04_16-43-saved-2026-12-05_08-05-filtered.csv');
    expect(exportFileName({ ...run, id: 'app', kind: 'app', startedAtMs: null }, 'json', false, savedAtMs)).toBe('ballast-activity-app-saved-2026-12-05_08-05.json');
  });
});
