import type { Timeframe } from './candle.ts';

/**
 * Where an issue sits: the bar's index in the series as given (zero-based, for code only) and
 * its open time. People are shown the time, never the index: a series index is not a row of the
 * file it came from (the importer sorts, merges repeats and skips header and note lines).
 */
export interface CandlePosition {
  readonly index: number;
  readonly openTimeMs: number;
}

/** Bars are missing before this one; `missingBars` counts the grid slots that were skipped. */
export interface GapIssue extends CandlePosition {
  readonly kind: 'gap';
  readonly previousOpenTimeMs: number;
  readonly missingBars: number;
}

/** Same open time as the latest earlier bar (`firstIndex`). */
export interface DuplicateIssue extends CandlePosition {
  readonly kind: 'duplicate';
  readonly firstIndex: number;
}

/** Opens before a bar that came earlier in the series (`previousOpenTimeMs`, the latest so far). */
export interface OutOfOrderIssue extends CandlePosition {
  readonly kind: 'out-of-order';
  readonly previousOpenTimeMs: number;
}

/** Open time is not on the timeframe grid; `offsetMs` is how far past the grid line it sits. */
export interface MisalignedIssue extends CandlePosition {
  readonly kind: 'misaligned';
  readonly offsetMs: number;
}

export type ImpossibleBarReason =
  | 'not-finite'
  | 'non-positive-price'
  | 'negative-volume'
  | 'high-below-low'
  | 'open-outside-range'
  | 'close-outside-range';

/** A bar that cannot exist in a real market; `reasons` lists every rule it breaks. */
export interface ImpossibleBarIssue extends CandlePosition {
  readonly kind: 'impossible-bar';
  readonly reasons: readonly ImpossibleBarReason[];
}

/**
 * Consecutive zero-volume bars with open = high = low = close: what exchanges emit while
 * trading was halted. Rows `index`..`endIndex` (inclusive) are all such bars.
 */
export interface ExchangeOutageIssue extends CandlePosition {
  readonly kind: 'exchange-outage';
  readonly endIndex: number;
  readonly endOpenTimeMs: number;
  readonly barCount: number;
}

/** A close that jumps many ATRs away and comes back on the next bar: most likely a bad print. */
export interface OutlierJumpIssue extends CandlePosition {
  readonly kind: 'outlier-jump';
  readonly moveQuote: number;
  readonly atrQuote: number;
  readonly moveInAtr: number;
  readonly revertQuote: number;
}

/** The latest closed bar is older than the allowed number of intervals. */
export interface StaleFeedIssue {
  readonly kind: 'stale-feed';
  /** Index of the latest bar in the series, null when there is no bar at all. */
  readonly lastIndex: number | null;
  readonly lastClosedOpenTimeMs: number | null;
  readonly expectedLastClosedOpenTimeMs: number;
  readonly intervalsBehind: number;
  readonly maxIntervals: number;
}

export type PositionedCandleIssue =
  | GapIssue
  | DuplicateIssue
  | OutOfOrderIssue
  | MisalignedIssue
  | ImpossibleBarIssue
  | ExchangeOutageIssue
  | OutlierJumpIssue;

export type CandleIssue = PositionedCandleIssue | StaleFeedIssue;
export type CandleIssueKind = CandleIssue['kind'];

function utc(atMs: number | null): string {
  if (atMs === null || !Number.isFinite(atMs)) return 'an unknown time';
  return new Date(atMs).toISOString().replace('T', ' ').replace(/:00\.000Z$|\.\d{3}Z$/, '') + ' UTC';
}

const IMPOSSIBLE_WORDS: Readonly<Record<ImpossibleBarReason, string>> = {
  'not-finite': 'a value is missing or not a number',
  'non-positive-price': 'a price is zero or negative',
  'negative-volume': 'the volume is negative',
  'high-below-low': 'the high is below the low',
  'open-outside-range': 'the open is outside the high–low range',
  'close-outside-range': 'the close is outside the high–low range',
};

function durationWords(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * One plain sentence per issue, for logs and for the person reading a data report. Bars are
 * named by their open time (UTC), the one position that means the same in the file, the chart
 * and the journal.
 */
export function describeCandleIssue(issue: CandleIssue, timeframe: Timeframe): string {
  switch (issue.kind) {
    case 'gap':
      return `${issue.missingBars} ${timeframe} bar(s) missing between ${utc(issue.previousOpenTimeMs)} and ${utc(issue.openTimeMs)}.`;
    case 'duplicate':
      return `The bar at ${utc(issue.openTimeMs)} appears twice.`;
    case 'out-of-order':
      return `The bar at ${utc(issue.openTimeMs)} comes after a later bar (${utc(issue.previousOpenTimeMs)}).`;
    case 'misaligned':
      return `The bar at ${utc(issue.openTimeMs)} does not start on a ${timeframe} boundary: it starts ${durationWords(issue.offsetMs)} after one.`;
    case 'impossible-bar':
      return `The bar at ${utc(issue.openTimeMs)} cannot be real: ${issue.reasons.map((reason) => IMPOSSIBLE_WORDS[reason]).join('; ')}.`;
    case 'exchange-outage':
      return `${issue.barCount} bar(s) with no trading from ${utc(issue.openTimeMs)} to ${utc(issue.endOpenTimeMs)}: the exchange was probably down.`;
    case 'outlier-jump':
      return `The close at ${utc(issue.openTimeMs)} jumped ${issue.moveInAtr.toFixed(1)} times the usual range and came straight back: probably a bad price.`;
    case 'stale-feed':
      return `The latest closed ${timeframe} bar is from ${utc(issue.lastClosedOpenTimeMs)}, ${issue.intervalsBehind === Number.POSITIVE_INFINITY ? 'and there is no data at all' : `${issue.intervalsBehind} interval(s) behind`} (allowed: ${issue.maxIntervals}); the price feed is stale.`;
  }
}

/** Total bars missing across all gap issues. */
export function countMissingBars(issues: readonly CandleIssue[]): number {
  let missing = 0;
  for (const issue of issues) if (issue.kind === 'gap') missing += issue.missingBars;
  return missing;
}

/** Total rows inside exchange-outage issues. */
export function countOutageBars(issues: readonly CandleIssue[]): number {
  let bars = 0;
  for (const issue of issues) if (issue.kind === 'exchange-outage') bars += issue.barCount;
  return bars;
}
