import {
  alertThresholdsSchema, dailyLossAlerts, drawdownAlerts, errorSpikeAlert, keyCareAlerts, nextReviewAtMs, reviewScheduleSchema, staleFeedAlert,
  tradingStateAlerts, weeklyReview, weeklyReviewAlert, weeklyReviewHtml,
  type AlertDraft, type ReaderContext, type RecordOptions, type TradingStateView, type WeeklyReview,
} from '../../alerts/index.ts';
import type { EventHub, TradingStateSnapshot } from '../../contract/index.ts';
import type { KeySummary } from '../../keys/index.ts';
import type { Logger } from '../../log/index.ts';
import type { TradingStateMachine } from '../../risk/index.ts';
import type { BotController } from '../paper/botController.ts';
import type { RiskLimitsStore } from '../riskLimits/riskLimitsStore.ts';
import { paperRejections, paperReviewOrders } from './paperSeries.ts';

export interface AlertRuleFeedOptions {
  readonly raise: (drafts: readonly AlertDraft[], options?: RecordOptions) => void;
  readonly tradingState: TradingStateMachine;
  readonly bot: BotController;
  readonly riskLimits: RiskLimitsStore;
  readonly listKeys: () => Promise<readonly KeySummary[]>;
  readonly rotationPeriodDays: () => number;
  readonly events: EventHub;
  readonly nowMs: () => number;
  readonly log: Logger;
  readonly keyCheckIntervalMs?: number;
  /** Extra problems for the review's error list (the alerts raised in the period). */
  readonly problemsBetween?: (fromMs: number, toMs: number) => { atMs: number; code: string }[];
}

/** What the account warnings read: the risk layer's own equity marks. */
interface AccountMarks {
  readonly quoteAsset: string;
  readonly equityQuote: number;
  readonly dayStartEquityQuote: number;
  readonly highWaterMarkQuote: number;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const ERROR_RATE_TRIGGER = 'exchange_error_rate';
const DATA_FEED_TRIGGER = /^data_feed:([^:]+):/;

function stateView(snapshot: TradingStateSnapshot): TradingStateView {
  return { state: snapshot.state, sinceMs: snapshot.sinceMs, cause: snapshot.cause };
}

/** "… (3 of 10)" and "… in the last 60 s" from the error-rate trigger's words; null when it does not say. */
function errorCounts(message: string): { errors: number; requests: number; windowMs: number } | null {
  const counts = /\((\d+) of (\d+)\)/.exec(message);
  if (counts === null) return null;
  const window = /last (\d+) s/.exec(message);
  return { errors: Number(counts[1]), requests: Number(counts[2]), windowMs: window === null ? 60_000 : Number(window[1]) * 1_000 };
}

/** A trading day key in the risk layer's day-boundary zone. */
function tradingDayOf(atMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(atMs);
}

/**
 * Turns what the running app sees into alert drafts: every trading-state change with why, the
 * exchange error-rate and data-feed triggers tripping, the paper account's daily loss and
 * drawdown on live prices, and key ages against the person's rotation period. The rules are
 * pure and keyed by occurrence, so evaluating them again records nothing twice.
 */
export class AlertRuleFeed {
  readonly #options: AlertRuleFeedOptions;
  readonly #unsubscribe: (() => void)[] = [];
  readonly #seenTriggers = new Set<string>();
  #keyTimer: ReturnType<typeof setInterval> | null = null;
  #highWaterMark: { quote: number; atMs: number } | null = null;
  #liveHighWaterMark: { quote: number; atMs: number } | null = null;

  constructor(options: AlertRuleFeedOptions) {
    this.#options = options;
  }

  start(): void {
    const { tradingState, events } = this.#options;
    this.#unsubscribe.push(
      tradingState.onChange((snapshot, previous) => {
        this.#options.raise(tradingStateAlerts(stateView(previous), stateView(snapshot)));
      }),
      tradingState.onStatusChange((status) => {
        this.#onTriggers(status.activeTriggers);
      }),
      events.subscribe((message) => {
        if (message.name === 'botProgressed') this.checkAccount();
      }),
    );
    this.#onTriggers(tradingState.status().activeTriggers);
    void this.checkKeys();
    this.#keyTimer = setInterval(() => void this.checkKeys(), this.#options.keyCheckIntervalMs ?? 6 * 3_600_000);
    this.#keyTimer.unref();
  }

