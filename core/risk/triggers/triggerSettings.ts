import { z } from 'zod';

const action = z.enum(['SAFE_MODE', 'KILLED']);

const MINUTES_PER_WEEK = 7 * 24 * 60;

/** One wall-clock horizon over which the volatility-shock trigger measures the move. */
const ShockHorizonSchema = z.strictObject({
  /** Length in minutes; on a feed whose bars are longer than this, the horizon is skipped. */
  minutes: z.number().int().min(1).max(MINUTES_PER_WEEK),
  /** A fall smaller than this fraction never trips, however calm the market was before it. */
  minDropFraction: z.number().gt(0).lt(1),
  /** A rise smaller than this fraction never trips. */
  minRiseFraction: z.number().gt(0).max(10),
});

const VolatilityShockSettingsSchema = z.strictObject({
  horizons: z.array(ShockHorizonSchema).min(1).max(8).readonly(),
  /** How far back the usual size of each horizon's move reaches (mean age of the weighted moves). */
  baselineDays: z.number().gt(0).max(365),
  /** Days of a horizon's moves needed before it is judged (so the longest horizon adds its own length); until then the trigger does not trip. */
  warmUpDays: z.number().gt(0).max(365),
  /** A fall beyond this many times the horizon's usual move trips (and beyond the floor). */
  dropMultiple: z.number().gt(0).max(1_000),
  /** A rise beyond this many times the horizon's usual move trips (and beyond the floor). */
  riseMultiple: z.number().gt(0).max(1_000),
  /** One move feeds the usual size with at most this many usual sizes, so a crash cannot raise its own bar. */
  clipMultiple: z.number().gt(0).max(1_000),
  /** Hours without a shock before the trigger clears. */
  calmHoursToClear: z.number().gt(0).max(24 * 30),
  action,
});

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
  volatilityShock: VolatilityShockSettingsSchema,
});

export type TriggerSettings = z.infer<typeof TriggerSettingsSchema>;

export const DEFAULT_TRIGGER_SETTINGS: TriggerSettings = Object.freeze({
  dailyLossAction: 'SAFE_MODE',
  drawdownAction: 'SAFE_MODE',
  errorRate: Object.freeze({ minRequests: 10, maxErrorFraction: 0.3, maxRateLimited: 3, action: 'SAFE_MODE' }),
  dataFeed: Object.freeze({ recentBars: 24, maxStaleIntervals: 2, action: 'SAFE_MODE' }),
  // Calibrated on Binance BTC/USDT and ETH/USDT 1h, 2017-08 → 2021-06: BTC trips 16 times and ETH
  // 25 (about 4 and 6.5 a year), nearly all in the crashes of 2017-09, 2017-12, 2018-01/02,
  // 2020-03 and 2021-01/05 (test/core/risk/volatilityShock.realData.test.ts prints the list).
  volatilityShock: Object.freeze({
    // Drop floors: a fall smaller than these is ordinary for BTC even in a calm month; falls this
    // large happened on 7 (1h), 13 (4h) and 9 (1d) days of BTC's four years. Rise floors lie beyond
    // every rise of BTC and ETH in those years (largest +18% in 1h, +34% in 4h, +38% in a day):
    // a rise costs a long-only bot nothing, so only an unheard-of spike (a bad print, a squeeze
    // that buying into would regret) trips. 15 minutes matters on minute feeds only: a flash crash.
    horizons: Object.freeze([
      Object.freeze({ minutes: 15, minDropFraction: 0.06, minRiseFraction: 0.15 }),
      Object.freeze({ minutes: 60, minDropFraction: 0.09, minRiseFraction: 0.25 }),
      Object.freeze({ minutes: 240, minDropFraction: 0.12, minRiseFraction: 0.4 }),
      Object.freeze({ minutes: 1440, minDropFraction: 0.2, minRiseFraction: 0.5 }),
    ]),
    // Four weeks: an hours-long sell-off is a few hundredths of the weight (and clipped), yet the
    // yardstick follows a change of regime (2017's wild bull to 2019's calm) within a month or two.
    baselineDays: 28,
    // Two weeks: 336 hourly moves per horizon (20,160 on minute bars) before its usual size is
    // trusted; a restart or a new market starts over unless history is fed first.
    warmUpDays: 14,
    // In a wild month (BTC 2018-01/02: a usual 4h move of about 2.3%) the relative test decides:
    // at 6 usual moves BTC's −12.5% in 4h on 2018-02-06 passes unseen, at 8 also the −16.5% of
    // 2018-01-16; at 4 ETH trips 27 times instead of 25 with no crash added.
    dropMultiple: 5,
    // Twice the fall's multiple: rises are judged leniently as well as against higher floors.
    riseMultiple: 10,
    // Huber-style clip: one move feeds the yardstick with at most four usual sizes, so a crash
    // widens it by at most 3/672 of itself per hourly bar; a lasting change of regime still shows.
    clipMultiple: 4,
    // A full day without a new shock: crashes come in waves (2020-03-12 fell again 13 hours after
    // its first leg), and a 1d-horizon shock keeps re-reading as one until the crash leaves its window.
    calmHoursToClear: 24,
    action: 'SAFE_MODE',
  }),
});
