import { Cron } from 'croner';
import { z } from 'zod';
import { isKnownTimeZone } from '../template.ts';
import { realTimers, type TimerPort } from '../timers.ts';

function isCronPattern(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

/** When the weekly review is made: a cron pattern in the person's time zone, Monday 08:00 by default. */
export const reviewScheduleSchema = z.strictObject({
  pattern: z.string().max(100).refine(isCronPattern, { message: 'Not a schedule Ballast understands.' }).default('0 8 * * 1'),
  timeZone: z.string().refine(isKnownTimeZone, { message: 'Unknown time zone.' }).default('UTC'),
});
export type ReviewSchedule = z.infer<typeof reviewScheduleSchema>;
export const DEFAULT_REVIEW_SCHEDULE: ReviewSchedule = Object.freeze(reviewScheduleSchema.parse({}));

/**
 * The next review time strictly after `afterMs`. croner does the calendar work (weekdays, the
 * person's time zone, daylight-saving changes); this asks it for the date and never lets it run timers.
 */
export function nextReviewAtMs(afterMs: number, schedule: ReviewSchedule = DEFAULT_REVIEW_SCHEDULE): number | null {
  const next = new Cron(schedule.pattern, { timezone: schedule.timeZone, paused: true }).nextRun(new Date(afterMs));
  return next === null ? null : next.getTime();
}

/** Due when a scheduled time has passed since the last review (Ballast may have been off at the time). */
export function isReviewDue(lastRunAtMs: number, nowMs: number, schedule: ReviewSchedule = DEFAULT_REVIEW_SCHEDULE): boolean {
  const next = nextReviewAtMs(lastRunAtMs, schedule);
  return next !== null && next <= nowMs;
}

export interface ReviewSchedulerOptions {
  readonly schedule: ReviewSchedule;
  readonly nowMs: () => number;
  /** When the last review was made (from settings), or when reviews were switched on. */
  readonly lastRunAtMs: number;
  /** Makes, stores and sends the review for the period; the scheduler records nothing itself. */
  readonly runReview: (period: { fromMs: number; toMs: number }) => Promise<void>;
  readonly timers?: TimerPort;
  /** A review that failed is tried again at the next wake-up; the app shows why. */
  readonly onError?: (error: unknown) => void;
}

/** Looks again at least this often, so sleep, wake and clock changes cannot make it miss a week. */
const RECHECK_MS = 15 * 60_000;

/**
 * Runs the review when it is due, including once at start if one was missed while Ballast was off.
 * The timers only wake it up; whether a review is due is always decided from the clock.
 */
export class ReviewScheduler {
  readonly #options: ReviewSchedulerOptions;
  readonly #timers: TimerPort;
  #lastRunAtMs: number;
  #handle: unknown = null;
  #running: Promise<void> | null = null;

  constructor(options: ReviewSchedulerOptions) {
    this.#options = options;
    this.#timers = options.timers ?? realTimers;
    this.#lastRunAtMs = options.lastRunAtMs;
  }

  get lastRunAtMs(): number {
    return this.#lastRunAtMs;
  }

  start(): void {
    void this.check();
  }

  stop(): void {
    if (this.#handle !== null) this.#timers.clearTimeout(this.#handle);
    this.#handle = null;
  }

  /** Runs the review if due, then sets the next wake-up. */
  async check(): Promise<void> {
    if (this.#running !== null) return this.#running;
    this.#running = (async () => {
      const nowMs = this.#options.nowMs();
      try {
        if (isReviewDue(this.#lastRunAtMs, nowMs, this.#options.schedule)) {
          await this.#options.runReview({ fromMs: this.#lastRunAtMs, toMs: nowMs });
          this.#lastRunAtMs = nowMs;
        }
      } catch (error) {
        this.#options.onError?.(error);
      }
      this.stop();
      const next = nextReviewAtMs(this.#lastRunAtMs, this.#options.schedule);
      const delayMs = next === null ? RECHECK_MS : Math.min(Math.max(0, next - nowMs), RECHECK_MS);
      this.#handle = this.#timers.setTimeout(() => void this.check(), delayMs);
    })().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }
}
