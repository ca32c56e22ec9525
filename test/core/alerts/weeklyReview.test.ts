import { describe, expect, it } from 'vitest';
import {
  orderCost, reviewScheduleSchema, ReviewScheduler, isReviewDue, nextReviewAtMs, weeklyReview, weeklyReviewAlert, weeklyReviewHtml,
  type ReviewOrder, type WeeklyReviewInput,
} from '../../../core/alerts/index.ts';
import { ManualClock, ManualTimers } from './support/alertFixtures.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
const FROM = Date.UTC(2024, 3, 29);
const TO = FROM + 7 * DAY;
const IN = FROM + DAY;

const order = (overrides: Partial<ReviewOrder> & Pick<ReviewOrder, 'clientOrderId'>): ReviewOrder => ({
  strategy: 'trend', mode: 'live', symbol: 'BTC/USDT', side: 'buy', decisionPriceQuote: 100,
  arrival: { midQuote: 101, bidQuote: 100.5, askQuote: 101.5 }, fills: [], sentAtMs: IN, ...overrides,
});

// Buy 2 at decision 100; mid 101, ask 101.5 at arrival; fills 1 @ 101.6 and 1 @ 101.8 (avg 101.7); fees 0.1 + 0.1.
const buy = order({ clientOrderId: 'buy', fills: [{ priceQuote: 101.6, amountBase: 1, feeQuote: 0.1 }, { priceQuote: 101.8, amountBase: 1, feeQuote: 0.1 }] });
// Sell 4 at decision 50; mid 49.9, bid 49.85 at arrival; fill 4 @ 49.8; fee 0.2.
const sell = order({ clientOrderId: 'sell', side: 'sell', decisionPriceQuote: 50, arrival: { midQuote: 49.9, bidQuote: 49.85, askQuote: 49.95 }, fills: [{ priceQuote: 49.8, amountBase: 4, feeQuote: 0.2 }] });
// Paper buy 10 at decision 10; mid 9.9, no touch recorded; fill 10 @ 9.95; fee 0.05.
const paperBuy = order({ clientOrderId: 'paper', mode: 'paper', decisionPriceQuote: 10, arrival: { midQuote: 9.9, bidQuote: null, askQuote: null }, fills: [{ priceQuote: 9.95, amountBase: 10, feeQuote: 0.05 }] });

function input(overrides: Partial<WeeklyReviewInput> = {}): WeeklyReviewInput {
  return {
    fromMs: FROM, toMs: TO, quoteAsset: 'USDT',
    orders: [buy, sell, paperBuy, order({ clientOrderId: 'unfilled' }), order({ clientOrderId: 'last-week', sentAtMs: FROM - DAY, fills: buy.fills })],
    rejections: [
      { atMs: IN, symbol: 'BTC/USDT', reasonCode: 'MIN_NOTIONAL', exchangeMessage: 'm1' },
      { atMs: IN + 2, symbol: 'BTC/USDT', reasonCode: 'MIN_NOTIONAL', exchangeMessage: 'm3' },
      { atMs: IN + 1, symbol: 'BTC/USDT', reasonCode: 'MIN_NOTIONAL', exchangeMessage: 'm2' },
      { atMs: IN, symbol: 'ETH/USDT', reasonCode: 'INSUFFICIENT_BALANCE', exchangeMessage: 'no funds' },
      { atMs: FROM - 1, symbol: 'ETH/USDT', reasonCode: 'INSUFFICIENT_BALANCE', exchangeMessage: 'old' },
    ],
    errors: [{ atMs: IN, code: 'TIMEOUT' }, { atMs: IN, code: 'RATE_LIMIT' }, { atMs: IN + 5, code: 'TIMEOUT' }],
    positions: [
      { symbol: 'BTC/USDT', openedAtMs: IN, stopConfirmedAtMs: IN + 30 * MINUTE, closedAtMs: null, barMs: 60 * MINUTE },
      { symbol: 'ETH/USDT', openedAtMs: IN, stopConfirmedAtMs: IN + 90 * MINUTE, closedAtMs: null, barMs: 60 * MINUTE },
      { symbol: 'SOL/USDT', openedAtMs: IN, stopConfirmedAtMs: null, closedAtMs: IN + 20 * MINUTE, barMs: 60 * MINUTE },
    ],
    strategyResults: [
      { strategy: 'trend', mode: 'live', returnFraction: 0.012 },
      { strategy: 'trend', mode: 'paper', returnFraction: 0.015 },
      { strategy: 'meanrev', mode: 'paper', returnFraction: 0.02 },
    ],
    driftChecks: [
      { atMs: IN, level: 'none', worstFeature: 'sma' },
      { atMs: IN, level: 'moderate', worstFeature: 'rsi' },
      { atMs: IN + 1, level: 'moderate', worstFeature: 'rsi' },
      { atMs: IN + 2, level: 'severe', worstFeature: 'atr' },
    ],
    keys: [
      { label: 'main', exchange: 'Binance', createdAtMs: TO - 80 * DAY, rotationPeriodDays: 90 },
      { label: 'old', exchange: 'Kraken', createdAtMs: TO - 100 * DAY, rotationPeriodDays: 90 },
    ],
    ...overrides,
  };
}

