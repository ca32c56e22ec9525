import { z } from 'zod';

/**
 * What the Alerts and Monitoring screens may know. The SMTP password and the Telegram bot token
 * cross from the page to main once, on entry, and never come back: the views below only say
 * whether one is saved. Every object is strict, so an output carrying anything more fails the
 * dispatcher's output check instead of reaching the page. Channel statuses travel as codes; the
 * words live in the catalogue under `alerts.status.<CODE>`.
 */

export const AlertChannelId = z.enum(['desktop', 'telegram', 'email']);
export type AlertChannelId = z.infer<typeof AlertChannelId>;

export const AlertSeverityName = z.enum(['info', 'warning', 'critical']);

export const ChannelStatusView = z.strictObject({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** Technical detail for the "details" fold; never holds a token or password. */
  detail: z.string(),
});
export type ChannelStatusView = z.infer<typeof ChannelStatusView>;

export const AlertChannelView = z.strictObject({
  channel: AlertChannelId,
  /** Set up and sending (Telegram: token saved and a chat linked). */
  active: z.boolean(),
  status: ChannelStatusView,
  sinceMs: z.number(),
  /** Alerts waiting on this channel (queued, retrying, grouped for a digest). */
  waiting: z.number().int().nonnegative(),
});
export type AlertChannelView = z.infer<typeof AlertChannelView>;

export const EmailSettingsView = z.strictObject({
  host: z.string(),
  port: z.number().int(),
  username: z.string(),
  from: z.string(),
  to: z.string(),
  passwordSaved: z.boolean(),
});
export type EmailSettingsView = z.infer<typeof EmailSettingsView>;

export const TelegramSettingsView = z.strictObject({
  tokenSaved: z.boolean(),
  /** The bot's @username as Telegram reported it when the token was checked. */
  botUsername: z.string().nullable(),
  chatLinked: z.boolean(),
  chatName: z.string().nullable(),
  /** The one-time code to send the bot, while linking. */
  linkCode: z.strictObject({ code: z.string(), expiresAtMs: z.number() }).nullable(),
});
export type TelegramSettingsView = z.infer<typeof TelegramSettingsView>;

export const QuietHoursView = z.strictObject({
  startMinute: z.number().int().min(0).max(1_439),
  endMinute: z.number().int().min(0).max(1_439),
}).refine((hours) => hours.startMinute !== hours.endMinute, { message: 'Quiet hours need a start and an end that differ.' });
export type QuietHoursView = z.infer<typeof QuietHoursView>;

export const AlertSettingsView = z.strictObject({
  channels: z.array(AlertChannelView),
  email: EmailSettingsView.nullable(),
  telegram: TelegramSettingsView.nullable(),
  quietHours: QuietHoursView.nullable(),
  timeZone: z.string(),
  rotationPeriodDays: z.number().int(),
  /** How the password and token are kept: `weak` where the computer has no real key store. */
  secretProtection: z.enum(['strong', 'weak']),
  /** Why a saved secret cannot be read now (another computer, a changed key store), or null. */
  secretProblem: z.string().nullable(),
});
export type AlertSettingsView = z.infer<typeof AlertSettingsView>;

export const RotationPeriodDays = z.number().int().min(30).max(90);

export const EmailSetupInput = z.strictObject({
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65_535),
  username: z.string().min(1).max(320),
  /** Empty keeps the saved password. */
  password: z.string().max(1_000),
  from: z.email(),
  to: z.email(),
});

export const AlertDeliveryView = z.strictObject({
  channel: AlertChannelId,
  status: z.enum(['queued', 'sending', 'sent', 'folded', 'digested', 'dropped']),
  attempts: z.number().int().nonnegative(),
  lastErrorCode: z.string().nullable(),
  sentAtMs: z.number().nullable(),
});

