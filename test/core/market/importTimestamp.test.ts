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
    expect(parseTimestamp(text)).toMatchObject({ ok: true, atMs: AT_MS, format });
  });

  it('says whether a calendar date named its zone, since one without is read as UTC', () => {
    expect(parseTimestamp('2017-08-17 05:00:00')).toMatchObject({ ok: true, zoned: false });
    expect(parseTimestamp('2017-08-17T05:00:00Z')).toMatchObject({ ok: true, zoned: true });
    expect(parseTimestamp('1502946000000')).toMatchObject({ ok: true, zoned: true });
  });

  it('reads each Unix number by its size: seconds, milliseconds and microseconds never overlap', () => {
    // 1e11 s would be the year 5138 and 1e11 ms is 1973-03-03, so 10 digits are seconds and 13 milliseconds.
    expect(parseTimestamp('99999999999')).toMatchObject({ ok: true, format: 'unix-seconds' });
    expect(parseTimestamp('100000000000')).toMatchObject({ ok: true, format: 'unix-milliseconds', atMs: 100_000_000_000 });
    expect(parseTimestamp('1735689600000000')).toMatchObject({ ok: true, format: 'unix-microseconds', atMs: Date.UTC(2025, 0, 1) });
  });

  it('reads numbers from JSON the same way as text', () => {
    expect(parseTimestamp(1502946000000)).toEqual({ ok: true, atMs: AT_MS, format: 'unix-milliseconds', zoned: true });
    expect(parseTimestamp(1502946000)).toEqual({ ok: true, atMs: AT_MS, format: 'unix-seconds', zoned: true });
  });

  it('reads a date alone as midnight UTC, including the 2020 leap day', () => {
    expect(parseTimestamp('2020-02-29')).toEqual({ ok: true, atMs: Date.UTC(2020, 1, 29), format: 'iso-8601', zoned: false });
  });

  it.each([
    ['', 'empty'],
    ['abc', 'unreadable'],
    ['2021-02-29', 'not-a-real-date'],
    ['2021-01-01 25:00:00', 'not-a-real-date'],
    ['12345', 'implausible-unix'],
    ['1e17', 'unreadable'],
    ['100000000000000000', 'implausible-unix'],
    ['-1502946000', 'unreadable'],
    ['2017-08-19 03-AM', 'unreadable'],
  ] as const)('refuses %j as %s', (text, failure) => {
    expect(parseTimestamp(text)).toEqual({ ok: false, failure });
  });

  it('refuses a value that is not text or a number', () => {
    expect(parseTimestamp(null)).toEqual({ ok: false, failure: 'missing' });
  });
});
