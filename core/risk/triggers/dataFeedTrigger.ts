import { TIMEFRAME_MS, barOpenTimeMs, describeCandleIssue, type CandleIssue, type Timeframe } from '../../market/index.ts';
import type { TriggerSettings } from './triggerSettings.ts';
import type { RiskTrigger, TriggerReading } from './triggerReading.ts';

/** The market layer's validation of one feed, at `nowMs`. */
export interface FeedValidation {
  readonly nowMs: number;
  readonly issues: readonly CandleIssue[];
}

/** The last bar an issue touches; null for stale-feed, which is about now. */
function lastAffectedOpenTimeMs(issue: CandleIssue): number | null {
  switch (issue.kind) {
    case 'stale-feed':
      return null;
    case 'exchange-outage':
      return issue.endOpenTimeMs;
    case 'out-of-order':
      return Math.max(issue.openTimeMs, issue.previousOpenTimeMs);
    default:
      return issue.openTimeMs;
  }
}

function causeCode(issue: CandleIssue): string {
  if (issue.kind === 'stale-feed') return 'DATA_FEED_STALE';
  if (issue.kind === 'gap') return 'DATA_FEED_GAP';
  if (issue.kind === 'exchange-outage') return 'DATA_FEED_OUTAGE';
  return 'DATA_FEED_BAD_BARS';
}

export function dataFeedTriggerId(symbol: string, timeframe: Timeframe): string {
  return `data_feed:${symbol}:${timeframe}`;
}

/**
 * Trips when the feed is stale or has a gap, an outage, an impossible or outlier bar within the
 * last `recentBars` bars: indicators computed across a hole are not to be traded on. It clears
 * once that many clean bars have followed and the feed is fresh.
 */
export function createDataFeedTrigger(symbol: string, timeframe: Timeframe, settings: () => TriggerSettings['dataFeed']): RiskTrigger<FeedValidation> {
  const triggerId = dataFeedTriggerId(symbol, timeframe);
  return {
    triggerId,
    check(validation): TriggerReading {
      const current = settings();
      // The last `recentBars` CLOSED bars: the one forming at `nowMs` is not counted.
      const recentSinceMs = barOpenTimeMs(validation.nowMs, timeframe) - current.recentBars * TIMEFRAME_MS[timeframe];
      const recent: CandleIssue[] = [];
      for (const issue of validation.issues) {
        const lastMs = lastAffectedOpenTimeMs(issue);
        if (issue.kind === 'stale-feed' ? issue.intervalsBehind > current.maxStaleIntervals : lastMs !== null && lastMs >= recentSinceMs) recent.push(issue);
      }
      const first = recent[0];
      return {
        triggerId,
        tripped: first !== undefined,
        action: current.action,
        cause: first === undefined
          ? { code: 'DATA_FEED_OK', message: `The ${symbol} ${timeframe} price feed is complete and fresh again.` }
          : { code: causeCode(first), message: `${symbol}: ${describeCandleIssue(first, timeframe)}`.slice(0, 500) },
        details: {
          symbol,
          timeframe,
          recentIssues: recent.length,
          kinds: [...new Set(recent.map((issue) => issue.kind))].join(','),
          recentBars: current.recentBars,
        },
        atMs: validation.nowMs,
      };
    },
  };
}
