import { TIMEFRAME_MS, type Candle, type Timeframe } from './candle.ts';
import type { CandleIssue, ImpossibleBarReason, PositionedCandleIssue } from './candleIssue.ts';
import { candleSeriesFromCandles, type CandleSeries } from './candleSeries.ts';
import { checkStaleness } from './staleness.ts';

export interface CandleValidationOptions {
  /** A close move larger than this many ATRs that reverts on the next bar is an outlier. */
  readonly outlierAtrMultiple?: number;
  /** Share of the jump the next bar must give back to count as a reversion (0..1]. */
  readonly outlierRevertFraction?: number;
  /** Wilder ATR period used as the "usual range" for outliers. */
  readonly atrPeriod?: number;
  /** Offset of the exchange's bar grid from the Unix epoch grid (0 for Binance). */
  readonly gridOffsetMs?: number;
  /** When given, the series' last bar is also checked for staleness at `nowMs`. */
  readonly staleness?: { readonly nowMs: number; readonly maxIntervals: number };
}

export const DEFAULT_VALIDATION = {
  outlierAtrMultiple: 10,
  outlierRevertFraction: 0.5,
  atrPeriod: 14,
  gridOffsetMs: 0,
} as const;

const NOT_FINITE = 1;
const NON_POSITIVE_PRICE = 2;
const NEGATIVE_VOLUME = 4;
const HIGH_BELOW_LOW = 8;
const OPEN_OUTSIDE = 16;
const CLOSE_OUTSIDE = 32;

const REASON_BITS: readonly (readonly [number, ImpossibleBarReason])[] = [
  [NOT_FINITE, 'not-finite'],
  [NON_POSITIVE_PRICE, 'non-positive-price'],
  [NEGATIVE_VOLUME, 'negative-volume'],
  [HIGH_BELOW_LOW, 'high-below-low'],
  [OPEN_OUTSIDE, 'open-outside-range'],
  [CLOSE_OUTSIDE, 'close-outside-range'],
];

function reasonsFromBits(bits: number): ImpossibleBarReason[] {
  return REASON_BITS.filter(([bit]) => (bits & bit) !== 0).map(([, reason]) => reason);
}

function impossibleBits(o: number, h: number, l: number, c: number, v: number, q: number): number {
  // NaN quote volume means "not reported", so only a finite negative one is wrong.
  const quoteInfinite = q === Number.POSITIVE_INFINITY || q === Number.NEGATIVE_INFINITY;
  if (!(Number.isFinite(o) && Number.isFinite(h) && Number.isFinite(l) && Number.isFinite(c) && Number.isFinite(v)) || quoteInfinite) {
    return NOT_FINITE;
  }
  let bits = 0;
  if (o <= 0 || h <= 0 || l <= 0 || c <= 0) bits |= NON_POSITIVE_PRICE;
  if (v < 0 || q < 0) bits |= NEGATIVE_VOLUME;
  if (h < l) bits |= HIGH_BELOW_LOW;
  if (o > h || o < l) bits |= OPEN_OUTSIDE;
  if (c > h || c < l) bits |= CLOSE_OUTSIDE;
  return bits;
}

function checkOptions(atrPeriod: number, atrMultiple: number, revertFraction: number): void {
  if (!Number.isInteger(atrPeriod) || atrPeriod < 1) throw new RangeError(`atrPeriod must be a whole number ≥ 1, got ${atrPeriod}.`);
  if (!(atrMultiple > 0)) throw new RangeError(`outlierAtrMultiple must be > 0, got ${atrMultiple}.`);
  if (!(revertFraction > 0 && revertFraction <= 1)) {
    throw new RangeError(`outlierRevertFraction must be in (0, 1], got ${revertFraction}.`);
  }
}

/**
 * Reports every problem in a series, in one pass over the typed arrays, allocating only for
 * the issues it finds. It never changes the data: callers decide what an issue means for them.
 * Issues come back sorted by bar index (the stale-feed issue, if any, last).
 */
