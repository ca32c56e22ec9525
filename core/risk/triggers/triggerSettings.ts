import { z } from 'zod';

const action = z.enum(['SAFE_MODE', 'KILLED']);

/**
 * Thresholds of the automatic triggers. The daily-loss and drawdown thresholds are the
 * `RiskLimits` ones (one number, one meaning); here is only what each trigger does when it trips.
 * The key-permission trigger is not configurable: a key that can withdraw always means KILLED.
 */
export const TriggerSettingsSchema = z.strictObject({
  /** Daily loss reached: reduce-only for the rest of the day by default. */
  dailyLossAction: action,
  /**
   * Drawdown reached: SAFE_MODE by default, so positions can still be exited in an orderly way;
   * KILLED cancels every order and needs the typed re-arm.
   */
  drawdownAction: action,
  errorRate: z.strictObject({
    /** Below this many requests in the window, the error share is not judged (one failure of two is noise). */
    minRequests: z.number().int().min(1),
    /** Share of failed requests (timeouts, 5xx, unknown outcomes) that trips. */
    maxErrorFraction: z.number().gt(0).lte(1),
    /** HTTP 429 answers in the window that trip; any 418 (IP ban) always trips. */
    maxRateLimited: z.number().int().min(1),
    action,
  }),
  dataFeed: z.strictObject({
    /** A gap, outage or bad bar within this many recent bars trips; it clears after as many clean bars. */
    recentBars: z.number().int().min(1).max(1_000),
    /** The latest closed bar may lag by this many intervals before the feed counts as stale. */
    maxStaleIntervals: z.number().int().min(0).max(100),
    action,
  }),
  volatilityShock: z.strictObject({
    atrPeriod: z.number().int().min(2).max(500),
    /** A one-bar close-to-close move larger than this many ATRs (ATR before the bar) trips. */
    atrMultiple: z.number().gt(0).max(100),
    /** Calm bars needed before the trigger clears. */
    calmBarsToClear: z.number().int().min(1).max(1_000),
    action,
  }),
});

export type TriggerSettings = z.infer<typeof TriggerSettingsSchema>;

export const DEFAULT_TRIGGER_SETTINGS: TriggerSettings = Object.freeze({
  dailyLossAction: 'SAFE_MODE',
  drawdownAction: 'SAFE_MODE',
  errorRate: Object.freeze({ minRequests: 10, maxErrorFraction: 0.3, maxRateLimited: 3, action: 'SAFE_MODE' }),
  dataFeed: Object.freeze({ recentBars: 24, maxStaleIntervals: 2, action: 'SAFE_MODE' }),
  // Six ATRs on 1h BTC/USDT 2017–2021 happened about once a month (40 bars in four years).
  volatilityShock: Object.freeze({ atrPeriod: 14, atrMultiple: 6, calmBarsToClear: 3, action: 'SAFE_MODE' }),
});
