import { weeklyReviewHtml, type WeeklyReview } from '../../alerts/index.ts';
import { ContractError, type AlertSettingsView, type CommandHandlers, type WeeklyReviewView } from '../../contract/index.ts';
import type { RiskLimitsStore } from '../riskLimits/riskLimitsStore.ts';
import type { BotController } from '../paper/botController.ts';
import type { AlertsRuntime } from './alertsRuntime.ts';
import { monitoringPoints, monitoringSamples } from './paperSeries.ts';

type AlertsCommand =
  | 'getAlertSettings' | 'saveEmailAlerts' | 'saveTelegramAlerts' | 'startTelegramLink' | 'removeAlertChannel' | 'sendAlertTest'
  | 'setAlertQuietHours' | 'setKeyRotationPeriod' | 'listRecentAlerts' | 'acknowledgeAlert' | 'getWeeklyReview' | 'exportWeeklyReview' | 'getMonitoring';

export interface AlertsHandlerDeps {
  readonly alerts: AlertsRuntime;
  readonly bot: BotController;
  readonly riskLimits: RiskLimitsStore;
  readonly nowMs: () => number;
}

const PAPER_BASIS = 'Paper trading: pretend money, simulated fills after fees and slippage.';
const LIVE_BASIS = 'Live trading: Ballast’s share of your real account, valued at the exchange’s prices, after fees. Buy-and-hold is that share put into the market when these readings began.';

export function settingsView(alerts: AlertsRuntime): AlertSettingsView {
  const saved = alerts.settings.current;
  const statuses = alerts.dispatcher.statuses();
  const channels = (['desktop', 'email', 'telegram'] as const).flatMap((channel) => {
    const view = statuses.find((candidate) => candidate.channel === channel);
    const configured = channel === 'desktop' ? view !== undefined : saved[channel] !== null;
    if (!configured) return [];
    return [{
      channel,
      active: view !== undefined,
      status: view === undefined ? { code: 'TELEGRAM_CHAT_NOT_LINKED', params: {}, detail: '' } : { code: view.status.code, params: { ...view.status.params }, detail: view.status.detail },
      sinceMs: view?.sinceMs ?? 0,
      waiting: view?.waiting ?? 0,
    }];
  });
  return {
    channels,
    email: saved.email === null ? null : { ...saved.email.settings, passwordSaved: true },
    telegram: saved.telegram === null
      ? null
      : {
          tokenSaved: true,
          botUsername: saved.telegram.botUsername,
          chatLinked: saved.telegram.chatId !== null,
          chatName: saved.telegram.chatName,
          linkCode: alerts.telegramLinkCode,
        },
    quietHours: saved.quietHours,
    timeZone: alerts.reader.timeZone,
    rotationPeriodDays: saved.rotationPeriodDays,
    secretProtection: alerts.settings.protection,
    secretProblem: alerts.secretProblem,
  };
}

function reviewView(review: WeeklyReview, nextScheduledAtMs: number | null): WeeklyReviewView {
  const { byMode: _byMode, ...execution } = review.execution;
  return {
    fromMs: review.fromMs,
    toMs: review.toMs,
    quoteAsset: review.quoteAsset,
    basis: PAPER_BASIS,
    execution,
    rejections: review.rejections.map((rejection) => ({ ...rejection })),
    errors: review.errors.map((error) => ({ ...error })),
    stops: { ...review.stops },
    drift: { ...review.drift },
    keys: review.keys.map((key) => ({ ...key })),
    nextScheduledAtMs,
  };
}

/**
 * Handlers of the Alerts and Monitoring screens. The SMTP password and the bot token arrive as
 * strings on entry, become `Secret`s at once and are encrypted before they are kept; every answer
 * is built from the settings view, which has no field that could hold them.
 */
export function alertsHandlers(deps: AlertsHandlerDeps): Pick<CommandHandlers, AlertsCommand> {
  const { alerts } = deps;
  return {
    getAlertSettings: () => settingsView(alerts),

    async saveEmailAlerts({ password, ...settings }) {
      await alerts.saveEmail(settings, password);
      return settingsView(alerts);
    },

    async saveTelegramAlerts({ botToken }) {
      if (botToken.trim() === '') throw new ContractError('INVALID_INPUT', 'Paste the bot token that @BotFather gave you.');
      await alerts.saveTelegram(botToken);
      return settingsView(alerts);
    },

    startTelegramLink: () => {
      alerts.beginTelegramLink();
      return settingsView(alerts);
    },

    async removeAlertChannel({ channel }) {
      await alerts.removeChannel(channel);
      return settingsView(alerts);
    },

    async sendAlertTest({ channel }) {
      const status = await alerts.sendTest(channel);
      return { channel, status: { code: status.code, params: { ...status.params }, detail: status.detail } };
    },

    setAlertQuietHours: ({ quietHours }) => {
      alerts.setQuietHours(quietHours);
      return settingsView(alerts);
    },

    setKeyRotationPeriod: ({ days }) => {
      alerts.setRotationPeriod(days);
      return settingsView(alerts);
    },

    listRecentAlerts: (input) => alerts.ledger.recent(input?.limit ?? 50),

    acknowledgeAlert: ({ alertId }) => {
      if (!alerts.ledger.acknowledge(alertId, deps.nowMs())) throw new ContractError('NOT_ALLOWED_NOW', 'That alert is no longer in the list.');
      return alerts.ledger.recent(50);
    },

    async getWeeklyReview() {
      return reviewView(await alerts.feed.review(alerts.feed.lastWeek()), alerts.nextReviewAtMs());
    },

    async exportWeeklyReview() {
      const review = await alerts.feed.review(alerts.feed.lastWeek());
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: alerts.reader.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(review.toMs);
      return { fileName: `ballast-weekly-review-${day}.html`, mimeType: 'text/html' as const, content: weeklyReviewHtml(review, alerts.reader) };
    },

    getMonitoring: () => {
      const limits = deps.riskLimits.current();
      const limitsView = { maxExposureFraction: limits.totalExposureFractionOfEquity, maxDrawdownFraction: limits.maxDrawdownFraction };
      // While the live bot runs, Monitoring shows real money: its share of the account.
      const live = alerts.sampleLive();
      if (live !== null) {
        return { mode: 'live' as const, quoteAsset: live.quoteAsset, basis: LIVE_BASIS, points: alerts.liveSeries.points(), samples: [], limits: limitsView };
      }
      const snapshot = deps.bot.dashboard(5_000);
      return {
        mode: 'paper' as const,
        quoteAsset: snapshot.quoteAsset,
        basis: snapshot.summary?.basis ?? PAPER_BASIS,
        points: monitoringPoints(snapshot),
        samples: monitoringSamples(snapshot),
        limits: limitsView,
      };
    },
  };
}
