import { z } from 'zod';
import { command, NoInput } from '../command.ts';
import {
  AlertChannelId, AlertSettingsView, ChannelStatusView, EmailSetupInput, MonitoringView, QuietHoursView, RecentAlertsView, RotationPeriodDays,
  WeeklyReviewExport, WeeklyReviewView,
} from '../alerts.ts';

/**
 * Alerts: channels (desktop, email, Telegram) with "Send a test", quiet hours, the key rotation
 * period, recent alerts, the weekly review, and the Monitoring screen's series. The SMTP password
 * and the bot token cross here once and are encrypted at once; no command returns them.
 */
export const alertsCommands = {
  getAlertSettings: command({
    summary: 'The alert channels with their status in plain words, quiet hours and the key rotation period.',
    input: NoInput,
    output: AlertSettingsView,
  }),
  saveEmailAlerts: command({
    summary: 'Set up alerts by email (SMTP with STARTTLS); the password is encrypted and never shown again.',
    input: EmailSetupInput,
    output: AlertSettingsView,
  }),
  saveTelegramAlerts: command({
    summary: 'Check a Telegram bot token with Telegram, keep it encrypted, and show the one-time code that links your chat.',
    input: z.strictObject({ botToken: z.string().max(200) }),
    output: AlertSettingsView,
  }),
  startTelegramLink: command({
    summary: 'A new one-time code to send the bot, to link (or re-link) your Telegram chat.',
    input: NoInput,
    output: AlertSettingsView,
  }),
  removeAlertChannel: command({
    summary: 'Stop sending alerts to email or Telegram and forget its settings and secret.',
    input: z.strictObject({ channel: z.enum(['email', 'telegram']) }),
    output: AlertSettingsView,
  }),
  sendAlertTest: command({
    summary: 'Send a test message through one channel now; the answer is its status in plain words.',
    input: z.strictObject({ channel: AlertChannelId }),
    output: z.strictObject({ channel: AlertChannelId, status: ChannelStatusView }),
  }),
  setAlertQuietHours: command({
    summary: 'Hours when only critical alerts are sent at once; the rest wait in a digest. Null turns them off.',
    input: z.strictObject({ quietHours: QuietHoursView.nullable() }),
    output: AlertSettingsView,
  }),
  setKeyRotationPeriod: command({
    summary: 'How often exchange keys should be replaced (30–90 days); reminders come 14, 7 and 1 days before.',
    input: z.strictObject({ days: RotationPeriodDays }),
    output: AlertSettingsView,
  }),
  listRecentAlerts: command({
    summary: 'The latest alerts as they were sent, with each channel’s delivery and whether you have seen them.',
    input: z.strictObject({ limit: z.number().int().min(1).max(200).optional() }).optional(),
    output: RecentAlertsView,
  }),
  acknowledgeAlert: command({
    summary: 'Mark an alert as seen.',
    input: z.strictObject({ alertId: z.string().min(1).max(100) }),
    output: RecentAlertsView,
  }),
  getWeeklyReview: command({
    summary: 'The review of the last seven days (execution cost, rejections, errors, stops, keys), made now.',
    input: NoInput,
    output: WeeklyReviewView,
  }),
  exportWeeklyReview: command({
    summary: 'The review of the last seven days as a web page to keep or share.',
    input: NoInput,
    output: WeeklyReviewExport,
  }),
  getMonitoring: command({
    summary: 'The live bot while it runs (else the paper bot) over time: account value against buy-and-hold, P&L, exposure and drawdown against their limits, errors, slippage.',
    input: NoInput,
    output: MonitoringView,
  }),
};
