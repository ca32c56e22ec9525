import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  candleSeriesFromCandles,
  countMissingBars,
  describeCandleIssue,
  validateCandleSeries,
  validateCandles,
  type Candle,
  type CandleIssue,
} from '../../../core/market/index.ts';
import { HOUR_MS, START_MS, cleanCandles, outageBar, withBar } from './candleFixtures.ts';

function kinds(issues: readonly CandleIssue[]): string[] {
  return issues.map((issue) => issue.kind);
}

describe('validateCandles on clean data', () => {
  it('reports nothing for a clean synthetic series', () => {
    expect(validateCandles(cleanCandles(5_000), '1h')).toEqual([]);
  });

  it('reports nothing for an empty series or a single bar', () => {
    expect(validateCandles([], '1h')).toEqual([]);
    expect(validateCandles(cleanCandles(1), '1h')).toEqual([]);
  });

  it('gives the same answer for the object form and the columnar form', () => {
    const candles = withBar(cleanCandles(200), 50, { high: 1 });
    expect(validateCandles(candles, '1h')).toEqual(validateCandleSeries(candleSeriesFromCandles(candles), '1h'));
  });

  it('never changes the data it checks', () => {
    const candles = [...cleanCandles(50), outageBar(START_MS + 50 * HOUR_MS, 1), { ...cleanCandles(1)[0]!, openTimeMs: START_MS + 70 * HOUR_MS, high: 0 }];
    const series = candleSeriesFromCandles(candles);
    const before = structuredClone(series);
    const snapshot = structuredClone(candles);
    validateCandles(candles, '1h');
    validateCandleSeries(series, '1h');
    expect(series).toEqual(before);
    expect(candles).toEqual(snapshot);
  });
});