describe('execution cost against the decision price', () => {
  it('splits a buy into delay, spread, execution and fees', () => {
    const cost = orderCost(buy);
    // delay (101 − 100) × 2 = 2; spread (101.5 − 101) × 2 = 1; execution (101.7 − 101.5) × 2 = 0.4; fees 0.2
    expect(cost?.delayQuote).toBeCloseTo(2, 10);
    expect(cost?.spreadQuote).toBeCloseTo(1, 10);
    expect(cost?.executionQuote).toBeCloseTo(0.4, 10);
    expect(cost?.feesQuote).toBeCloseTo(0.2, 10);
    // 3.6 over a decision notional of 100 × 2 = 200 → 180 basis points
    expect(cost?.totalQuote).toBeCloseTo(3.6, 10);
    expect(cost?.totalBps).toBeCloseTo(180, 8);
  });

  it('counts a sell\'s lower prices as its cost, and a favourable delay as negative', () => {
    const cost = orderCost(sell);
    // delay −(49.9 − 50) × 4 = 0.4; spread −(49.85 − 49.9) × 4 = 0.2; execution −(49.8 − 49.85) × 4 = 0.2; fees 0.2 → 1.0 over 200 → 50 bps
    expect([cost?.delayQuote, cost?.spreadQuote, cost?.executionQuote, cost?.totalBps].map((value) => Number(value?.toFixed(9)))).toEqual([0.4, 0.2, 0.2, 50]);
    const paper = orderCost(paperBuy);
    // delay (9.9 − 10) × 10 = −1; no touch: spread 0, execution (9.95 − 9.9) × 10 = 0.5; fees 0.05 → −0.45 over 100 → −45 bps
    expect([paper?.delayQuote, paper?.spreadQuote, paper?.executionQuote, paper?.totalBps].map((value) => Number(value?.toFixed(9)))).toEqual([-1, 0, 0.5, -45]);
    expect(paper?.spreadKnown).toBe(false);
    expect(orderCost(order({ clientOrderId: 'none' }))).toBeNull();
  });
});

