import type { CandleIssue } from '../../market/index.ts';

/**
 * The validator's findings on a whole replay, released bar by bar as they become knowable: a
 * gap when the bar after it arrives, an outage bar when it arrives, an outlier only once the
 * next bar has reverted it. The data-feed trigger never sees the future.
 */
export interface RecentIssues {
  upTo(index: number, nowMs: number): readonly CandleIssue[];
}

const NONE: readonly CandleIssue[] = Object.freeze([]);

function knownFromIndex(issue: CandleIssue): number {
  if (issue.kind === 'stale-feed') return Number.POSITIVE_INFINITY;
  return issue.kind === 'outlier-jump' ? issue.index + 1 : issue.index;
}

/** Issues stay visible for `keepBars` bars after they are known; the trigger decides what is recent. */
export function createRecentIssues(all: readonly CandleIssue[], keepBars = 1_000): RecentIssues {
  const ordered = all
    .filter((issue) => issue.kind !== 'stale-feed')
    .map((issue) => ({ issue, from: knownFromIndex(issue) }))
    .sort((a, b) => a.from - b.from);
  let next = 0;
  let visible: { issue: CandleIssue; from: number }[] = [];
  let cached: readonly CandleIssue[] = NONE;
  return {
    upTo(index) {
      let changed = false;
      while (next < ordered.length && (ordered[next]?.from ?? Infinity) <= index) {
        const entry = ordered[next];
        if (entry) visible.push(entry);
        next += 1;
        changed = true;
      }
      if (visible.length > 0 && (visible[0]?.from ?? 0) < index - keepBars) {
        visible = visible.filter((entry) => entry.from >= index - keepBars);
        changed = true;
      }
      if (changed) cached = visible.length === 0 ? NONE : visible.map((entry) => entry.issue);
      return cached;
    },
  };
}