  stop(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
    if (this.#keyTimer !== null) clearInterval(this.#keyTimer);
    this.#keyTimer = null;
  }

  #onTriggers(active: readonly { triggerId: string; cause: { code: string; message: string }; sinceMs: number }[]): void {
    const nowMs = this.#options.nowMs();
    const current = new Set(active.map((trigger) => `${trigger.triggerId}@${trigger.sinceMs}`));
    for (const key of [...this.#seenTriggers]) if (!current.has(key)) this.#seenTriggers.delete(key);
    for (const trigger of active) {
      const key = `${trigger.triggerId}@${trigger.sinceMs}`;
      if (this.#seenTriggers.has(key)) continue;
      this.#seenTriggers.add(key);
      if (trigger.triggerId === ERROR_RATE_TRIGGER) {
        const counts = errorCounts(trigger.cause.message);
        if (counts !== null) {
          this.#options.raise([errorSpikeAlert({ errorsInWindow: counts.errors, requestsInWindow: counts.requests, windowMs: counts.windowMs, trippedAtMs: trigger.sinceMs })]);
        }
        continue;
      }
      const feed = DATA_FEED_TRIGGER.exec(trigger.triggerId);
      if (feed?.[1] !== undefined) {
        this.#options.raise([staleFeedAlert({ symbol: feed[1], lastDataAtMs: trigger.sinceMs, staleSinceMs: trigger.sinceMs, atMs: nowMs })]);
      }
    }
  }

  /**
   * The daily loss and drawdown of the paper account on live prices. A replay of past prices is
   * an exercise, not the person's day: its losses are shown on screen, not sent.
   */
  checkAccount(): void {
    const { bot } = this.#options;
    if (bot.status().config?.source.kind !== 'exchange') return;
    const account = bot.riskDesk()?.account() ?? null;
    if (account === null) return;
    if (this.#highWaterMark === null || account.view.highWaterMarkQuote !== this.#highWaterMark.quote) this.#highWaterMark = { quote: account.view.highWaterMarkQuote, atMs: account.atMs };
    this.#options.raise(this.#accountAlerts(account.view, account.atMs, this.#highWaterMark.atMs));
  }

  /**
   * The same warnings for the live bot's share of the real account, as the risk layer last read
   * it. Their occurrence keys are their own, so a paper alert the same day never hides a live one.
   */
  checkLiveAccount(account: AccountMarks, atMs: number): void {
    if (this.#liveHighWaterMark === null || account.highWaterMarkQuote !== this.#liveHighWaterMark.quote) this.#liveHighWaterMark = { quote: account.highWaterMarkQuote, atMs };
    const drafts = this.#accountAlerts(account, atMs, this.#liveHighWaterMark.atMs);
    this.#options.raise(drafts.map((draft) => ({ ...draft, occurrenceKey: `live:${draft.occurrenceKey}`, groupKey: `live:${draft.groupKey}` })));
  }

  #accountAlerts(view: AccountMarks, atMs: number, highWaterMarkAtMs: number): AlertDraft[] {
    const limits = this.#options.riskLimits.current();
    const thresholds = alertThresholdsSchema.parse({ rotationPeriodDays: this.#options.rotationPeriodDays() });
    return [
      ...dailyLossAlerts({
        tradingDay: tradingDayOf(atMs, limits.dayBoundaryTimeZone),
        lossQuote: view.dayStartEquityQuote - view.equityQuote,
        limitQuote: view.dayStartEquityQuote * limits.dailyLossFractionOfEquity,
        quoteAsset: view.quoteAsset,
        atMs,
      }, thresholds),
      ...drawdownAlerts({
        drawdownFraction: view.highWaterMarkQuote > 0 ? (view.highWaterMarkQuote - view.equityQuote) / view.highWaterMarkQuote : 0,
        limitFraction: limits.maxDrawdownFraction,
        equityQuote: view.equityQuote,
        highWaterMarkQuote: view.highWaterMarkQuote,
        highWaterMarkAtMs,
        quoteAsset: view.quoteAsset,
        atMs,
      }, thresholds),
    ];
  }

  /** Rotation reminders 14, 7 and 1 days before the person's period ends, and the allowlist warning. */
  async checkKeys(): Promise<void> {
    try {
      const keys = await this.#options.listKeys();
      const thresholds = alertThresholdsSchema.parse({ rotationPeriodDays: this.#options.rotationPeriodDays() });
      this.#options.raise(keyCareAlerts(keys.map((key) => ({
        keyId: key.id,
        label: key.label,
        exchange: key.exchange,
        maskedKeyId: key.maskedKeyId,
        createdAtMs: key.keyCreatedAtMs ?? key.savedAtMs,
        expiresAtMs: key.permissions?.keyExpiresAtMs ?? null,
        ipAllowlisted: key.permissions?.ipRestricted === true,
      })), this.#options.nowMs(), thresholds));
    } catch (error) {
      this.#options.log.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'key ages could not be read for reminders');
    }
  }

  /** The review of a period from the paper bot's record and the keys; pure apart from reading them. */
  async review(period: { fromMs: number; toMs: number }): Promise<WeeklyReview> {
    const snapshot = this.#options.bot.dashboard(100_000);
    const strategy = snapshot.status.config?.strategyId ?? 'paper';
    // A key list that cannot be read leaves the keys section empty; the review is still made.
    const keys: readonly KeySummary[] = await this.#options.listKeys().catch(() => []);
    return weeklyReview({
      ...period,
      quoteAsset: snapshot.quoteAsset,
      orders: paperReviewOrders(snapshot, strategy),
      rejections: paperRejections(snapshot),
      errors: this.#options.problemsBetween?.(period.fromMs, period.toMs) ?? [],
      positions: [],
      strategyResults: [],
      driftChecks: [],
      keys: keys.map((key) => ({ label: key.label, exchange: key.exchange, createdAtMs: key.keyCreatedAtMs ?? key.savedAtMs, rotationPeriodDays: this.#options.rotationPeriodDays() })),
    });
  }

  lastWeek(): { fromMs: number; toMs: number } {
    const toMs = this.#options.nowMs();
    return { fromMs: toMs - WEEK_MS, toMs };
  }

  /** On schedule: the review alert, with the whole page for email. */
  sendWeeklyReview(period: { fromMs: number; toMs: number }, reader: ReaderContext): Promise<void> {
    return this.review(period).then((review) => {
      this.#options.raise([weeklyReviewAlert(review, period.toMs)], { documentHtml: weeklyReviewHtml(review, reader) });
    });
  }

  nextReviewAtMs(lastRunAtMs: number, reader: ReaderContext): number | null {
    return nextReviewAtMs(lastRunAtMs, reviewScheduleSchema.parse({ timeZone: reader.timeZone }));
  }
}
