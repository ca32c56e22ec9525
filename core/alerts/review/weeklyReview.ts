import type { AlertDraft } from '../alert.ts';
import { DAY_MS, rounded } from '../rules/ruleValues.ts';
import { costTotals, orderCost, type CostTotals, type OrderCost, type ReviewOrder } from './executionCost.ts';

export interface ReviewRejection {
  readonly atMs: number;
  readonly symbol: string;
  readonly reasonCode: string;
  readonly exchangeMessage: string;
}

export interface ReviewPosition {
  readonly symbol: string;
  readonly openedAtMs: number;
  /** When its protective stop was confirmed resting on the exchange; null if it never was. */
  readonly stopConfirmedAtMs: number | null;
  /** When it closed, or null while still open. */
  readonly closedAtMs: number | null;
  /** The strategy's bar length: a stop is due within one bar of the fill. */
  readonly barMs: number;
}

/** Everything the review reads, as plain data from the journal and the other layers. */
export interface WeeklyReviewInput {
  readonly fromMs: number;
  readonly toMs: number;
  readonly quoteAsset: string;
  readonly orders: readonly ReviewOrder[];
  readonly rejections: readonly ReviewRejection[];
  readonly errors: readonly { readonly atMs: number; readonly code: string }[];
  readonly positions: readonly ReviewPosition[];
  /** Each strategy's return over the period, per mode, as a fraction (0.012 for 1.2%). */
  readonly strategyResults: readonly { readonly strategy: string; readonly mode: 'paper' | 'live'; readonly returnFraction: number }[];
  readonly driftChecks: readonly { readonly atMs: number; readonly level: 'none' | 'moderate' | 'severe'; readonly worstFeature: string }[];
  readonly keys: readonly { readonly label: string; readonly exchange: string; readonly createdAtMs: number; readonly rotationPeriodDays: number }[];
}

export interface WeeklyReview {
  readonly fromMs: number;
  readonly toMs: number;
  readonly quoteAsset: string;
  readonly execution: CostTotals & { readonly byMode: Readonly<Record<'paper' | 'live', CostTotals>> };
  /** The five most expensive orders by basis points. */
  readonly worstOrders: readonly OrderCost[];
  readonly rejections: readonly { readonly reasonCode: string; readonly count: number; readonly exampleMessage: string; readonly lastAtMs: number }[];
  readonly errors: readonly { readonly code: string; readonly count: number }[];
  readonly stops: { readonly positions: number; readonly protectedWithinBar: number; readonly coveragePercent: number; readonly longestUnprotectedMinutes: number };
  readonly liveVsPaper: readonly { readonly strategy: string; readonly liveReturnPercent: number; readonly paperReturnPercent: number; readonly differencePercent: number }[];
  readonly drift: { readonly checks: number; readonly moderate: number; readonly severe: number; readonly worstFeature: string | null };
  readonly keys: readonly { readonly label: string; readonly exchange: string; readonly ageDays: number; readonly daysLeft: number; readonly overdue: boolean }[];
}

const within = (atMs: number, input: WeeklyReviewInput): boolean => atMs >= input.fromMs && atMs < input.toMs;

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

function stopCoverage(input: WeeklyReviewInput): WeeklyReview['stops'] {
  const opened = input.positions.filter((position) => within(position.openedAtMs, input));
  let protectedWithinBar = 0;
  let longestMs = 0;
  for (const position of opened) {
    const confirmedAtMs = position.stopConfirmedAtMs;
    if (confirmedAtMs !== null && confirmedAtMs - position.openedAtMs <= position.barMs) protectedWithinBar += 1;
    // Unprotected until the stop was confirmed, or until it closed, or until the end of the period.
    const endMs = Math.min(confirmedAtMs ?? Infinity, position.closedAtMs ?? Infinity, input.toMs);
    longestMs = Math.max(longestMs, endMs - position.openedAtMs);
  }
  return {
    positions: opened.length,
    protectedWithinBar,
    coveragePercent: opened.length === 0 ? 100 : rounded((protectedWithinBar / opened.length) * 100, 1),
    longestUnprotectedMinutes: Math.round(longestMs / 60_000),
  };
}

