import { describe, expect, it } from 'vitest';
import type { CandleColumns, OverlaySeries, TradeMarker } from '../../../../core/contract/index.ts';
import {
  candleRows,
  earlierStart,
  firstIndexAtOrAfter,
  FIRST_DRAWN_BARS,
  markerRows,
  MORE_BARS,
  overlayRows,
  windowStart,
} from '../../../../renderer/src/screens/dashboard/chartData.ts';

const HOUR_MS = 3_600_000;
const T0 = 1_700_000_000_000;

function hourly(count: number): CandleColumns {
  const timeMs = Array.from({ length: count }, (_, i) => T0 + i * HOUR_MS);
  const close = timeMs.map((_, i) => 100 + i);
  return { timeMs, open: close.map((c) => c - 1), high: close.map((c) => c + 2), low: close.map((c) => c - 2), close };
}

const colors = { buy: 'blue', sell: 'orange' };

describe('the price chart draws a long history newest first', () => {
  it('finds the first bar at or after a time, or the end when none is', () => {
    const { timeMs } = hourly(10);
    expect(firstIndexAtOrAfter(timeMs, T0)).toBe(0);
    expect(firstIndexAtOrAfter(timeMs, T0 + 3 * HOUR_MS)).toBe(3);
    expect(firstIndexAtOrAfter(timeMs, T0 + 3 * HOUR_MS + 1)).toBe(4);
    expect(firstIndexAtOrAfter(timeMs, T0 - 1)).toBe(0);
    expect(firstIndexAtOrAfter(timeMs, T0 + 99 * HOUR_MS)).toBe(10);
    expect(firstIndexAtOrAfter([], T0)).toBe(0);
  });

  it('draws everything when the history is short, and only the newest bars when it is long', () => {
    expect(windowStart(hourly(1_500).timeMs, null)).toBe(0);
    const long = hourly(100_000);
    const start = windowStart(long.timeMs, null);
    expect(start).toBe(100_000 - FIRST_DRAWN_BARS);
    const rows = candleRows(long, start);
    expect(rows).toHaveLength(FIRST_DRAWN_BARS);
    expect(rows[0]).toEqual({ time: (T0 + start * HOUR_MS) / 1000, open: 99 + start, high: 102 + start, low: 98 + start, close: 100 + start });
    expect(rows.at(-1)?.close).toBe(100 + 99_999);
  });

  it('scrolling back pulls in older bars until the first one is drawn', () => {
    const { timeMs } = hourly(20_000);
    let start = windowStart(timeMs, null);
    const seen = [start];
    while (start > 0) {
      start = windowStart(timeMs, timeMs[earlierStart(start)] ?? null);
      seen.push(start);
    }
    expect(seen[1]).toBe(20_000 - FIRST_DRAWN_BARS - MORE_BARS);
    expect(seen.at(-1)).toBe(0);
    expect(seen.every((value, i) => i === 0 || value < (seen[i - 1] ?? 0))).toBe(true);
  });

  it('keeps the oldest drawn bar while new bars arrive', () => {
    const before = hourly(10_000);
    const firstDrawnMs = before.timeMs[1_234] ?? null;
    const after = hourly(10_050);
    expect(windowStart(after.timeMs, firstDrawnMs)).toBe(1_234);
    // Never fewer bars than a first draw would show, even if the kept start is recent.
    expect(windowStart(after.timeMs, after.timeMs.at(-1) ?? null)).toBe(10_050 - FIRST_DRAWN_BARS);
  });

  it('overlays and markers start where the candles start; warm-up values are left out', () => {
    const { timeMs } = hourly(10);
    const overlay: OverlaySeries = { key: 'fast', label: 'SMA', timeMs, value: timeMs.map((_, i) => (i < 2 ? Number.NaN : i)) };
    expect(overlayRows(overlay).map((row) => row.value)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(overlayRows(overlay, timeMs[6]).map((row) => row.value)).toEqual([6, 7, 8, 9]);
    const markers: TradeMarker[] = [
      { atMs: (timeMs[1] ?? 0) + 60_000, side: 'buy', priceQuote: 101, amountBase: 1, text: 'buy' },
      { atMs: (timeMs[7] ?? 0) + 60_000, side: 'sell', priceQuote: 107, amountBase: 1, text: 'sell' },
    ];
    expect(markerRows(markers, colors)).toHaveLength(2);
    const drawn = markerRows(markers, colors, timeMs[6]);
    expect(drawn).toHaveLength(1);
    expect(drawn[0]).toMatchObject({ position: 'aboveBar', shape: 'arrowDown', color: 'orange', text: 'sell' });
  });
});
