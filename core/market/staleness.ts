import { TIMEFRAME_MS, lastClosedBarOpenTimeMs, type Timeframe } from './candle.ts';
import type { StaleFeedIssue } from './candleIssue.ts';

/**
 * A feed is stale when its latest closed bar lags the latest bar that should be closed at
 * `nowMs` by more than `maxIntervals` intervals. No data at all is always stale (fail closed).
 * A bar newer than expected is not staleness; clock skew is judged elsewhere.
 */
export function checkStaleness(
  lastClosedOpenTimeMs: number | null,
  nowMs: number,
  timeframe: Timeframe,
  maxIntervals: number,
  lastIndex: number | null = null,
): StaleFeedIssue | null {
  if (!Number.isFinite(nowMs)) throw new RangeError(`nowMs must be a finite time, got ${nowMs}.`);
  if (!(maxIntervals >= 0)) throw new RangeError(`maxIntervals must be zero or more, got ${maxIntervals}.`);
  const expectedLastClosedOpenTimeMs = lastClosedBarOpenTimeMs(nowMs, timeframe);
  const intervalsBehind =
    lastClosedOpenTimeMs === null || !Number.isFinite(lastClosedOpenTimeMs)
      ? Number.POSITIVE_INFINITY
      : Math.max(0, Math.floor((expectedLastClosedOpenTimeMs - lastClosedOpenTimeMs) / TIMEFRAME_MS[timeframe]));
  if (intervalsBehind <= maxIntervals) return null;
  return {
    kind: 'stale-feed',
    lastIndex,
    lastClosedOpenTimeMs,
    expectedLastClosedOpenTimeMs,
    intervalsBehind,
    maxIntervals,
  };
}