describe('validateCandles finds each kind of issue', () => {
  it('reports a gap with the number of missing bars and its position', () => {
    const candles = cleanCandles(100).filter((_, i) => i < 40 || i > 42);
    const issues = validateCandles(candles, '1h');
    expect(issues).toEqual([{ kind: 'gap', index: 40, openTimeMs: START_MS + 43 * HOUR_MS, previousOpenTimeMs: START_MS + 39 * HOUR_MS, missingBars: 3 }]);
  });

  it('reports a duplicate bar and the row it repeats', () => {
    const candles = cleanCandles(30);
    candles.splice(11, 0, { ...candles[10]! });
    expect(validateCandles(candles, '1h')).toEqual([{ kind: 'duplicate', index: 11, openTimeMs: START_MS + 10 * HOUR_MS, firstIndex: 10 }]);
  });

  it('reports a bar that goes back in time without inventing a gap after it', () => {
    const candles = cleanCandles(30);
    const [moved] = candles.splice(5, 1);
    candles.splice(20, 0, moved!);
    const issues = validateCandles(candles, '1h');
    expect(kinds(issues)).toEqual(['gap', 'out-of-order']);
    expect(issues[0]).toMatchObject({ kind: 'gap', index: 5, missingBars: 1 });
    expect(issues[1]).toMatchObject({ kind: 'out-of-order', index: 20, openTimeMs: START_MS + 5 * HOUR_MS, previousOpenTimeMs: START_MS + 20 * HOUR_MS });
  });

  it('reports a bar that does not start on the timeframe grid', () => {
    const candles = withBar(cleanCandles(30), 12, { openTimeMs: START_MS + 12 * HOUR_MS + 60_000 });
    const issues = validateCandles(candles, '1h');
    expect(issues).toContainEqual({ kind: 'misaligned', index: 12, openTimeMs: START_MS + 12 * HOUR_MS + 60_000, offsetMs: 60_000 });
  });

  it('accepts a grid offset for exchanges whose bars do not start on the epoch grid', () => {
    const shifted = cleanCandles(30).map((candle) => ({ ...candle, openTimeMs: candle.openTimeMs + 30 * 60_000 }));
    expect(kinds(validateCandles(shifted, '1h'))).toEqual(Array<string>(30).fill('misaligned'));
    expect(validateCandles(shifted, '1h', { gridOffsetMs: 30 * 60_000 })).toEqual([]);
  });

  it.each([
    ['high below low', { high: 90, low: 110, open: 100, close: 100 }, ['high-below-low', 'open-outside-range', 'close-outside-range']],
    ['open above high', { open: 120, high: 110, low: 90, close: 100 }, ['open-outside-range']],
    ['close below low', { close: 80, high: 110, low: 90, open: 100 }, ['close-outside-range']],
    ['a negative price', { low: -1, open: 100, high: 110, close: 100 }, ['non-positive-price']],
    ['a zero price', { open: 0, low: 0, high: 110, close: 100 }, ['non-positive-price']],
    ['a negative volume', { volumeBase: -5 }, ['negative-volume']],
    ['a negative quote volume', { quoteVolume: -5 }, ['negative-volume']],
    ['NaN', { close: Number.NaN }, ['not-finite']],
    ['Infinity', { high: Number.POSITIVE_INFINITY }, ['not-finite']],
    ['an infinite quote volume', { quoteVolume: Number.POSITIVE_INFINITY }, ['not-finite']],
  ] as const)('reports an impossible bar with %s', (_name, change, reasons) => {
    const issues = validateCandles(withBar(cleanCandles(40), 20, change), '1h');
    expect(issues).toEqual([{ kind: 'impossible-bar', index: 20, openTimeMs: START_MS + 20 * HOUR_MS, reasons }]);
  });

  it('reports a bar whose time is not a number as impossible, and its slot as missing', () => {
    const candles = withBar(cleanCandles(10), 4, { openTimeMs: Number.NaN });
    expect(validateCandles(candles, '1h')).toEqual([
      { kind: 'impossible-bar', index: 4, openTimeMs: Number.NaN, reasons: ['not-finite'] },
      { kind: 'gap', index: 5, openTimeMs: START_MS + 5 * HOUR_MS, previousOpenTimeMs: START_MS + 3 * HOUR_MS, missingBars: 1 },
    ]);
  });

  it('groups consecutive zero-volume flat bars into one outage and keeps separate outages apart', () => {
    const candles = cleanCandles(60);
    for (const index of [10, 11, 12, 30]) candles[index] = outageBar(candles[index]!.openTimeMs, candles[index - 1]!.close);
    const issues = validateCandles(candles, '1h');
    expect(issues).toEqual([
      { kind: 'exchange-outage', index: 10, openTimeMs: START_MS + 10 * HOUR_MS, endIndex: 12, endOpenTimeMs: START_MS + 12 * HOUR_MS, barCount: 3 },
      { kind: 'exchange-outage', index: 30, openTimeMs: START_MS + 30 * HOUR_MS, endIndex: 30, endOpenTimeMs: START_MS + 30 * HOUR_MS, barCount: 1 },
    ]);
  });

  it('splits an outage at a gap so that every flagged row is index..endIndex', () => {
    const candles = cleanCandles(20).map((candle, i) => (i >= 5 && i <= 9 ? outageBar(candle.openTimeMs, 10_000) : candle));
    candles.splice(7, 1);
    const outages = validateCandles(candles, '1h').filter((issue) => issue.kind === 'exchange-outage');
    expect(outages).toMatchObject([
      { index: 5, endIndex: 6, barCount: 2 },
      { index: 7, endIndex: 8, barCount: 2 },
    ]);
  });

  it('reports an outage that runs to the last bar', () => {
    const candles = cleanCandles(10).map((candle, i) => (i >= 8 ? outageBar(candle.openTimeMs, 10_000) : candle));
    expect(validateCandles(candles, '1h')).toEqual([
      { kind: 'exchange-outage', index: 8, openTimeMs: START_MS + 8 * HOUR_MS, endIndex: 9, endOpenTimeMs: START_MS + 9 * HOUR_MS, barCount: 2 },
    ]);
  });

  it('does not call a zero-volume bar an outage when its price moved', () => {
    expect(validateCandles(withBar(cleanCandles(20), 10, { volumeBase: 0 }), '1h')).toEqual([]);
  });

  it('reports a jump of many ATRs that reverts on the next bar, at the jumping bar', () => {
    const candles = cleanCandles(100);
    const base = candles[59]!.close;
    candles[60] = { ...candles[60]!, open: base, close: base * 1.2, high: base * 1.2, low: base };
    candles[61] = { ...candles[61]!, open: base * 1.2, close: base, high: base * 1.2, low: base };
    const issues = validateCandles(candles, '1h');
    expect(kinds(issues)).toEqual(['outlier-jump']);
    expect(issues[0]).toMatchObject({ kind: 'outlier-jump', index: 60, openTimeMs: START_MS + 60 * HOUR_MS });
    const outlier = issues[0] as Extract<CandleIssue, { kind: 'outlier-jump' }>;
    expect(outlier.moveQuote).toBeCloseTo(base * 0.2, 6);
    expect(outlier.revertQuote).toBeCloseTo(-base * 0.2, 6);
    expect(outlier.moveInAtr).toBeGreaterThan(10);
  });

  it('does not call a large move an outlier when the next bar keeps the new level', () => {
    const candles = cleanCandles(100);
    const base = candles[59]!.close;
    for (let i = 60; i < 100; i++) {
      const c = candles[i]!;
      candles[i] = { ...c, open: c.open * 1.2, high: c.high * 1.2, low: c.low * 1.2, close: c.close * 1.2 };
    }
    candles[60] = { ...candles[60]!, open: base, low: Math.min(base, candles[60]!.low) };
    expect(validateCandles(candles, '1h')).toEqual([]);
  });

  it('uses the configured ATR multiple', () => {
    const candles = cleanCandles(100);
    const base = candles[59]!.close;
    candles[60] = { ...candles[60]!, open: base, close: base * 1.02, high: base * 1.02, low: base };
    candles[61] = { ...candles[61]!, open: base * 1.02, close: base, high: base * 1.02, low: base };
    const atrOf = (multiple: number): number => validateCandles(candles, '1h', { outlierAtrMultiple: multiple }).length;
    expect(atrOf(3)).toBe(1);
    expect(atrOf(1_000)).toBe(0);
  });

  it('reports a stale feed when asked to check it at a given time', () => {
    const candles = cleanCandles(10);
    const nowMs = START_MS + 20 * HOUR_MS + 5 * 60_000;
    const issues = validateCandles(candles, '1h', { staleness: { nowMs, maxIntervals: 3 } });
    expect(issues).toEqual([
      {
        kind: 'stale-feed',
        lastIndex: 9,
        lastClosedOpenTimeMs: START_MS + 9 * HOUR_MS,
        expectedLastClosedOpenTimeMs: START_MS + 19 * HOUR_MS,
        intervalsBehind: 10,
        maxIntervals: 3,
      },
    ]);
    expect(validateCandles(candles, '1h', { staleness: { nowMs: START_MS + 10 * HOUR_MS + 1, maxIntervals: 0 } })).toEqual([]);
  });

  it('returns issues sorted by row even when outages and outliers are found late', () => {
    const candles = cleanCandles(100);
    for (let i = 20; i < 25; i++) candles[i] = outageBar(candles[i]!.openTimeMs, candles[19]!.close);
    candles[22] = { ...candles[22]!, high: 1 };
    const issues = validateCandles(candles, '1h');
    const indexes = issues.map((issue) => (issue.kind === 'stale-feed' ? Infinity : issue.index));
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
    expect(kinds(issues)).toEqual(['exchange-outage', 'impossible-bar', 'exchange-outage']);
  });

  it('refuses nonsensical options instead of guessing', () => {
    expect(() => validateCandles([], '1h', { atrPeriod: 0 })).toThrow(/atrPeriod/);
    expect(() => validateCandles([], '1h', { outlierAtrMultiple: -1 })).toThrow(/outlierAtrMultiple/);
    expect(() => validateCandles([], '1h', { outlierRevertFraction: 2 })).toThrow(/outlierRevertFraction/);
  });
});