describe('the weekly review', () => {
  const review = weeklyReview(input());

  it('adds up the week\'s orders, weighting basis points by notional', () => {
    // notional 200 + 200 + 100 = 500; total 3.6 + 1.0 − 0.45 = 4.15 → 83 bps
    expect(review.execution.orders).toBe(3);
    expect(review.execution.notionalQuote).toBeCloseTo(500, 9);
    expect(review.execution.delayQuote).toBeCloseTo(1.4, 9);
    expect(review.execution.spreadQuote).toBeCloseTo(1.2, 9);
    expect(review.execution.executionQuote).toBeCloseTo(1.1, 9);
    expect(review.execution.feesQuote).toBeCloseTo(0.45, 9);
    expect(review.execution.totalBps).toBeCloseTo(83, 8);
    expect(review.execution.ordersWithoutSpread).toBe(1);
    // live: 4.6 over 400 → 115 bps
    expect(review.execution.byMode.live.totalBps).toBeCloseTo(115, 8);
    expect(review.worstOrders.map((cost) => cost.clientOrderId)).toEqual(['buy', 'sell', 'paper']);
  });

  it('groups refusals by the exchange\'s reason and counts errors, within the week only', () => {
    expect(review.rejections).toEqual([
      { reasonCode: 'MIN_NOTIONAL', count: 3, exampleMessage: 'm3', lastAtMs: IN + 2 },
      { reasonCode: 'INSUFFICIENT_BALANCE', count: 1, exampleMessage: 'no funds', lastAtMs: IN },
    ]);
    expect(review.errors).toEqual([{ code: 'TIMEOUT', count: 2 }, { code: 'RATE_LIMIT', count: 1 }]);
  });

  it('measures stop coverage within one bar, live against paper, drift and key ages', () => {
    // 1 of 3 stops within a 60-minute bar; longest unprotected: 90 minutes
    expect(review.stops).toEqual({ positions: 3, protectedWithinBar: 1, coveragePercent: 33.3, longestUnprotectedMinutes: 90 });
    expect(review.liveVsPaper).toEqual([{ strategy: 'trend', liveReturnPercent: 1.2, paperReturnPercent: 1.5, differencePercent: -0.3 }]);
    expect(review.drift).toEqual({ checks: 4, moderate: 2, severe: 1, worstFeature: 'rsi' });
    expect(review.keys).toEqual([
      { label: 'main', exchange: 'Binance', ageDays: 80, daysLeft: 10, overdue: false },
      { label: 'old', exchange: 'Kraken', ageDays: 100, daysLeft: 0, overdue: true },
    ]);
    expect(weeklyReviewAlert(review, TO).params).toEqual({ orders: 3, costQuote: 4.15, costBps: 83, quoteAsset: 'USDT', rejections: 4, stopCoveragePercent: 33.3, keysDue: 2 });
  });

  it('renders one self-contained page with every text escaped and nothing to load', () => {
    const hostile = weeklyReview(input({
      strategyResults: [{ strategy: '<script>alert(1)</script>', mode: 'live', returnFraction: 0 }, { strategy: '<script>alert(1)</script>', mode: 'paper', returnFraction: 0 }],
      rejections: [{ atMs: IN, symbol: 'X', reasonCode: 'BAD"REASON', exchangeMessage: '<img src=x onerror=alert(1)> see https://evil.example' }],
    }));
    const html = weeklyReviewHtml(hostile, { timeZone: 'UTC' });
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|<img|<link|<iframe|src=["']?http|url\(/i);
    expect(html).toContain(`Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"`);
    // The total row: 4.15 USDT, 83.0 bps; and no placeholder left unfilled.
    expect(html).toContain('<tr><td>Total</td><td class="n">4.15</td><td class="n">83.0</td></tr>');
    expect(html).toContain('1 of 3 positions had a confirmed stop within one bar (33.3%)');
    expect(html).not.toMatch(/\{\{|[>\s]\?[\s<]/);
  });
});

describe('the review schedule', () => {
  it('is Monday 08:00 by default, in the person\'s time zone, across daylight-saving changes', () => {
    // Wednesday 1 May 2024 → Monday 6 May 08:00 UTC
    expect(nextReviewAtMs(Date.UTC(2024, 4, 1, 12))).toBe(Date.UTC(2024, 4, 6, 8));
    const berlin = reviewScheduleSchema.parse({ timeZone: 'Europe/Berlin' });
    // 08:00 CET (UTC+1) on 25 March, 08:00 CEST (UTC+2) on 1 April, after the 31 March change
    expect(nextReviewAtMs(Date.UTC(2024, 2, 22), berlin)).toBe(Date.UTC(2024, 2, 25, 7));
    expect(nextReviewAtMs(Date.UTC(2024, 2, 29), berlin)).toBe(Date.UTC(2024, 3, 1, 6));
    expect(reviewScheduleSchema.safeParse({ pattern: 'every monday' }).success).toBe(false);
  });

  it('is due once a scheduled time has passed since the last review', () => {
    const last = Date.UTC(2024, 4, 6, 8);
    expect(isReviewDue(last, Date.UTC(2024, 4, 13, 7, 59))).toBe(false);
    expect(isReviewDue(last, Date.UTC(2024, 4, 13, 8))).toBe(true);
  });

  it('makes the review missed while Ballast was off as soon as it starts, for the whole time since the last one', async () => {
    const clock = new ManualClock(Date.UTC(2024, 4, 14, 9));
    const timers = new ManualTimers();
    const periods: { fromMs: number; toMs: number }[] = [];
    const errors: unknown[] = [];
    let fail = true;
    const scheduler = new ReviewScheduler({
      schedule: reviewScheduleSchema.parse({}), nowMs: clock.now, lastRunAtMs: Date.UTC(2024, 4, 6, 8), timers,
      runReview: (period) => {
        if (fail) return Promise.reject(new Error('journal busy'));
        periods.push(period);
        return Promise.resolve();
      },
      onError: (error) => errors.push(error),
    });
    await scheduler.check();
    expect(errors).toHaveLength(1);
    expect(scheduler.lastRunAtMs).toBe(Date.UTC(2024, 4, 6, 8));
    fail = false;
    await scheduler.check();
    expect(periods).toEqual([{ fromMs: Date.UTC(2024, 4, 6, 8), toMs: Date.UTC(2024, 4, 14, 9) }]);
    await scheduler.check();
    expect(periods).toHaveLength(1);
    // One wake-up pending, never further away than 15 minutes.
    expect([...timers.scheduled.values()].map((timer) => timer.delayMs)).toEqual([15 * MINUTE]);
    scheduler.stop();
    expect(timers.scheduled.size).toBe(0);
  });
});