export function validateCandleSeries(
  series: CandleSeries,
  timeframe: Timeframe,
  options: CandleValidationOptions = {},
): CandleIssue[] {
  const stepMs = TIMEFRAME_MS[timeframe];
  const atrMultiple = options.outlierAtrMultiple ?? DEFAULT_VALIDATION.outlierAtrMultiple;
  const revertFraction = options.outlierRevertFraction ?? DEFAULT_VALIDATION.outlierRevertFraction;
  const atrPeriod = options.atrPeriod ?? DEFAULT_VALIDATION.atrPeriod;
  const gridOffsetMs = options.gridOffsetMs ?? DEFAULT_VALIDATION.gridOffsetMs;
  checkOptions(atrPeriod, atrMultiple, revertFraction);

  const { length, openTimeMs: times, open, high, low, close, volumeBase, quoteVolume } = series;
  const issues: PositionedCandleIssue[] = [];
  let needsSort = false;

  let previousTimeMs = Number.NaN;
  let previousAligned = false;
  let latestTimeMs = Number.NaN; // latest open time seen so far (in-order reference)
  let latestIndex = -1;
  let outageStart = -1;
  let outageEnd = -1;

  // Outlier state: ATR after the previous bar and after the one before it, and how many
  // consecutive sound bars precede the current one.
  let atr = 0;
  let trCount = 0;
  let atrBeforePrevious = Number.NaN;
  let soundRun = 0;
  let previousClose = Number.NaN;
  let closeBeforePrevious = Number.NaN;

  for (let i = 0; i < length; i++) {
    const t = times[i] as number;
    const o = open[i] as number;
    const h = high[i] as number;
    const l = low[i] as number;
    const c = close[i] as number;
    const v = volumeBase[i] as number;

    const bits = Number.isFinite(t) ? impossibleBits(o, h, l, c, v, quoteVolume[i] as number) : NOT_FINITE;
    if (bits !== 0) issues.push({ kind: 'impossible-bar', index: i, openTimeMs: t, reasons: reasonsFromBits(bits) });

    if (Number.isFinite(t)) {
      // A bar exactly one step after an aligned bar is aligned too; the (slow) float modulo
      // only runs where the rhythm breaks.
      let aligned: boolean = previousAligned && t - previousTimeMs === stepMs;
      if (!aligned) {
        const offsetMs = (((t - gridOffsetMs) % stepMs) + stepMs) % stepMs;
        aligned = offsetMs === 0;
        if (!aligned) issues.push({ kind: 'misaligned', index: i, openTimeMs: t, offsetMs });
      }
      previousTimeMs = t;
      previousAligned = aligned;
      if (latestIndex >= 0) {
        const deltaMs = t - latestTimeMs;
        if (deltaMs === 0) {
          issues.push({ kind: 'duplicate', index: i, openTimeMs: t, firstIndex: latestIndex });
        } else if (deltaMs < 0) {
          issues.push({ kind: 'out-of-order', index: i, openTimeMs: t, previousOpenTimeMs: latestTimeMs });
        } else if (deltaMs > stepMs) {
          issues.push({ kind: 'gap', index: i, openTimeMs: t, previousOpenTimeMs: latestTimeMs, missingBars: Math.ceil(deltaMs / stepMs) - 1 });
        }
      }
      if (latestIndex < 0 || t > latestTimeMs) {
        latestTimeMs = t;
        latestIndex = i;
      }
    }

    const flatNoTrade = bits === 0 && v === 0 && o === h && h === l && l === c;
    if (flatNoTrade && outageStart >= 0 && outageEnd === i - 1 && t === (times[outageEnd] as number) + stepMs) {
      outageEnd = i;
    } else {
      if (outageStart >= 0) {
        issues.push(outageIssue(times, outageStart, outageEnd));
        needsSort = true;
      }
      outageStart = flatNoTrade ? i : -1;
      outageEnd = flatNoTrade ? i : -1;
    }

    if (bits !== 0) {
      soundRun = 0;
      continue;
    }
    // Judge the previous bar now that we know whether this one reverts its move.
    if (soundRun >= 2 && trCount > atrPeriod) {
      const moveQuote = previousClose - closeBeforePrevious;
      const revertQuote = c - previousClose;
      if (
        Math.abs(moveQuote) > atrMultiple * atrBeforePrevious &&
        moveQuote * revertQuote < 0 &&
        Math.abs(revertQuote) >= revertFraction * Math.abs(moveQuote)
      ) {
        issues.push({
          kind: 'outlier-jump',
          index: i - 1,
          openTimeMs: times[i - 1] as number,
          moveQuote,
          atrQuote: atrBeforePrevious,
          moveInAtr: Math.abs(moveQuote) / atrBeforePrevious,
          revertQuote,
        });
        needsSort = true;
      }
    }
    const trueRange = soundRun === 0 ? h - l : Math.max(h - l, Math.abs(h - previousClose), Math.abs(l - previousClose));
    atrBeforePrevious = atr;
    trCount++;
    atr = trCount <= atrPeriod ? atr + (trueRange - atr) / trCount : (atr * (atrPeriod - 1) + trueRange) / atrPeriod;
    closeBeforePrevious = previousClose;
    previousClose = c;
    soundRun++;
  }
  if (outageStart >= 0) issues.push(outageIssue(times, outageStart, outageEnd));

  if (needsSort) issues.sort((a, b) => a.index - b.index);
  const result: CandleIssue[] = issues;
  if (options.staleness) {
    const lastClosed = latestIndex >= 0 ? latestTimeMs : null;
    const stale = checkStaleness(lastClosed, options.staleness.nowMs, timeframe, options.staleness.maxIntervals, latestIndex >= 0 ? latestIndex : null);
    if (stale) result.push(stale);
  }
  return result;
}

function outageIssue(times: Float64Array, start: number, end: number): PositionedCandleIssue {
  return {
    kind: 'exchange-outage',
    index: start,
    openTimeMs: times[start] as number,
    endIndex: end,
    endOpenTimeMs: times[end] as number,
    barCount: end - start + 1,
  };
}

function isCandleSeries(input: readonly Candle[] | CandleSeries): input is CandleSeries {
  return !Array.isArray(input);
}

/** Same as `validateCandleSeries`, for either form; a `Candle[]` is converted first. */
export function validateCandles(
  candles: readonly Candle[] | CandleSeries,
  timeframe: Timeframe,
  options: CandleValidationOptions = {},
): CandleIssue[] {
  const series = isCandleSeries(candles) ? candles : candleSeriesFromCandles(candles);
  return validateCandleSeries(series, timeframe, options);
}
