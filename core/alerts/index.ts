/**
 * Alerts: rules that turn plain readings into alerts (`{ code, params }`), a durable outbox in the
 * journal file, a dispatcher that delivers each alert once per channel (at least once, repeats
 * recognisable), throttled and quiet at night except when critical, the channels (desktop through
 * a port, Telegram, email), Telegram's verified-chat commands, the heartbeat behind "Ballast
 * stopped unexpectedly", and the weekly review. English words live in messages.ts.
 */
export {
  ALERT_CODES, ALERT_SEVERITIES, alertIdFor, alertReference, alertCodeSchema, alertSeveritySchema, alertParamsSchema, atLeast,
  type AlertCode, type AlertDraft, type AlertParams, type AlertParamValue, type AlertSeverity, type RecordedAlert,
} from './alert.ts';
export { alertMessages, type AlertMessages } from './messages.ts';
export { fillTemplate, escapeHtml, isKnownTimeZone, type ReaderContext } from './template.ts';
export { deliveryText, telegramHtml, plainText, emailContent, desktopNoticeText, type AlertText, type EmailContent, type DesktopNoticeText } from './renderAlert.ts';

export {
  alertThresholdsSchema, DEFAULT_ALERT_THRESHOLDS, KEY_REMINDER_DAYS_BEFORE, MIN_ROTATION_PERIOD_DAYS, MAX_ROTATION_PERIOD_DAYS,
  type AlertThresholds,
} from './rules/alertThresholds.ts';
export { dailyLossAlerts, drawdownAlerts, type DailyLossReading, type DrawdownReading } from './rules/accountRules.ts';
export { tradingStateAlerts, type TradingStateLabel, type TradingStateView } from './rules/tradingStateRules.ts';
export {
  errorSpikeAlert, staleFeedAlert, driftAlerts, unprotectedPositionAlerts, reconciliationAlerts, orderRejectedAlert,
  type ErrorSpikeReading, type StaleFeedReading, type DriftReading, type PositionProtection, type ReconciliationFindings, type RejectedOrder,
} from './rules/operationsRules.ts';
export { keyCareAlerts, keyPermissionAlert, type KeyCareInput, type KeyPermissionChange } from './rules/keyCareRules.ts';
export { capitalLadderAlert, type CapitalLadderStep } from './rules/capitalLadderRules.ts';
export { unexpectedStopAlert, type HeartbeatRecord } from './rules/unexpectedStopRule.ts';

export { Outbox, type ChannelSubscription, type RecordOptions, type RecordResult } from './outbox/outbox.ts';
export { OutboxError, type OutboxErrorCode } from './outbox/outboxError.ts';
export { ALERTS_MIGRATIONS } from './outbox/outboxSchema.ts';
export { DELIVERY_STATUSES, type DeliveryRow, type DeliveryStatus } from './outbox/deliveryRows.ts';
export { channelPolicySchema, routeDelivery, digestDueAtMs, type ChannelPolicy, type RouteDecision, type RouteInput } from './outbox/deliveryPolicy.ts';
export { quietHoursSchema, isQuietAt, quietHoursEndAfter, localMinuteOfDay, type QuietHours } from './outbox/quietHours.ts';
export { backoffDelayMs, backoffPolicySchema, DEFAULT_BACKOFF, type BackoffPolicy } from './outbox/backoff.ts';
export { Heartbeat, HeartbeatStore, type HeartbeatOptions } from './outbox/heartbeat.ts';
export { JournalUpdateCursor, type UpdateCursor } from './outbox/telegramCursor.ts';
export { AlertDispatcher, type AlertDispatcherOptions, type ChannelSetup, type ChannelStatusView } from './dispatcher.ts';
export { realTimers, type TimerPort } from './timers.ts';

export { failed, testDelivery, type AlertChannel, type OutgoingDelivery, type SendOutcome } from './channels/alertChannel.ts';
export {
  CHANNEL_IDS, CHANNEL_STATUS_CODES, CHANNEL_OK, CHANNEL_NOT_TRIED, channelStatus,
  type ChannelId, type ChannelStatus, type ChannelStatusCode,
} from './channels/channelStatus.ts';
export { DesktopChannel, type DesktopNotifier } from './channels/desktopChannel.ts';

export { TelegramBotApi, type TelegramBotApiOptions, type TelegramResult, type InlineButton } from './telegram/telegramBotApi.ts';
export type { TelegramFailure } from './telegram/telegramFailures.ts';
export { TelegramChannel, type TelegramChannelOptions } from './telegram/telegramChannel.ts';
export { TelegramInbox, type TelegramInboxOptions, type ChatControlPort, type ChatStatusView, type ChatActionResult } from './telegram/telegramInbox.ts';
export { parseChatCommand, newLinkCode, matchesLinkCode, LINK_CODE_VALID_MS, type ChatCommand, type LinkCode } from './telegram/chatCommands.ts';
export { journalChatRecorder, type ChatEvent, type ChatEventOutcome, type ChatEventRecorder } from './telegram/chatEvents.ts';

export { EmailChannel, smtpSettingsSchema, messageIdFor, type EmailChannelOptions, type SmtpSettings } from './email/emailChannel.ts';

export { orderCost, costTotals, type OrderCost, type CostTotals, type ReviewOrder, type ReviewFill } from './review/executionCost.ts';
export { weeklyReview, weeklyReviewAlert, type WeeklyReview, type WeeklyReviewInput, type ReviewRejection, type ReviewPosition } from './review/weeklyReview.ts';
export { weeklyReviewHtml } from './review/reviewHtml.ts';
export {
  ReviewScheduler, reviewScheduleSchema, nextReviewAtMs, isReviewDue, DEFAULT_REVIEW_SCHEDULE,
  type ReviewSchedule, type ReviewSchedulerOptions,
} from './review/reviewSchedule.ts';