function liveVsPaper(input: WeeklyReviewInput): WeeklyReview['liveVsPaper'] {
  const rows: WeeklyReview['liveVsPaper'][number][] = [];
  for (const [strategy, results] of countBy(input.strategyResults, (result) => result.strategy)) {
    const live = results.find((result) => result.mode === 'live');
    const paper = results.find((result) => result.mode === 'paper');
    if (live === undefined || paper === undefined) continue;
    rows.push({
      strategy,
      liveReturnPercent: rounded(live.returnFraction * 100),
      paperReturnPercent: rounded(paper.returnFraction * 100),
      differencePercent: rounded((live.returnFraction - paper.returnFraction) * 100),
    });
  }
  return rows.sort((a, b) => a.strategy.localeCompare(b.strategy));
}

function driftSummary(input: WeeklyReviewInput): WeeklyReview['drift'] {
  const checks = input.driftChecks.filter((check) => within(check.atMs, input));
  const drifted = checks.filter((check) => check.level !== 'none');
  const byFeature = [...countBy(drifted, (check) => check.worstFeature)].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  return {
    checks: checks.length,
    moderate: drifted.filter((check) => check.level === 'moderate').length,
    severe: drifted.filter((check) => check.level === 'severe').length,
    worstFeature: byFeature[0]?.[0] ?? null,
  };
}

/**
 * The weekly review: what trading cost (implementation shortfall split into delay, spread,
 * execution and fees), what the exchange refused and why, errors, stop coverage, live against
 * paper, drift and key ages. Pure: the same inputs give the same review.
 */
export function weeklyReview(input: WeeklyReviewInput): WeeklyReview {
  const costs = input.orders.filter((order) => within(order.sentAtMs, input)).map(orderCost).filter((cost): cost is OrderCost => cost !== null);
  const rejections = [...countBy(input.rejections.filter((rejection) => within(rejection.atMs, input)), (rejection) => rejection.reasonCode)]
    .map(([reasonCode, group]) => {
      const last = group.reduce((latest, rejection) => (rejection.atMs > latest.atMs ? rejection : latest));
      return { reasonCode, count: group.length, exampleMessage: last.exchangeMessage.slice(0, 200), lastAtMs: last.atMs };
    })
    .sort((a, b) => b.count - a.count || a.reasonCode.localeCompare(b.reasonCode));
  const errors = [...countBy(input.errors.filter((error) => within(error.atMs, input)), (error) => error.code)]
    .map(([code, group]) => ({ code, count: group.length }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  const keys = input.keys.map((key) => {
    const ageDays = Math.max(0, Math.floor((input.toMs - key.createdAtMs) / DAY_MS));
    const daysLeft = key.rotationPeriodDays - ageDays;
    return { label: key.label, exchange: key.exchange, ageDays, daysLeft: Math.max(0, daysLeft), overdue: daysLeft <= 0 };
  });
  return {
    fromMs: input.fromMs,
    toMs: input.toMs,
    quoteAsset: input.quoteAsset,
    execution: {
      ...costTotals(costs),
      byMode: { paper: costTotals(costs.filter((cost) => cost.mode === 'paper')), live: costTotals(costs.filter((cost) => cost.mode === 'live')) },
    },
    worstOrders: [...costs].sort((a, b) => b.totalBps - a.totalBps).slice(0, 5),
    rejections,
    errors,
    stops: stopCoverage(input),
    liveVsPaper: liveVsPaper(input),
    drift: driftSummary(input),
    keys,
  };
}

/** The "your weekly review is ready" alert, with its key figures; the email carries the whole page. */
export function weeklyReviewAlert(review: WeeklyReview, atMs: number): AlertDraft {
  return {
    code: 'WEEKLY_REVIEW_READY',
    severity: 'info',
    params: {
      orders: review.execution.orders,
      costQuote: rounded(review.execution.totalQuote),
      costBps: rounded(review.execution.totalBps, 1),
      quoteAsset: review.quoteAsset,
      rejections: review.rejections.reduce((sum, group) => sum + group.count, 0),
      stopCoveragePercent: review.stops.coveragePercent,
      keysDue: review.keys.filter((key) => key.overdue || key.daysLeft <= 14).length,
    },
    occurrenceKey: `weekly-review:${review.fromMs}:${review.toMs}`,
    groupKey: 'weekly-review',
    atMs,
  };
}