describe('validateCandles properties', () => {
  it('counts exactly the bars removed from inside a clean series as missing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), fc.uniqueArray(fc.integer({ min: 1, max: 298 }), { maxLength: 40 }), (seed, removed) => {
        const kept = cleanCandles(300, seed).filter((_, i) => !removed.includes(i));
        const issues = validateCandles(kept, '1h');
        expect(issues.every((issue) => issue.kind === 'gap')).toBe(true);
        expect(countMissingBars(issues)).toBe(removed.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('describeCandleIssue', () => {
  it('says in plain words what each issue means, naming bars by their UTC time', () => {
    const candles: Candle[] = cleanCandles(3).filter((_, i) => i !== 1);
    const [gap] = validateCandles(candles, '1h');
    expect(gap).toMatchObject({ kind: 'gap', index: 1 });
    expect(describeCandleIssue(gap!, '1h')).toBe('1 1h bar(s) missing between 2020-01-01 00:00 UTC and 2020-01-01 02:00 UTC.');
    const outage: CandleIssue = { kind: 'exchange-outage', index: 4, openTimeMs: START_MS, endIndex: 6, endOpenTimeMs: START_MS + 2 * HOUR_MS, barCount: 3 };
    expect(describeCandleIssue(outage, '1h')).toBe('3 bar(s) with no trading from 2020-01-01 00:00 UTC to 2020-01-01 02:00 UTC: the exchange was probably down.');
  });

  it('never shows the zero-based series index, which people would read as a row of their file', () => {
    const at = START_MS + 3 * HOUR_MS;
    const issues: CandleIssue[] = [
      { kind: 'gap', index: 6199, openTimeMs: at, previousOpenTimeMs: START_MS, missingBars: 2 },
      { kind: 'duplicate', index: 6199, openTimeMs: at, firstIndex: 6198 },
      { kind: 'out-of-order', index: 6199, openTimeMs: at, previousOpenTimeMs: at + HOUR_MS },
      { kind: 'misaligned', index: 6199, openTimeMs: at + 1_800_000, offsetMs: 1_800_000 },
      { kind: 'impossible-bar', index: 6199, openTimeMs: at, reasons: ['high-below-low'] },
      { kind: 'outlier-jump', index: 6199, openTimeMs: at, moveQuote: 10, atrQuote: 1, moveInAtr: 10, revertQuote: -9 },
    ];
    for (const issue of issues) {
      const sentence = describeCandleIssue(issue, '1h');
      expect(sentence).not.toMatch(/6199|6198|row/i);
      expect(sentence).toContain('2020-01-01 03:');
    }
    // 1,800,000 ms past the grid line is half an hour.
    expect(describeCandleIssue(issues[3]!, '1h')).toContain('it starts 30 min after one');
  });
});
