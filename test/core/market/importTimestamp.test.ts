import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../core/market/importTimestamp.ts';

const AT_MS = Date.UTC(2017, 7, 17, 5);

describe('parseTimestamp', () => {
  it.each([
    ['1502946000', 'unix-seconds'],
    ['1502946000.0', 'unix-seconds'],
    ['1502946000000', 'unix-milliseconds'],
    ['1502946000000000', 'unix-microseconds'],
    ['2017-08-17T05:00:00Z', 'iso-8601'],
    ['2017-08-17 05:00:00', 'iso-8601'],
    ['2017-08-17T05:00', 'iso-8601'],
    ['2017-08-17T07:00:00+02:00', 'iso-8601'],
    ['2017-08-17T00:00:00-0500', 'iso-8601'],
    ['2017-08-17 05:00:00 UTC', 'iso-8601'],
  ] as const)('reads %s as %s', (text, format) => {
    expect(parseTimestamp(text)).toEqual({ ok: true, atMs: AT_MS, format });
  });

  it('reads numbers from JSON the same way as text', () => {
    expect(parseTimestamp(1502946000000)).toEqual({ ok: true, atMs: AT_MS, format: 'unix-milliseconds' });
    expect(parseTimestamp(1502946000)).toEqual({ ok: true, atMs: AT_MS, format: 'unix-seconds' });
  });

  it('reads a date alone as midnight UTC, including the 2020 leap day', () => {
    expect(parseTimestamp('2020-02-29')).toEqual({ ok: true, atMs: Date.UTC(2020, 1, 29), format: 'iso-8601' });
  });

  it.each([
    ['', /empty/],
    ['abc', /neither a Unix time nor a date/],
    ['2021-02-29', /not a real calendar date/],
    ['2021-01-01 25:00:00', /not a real calendar date/],
    ['12345', /not a plausible Unix time/],
    ['-1502946000', /neither/],
  ])('refuses %j', (text, reason) => {
    const parsed = parseTimestamp(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it('refuses a value that is not text or a number', () => {
    expect(parseTimestamp(null)).toEqual({ ok: false, reason: 'is missing' });
  });
});