export const RecentAlertView = z.strictObject({
  id: z.string(),
  /** Short reference, the same as in the Telegram message and email ("Ref 3F9C-A1D2"). */
  reference: z.string(),
  code: z.string(),
  severity: AlertSeverityName,
  /** The words as they were sent, in the person's time zone. */
  title: z.string(),
  body: z.string(),
  atMs: z.number(),
  acknowledgedAtMs: z.number().nullable(),
  deliveries: z.array(AlertDeliveryView),
});
export type RecentAlertView = z.infer<typeof RecentAlertView>;

export const RecentAlertsView = z.strictObject({ alerts: z.array(RecentAlertView), unacknowledged: z.number().int().nonnegative() });
export type RecentAlertsView = z.infer<typeof RecentAlertsView>;

const CostTotalsView = z.strictObject({
  orders: z.number().int().nonnegative(),
  notionalQuote: z.number(),
  delayQuote: z.number(),
  spreadQuote: z.number(),
  executionQuote: z.number(),
  feesQuote: z.number(),
  totalQuote: z.number(),
  /** Total cost over total decision notional, in basis points. */
  totalBps: z.number(),
  ordersWithoutSpread: z.number().int().nonnegative(),
});

export const WeeklyReviewView = z.strictObject({
  fromMs: z.number(),
  toMs: z.number(),
  quoteAsset: z.string(),
  /** What the numbers come from, e.g. "Paper trading (pretend money)". */
  basis: z.string(),
  execution: CostTotalsView,
  rejections: z.array(z.strictObject({ reasonCode: z.string(), count: z.number().int(), exampleMessage: z.string(), lastAtMs: z.number() })),
  errors: z.array(z.strictObject({ code: z.string(), count: z.number().int() })),
  stops: z.strictObject({ positions: z.number().int(), protectedWithinBar: z.number().int(), coveragePercent: z.number(), longestUnprotectedMinutes: z.number() }),
  drift: z.strictObject({ checks: z.number().int(), moderate: z.number().int(), severe: z.number().int(), worstFeature: z.string().nullable() }),
  keys: z.array(z.strictObject({ label: z.string(), exchange: z.string(), ageDays: z.number().int(), daysLeft: z.number().int(), overdue: z.boolean() })),
  /** When the next scheduled review is due. */
  nextScheduledAtMs: z.number().nullable(),
});
export type WeeklyReviewView = z.infer<typeof WeeklyReviewView>;

export const WeeklyReviewExport = z.strictObject({ fileName: z.string(), mimeType: z.literal('text/html'), content: z.string() });
export type WeeklyReviewExport = z.infer<typeof WeeklyReviewExport>;

export const MonitoringPoint = z.strictObject({
  atMs: z.number(),
  equityQuote: z.number(),
  buyAndHoldQuote: z.number(),
  pnlQuote: z.number(),
  /** Value in the market (positions at their mark) as a share of equity, 0–1. */
  exposureFraction: z.number(),
  /** Fall from the highest equity so far, 0–1. */
  drawdownFraction: z.number(),
});
export type MonitoringPoint = z.infer<typeof MonitoringPoint>;

export const MonitoringSample = z.strictObject({
  atMs: z.number(),
  /** Share of orders refused or failed in the sample's window, 0–1. */
  errorRate: z.number(),
  /** Average difference between the price decided on and the price filled, in basis points (positive = worse). */
  slippageBps: z.number().nullable(),
});
export type MonitoringSample = z.infer<typeof MonitoringSample>;

export const MonitoringView = z.strictObject({
  /** 'live' while the live bot runs (its share of the real account; error rate and slippage not measured yet), else 'paper'. */
  mode: z.enum(['paper', 'live']),
  quoteAsset: z.string(),
  basis: z.string(),
  points: z.array(MonitoringPoint),
  samples: z.array(MonitoringSample),
  limits: z.strictObject({ maxExposureFraction: z.number(), maxDrawdownFraction: z.number() }),
});
export type MonitoringView = z.infer<typeof MonitoringView>;
