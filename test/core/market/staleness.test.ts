import { describe, expect, it } from 'vitest';
import { checkStaleness, describeCandleIssue } from '../../../core/market/index.ts';

const HOUR_MS = 3_600_000;
const NOW_MS = Date.UTC(2021, 5, 9, 12, 30);
const LAST_CLOSED_MS = Date.UTC(2021, 5, 9, 11);

describe('checkStaleness', () => {
  it('accepts a feed whose last closed bar is the one that just closed', () => {
    expect(checkStaleness(LAST_CLOSED_MS, NOW_MS, '1h', 0)).toBeNull();
  });

  it('accepts a feed up to the allowed number of intervals behind and flags one more', () => {
    expect(checkStaleness(LAST_CLOSED_MS - 2 * HOUR_MS, NOW_MS, '1h', 2)).toBeNull();
    expect(checkStaleness(LAST_CLOSED_MS - 3 * HOUR_MS, NOW_MS, '1h', 2)).toEqual({
      kind: 'stale-feed',
      lastIndex: null,
      lastClosedOpenTimeMs: LAST_CLOSED_MS - 3 * HOUR_MS,
      expectedLastClosedOpenTimeMs: LAST_CLOSED_MS,
      intervalsBehind: 3,
      maxIntervals: 2,
    });
  });

  it('treats no data at all as stale', () => {
    const issue = checkStaleness(null, NOW_MS, '1h', 5);
    expect(issue).toMatchObject({ kind: 'stale-feed', intervalsBehind: Number.POSITIVE_INFINITY });
    expect(describeCandleIssue(issue!, '1h')).toMatch(/no data at all/);
  });

  it('works on daily bars across the 2020 leap day', () => {
    const now = Date.UTC(2020, 2, 1, 8);
    expect(checkStaleness(Date.UTC(2020, 1, 29), now, '1d', 0)).toBeNull();
    expect(checkStaleness(Date.UTC(2020, 1, 28), now, '1d', 0)).toMatchObject({ intervalsBehind: 1 });
  });

  it('refuses a clock or limit that makes no sense', () => {
    expect(() => checkStaleness(LAST_CLOSED_MS, Number.NaN, '1h', 1)).toThrow(RangeError);
    expect(() => checkStaleness(LAST_CLOSED_MS, NOW_MS, '1h', -1)).toThrow(RangeError);
  });
});
