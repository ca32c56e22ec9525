import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  AlertDispatcher, alertMessages, channelPolicySchema, DesktopChannel, EmailChannel, fillTemplate, Heartbeat, HeartbeatStore, journalChatRecorder,
  JournalUpdateCursor, Outbox, ReviewScheduler, reviewScheduleSchema, TelegramBotApi, TelegramChannel, TelegramInbox, unexpectedStopAlert,
  type AlertChannel, type AlertDraft, type ChannelId, type ChannelStatus, type ChatControlPort, type DesktopNotifier, type ReaderContext,
  type RecordOptions, type SmtpSettings,
} from '../../alerts/index.ts';
import { ContractError, type EventHub } from '../../contract/index.ts';
import type { Journal } from '../../journal/index.ts';
import { makeSecret, type KeySummary, type SecretCipher } from '../../keys/index.ts';
import type { Logger } from '../../log/index.ts';
import type { TradingStateMachine } from '../../risk/index.ts';
import type { BotController } from '../paper/botController.ts';
import type { RiskLimitsStore } from '../riskLimits/riskLimitsStore.ts';
import { AlertLedger } from './alertLedger.ts';
import { AlertSettingsStore, SECRET_UNREADABLE } from './alertSettingsStore.ts';
import { AlertRuleFeed } from './alertRuleFeed.ts';
import type { LiveShareReading } from '../live/liveBot.ts';
import { LiveSeries } from './liveSeries.ts';

/** What the host adds: Electron's notifications, and in tests the local Telegram and mail servers. */
export interface AlertsHostOptions {
  /** The desktop channel; the app wires Electron's `Notification`. Without it there is no desktop channel. */
  readonly desktopNotifier?: DesktopNotifier;
  /** Tests only: a fake Telegram Bot API on this computer. */
  readonly telegramApiBaseUrl?: string;
  /** Tests only: the local mail server's self-signed certificate. */
  readonly smtpExtraCaPem?: readonly string[];
  /** The person's IANA time zone for messages and quiet hours; default the computer's own. */
  readonly timeZone?: string;
  readonly smtpTimeoutMs?: number;
}

export interface AlertsRuntimeContext {
  readonly host: AlertsHostOptions;
  readonly journal: Journal;
  readonly dataDir: string;
  /** The operating system's cipher, the same one exchange keys use. */
  readonly cipher: SecretCipher;
  readonly tradingState: TradingStateMachine;
  readonly bot: BotController;
  readonly riskLimits: RiskLimitsStore;
  readonly listKeys: () => Promise<readonly KeySummary[]>;
  readonly mode: () => 'paper' | 'live';
  /** The live bot's share of the real account as last read (read only), for Monitoring and the account warnings. */
  readonly liveShare?: () => LiveShareReading | null;
  /** How often the live share is read for Monitoring and the warnings (default a minute). */
  readonly liveSampleMs?: number;
  readonly events: EventHub;
  readonly nowMs: () => number;
  readonly log: Logger;
}

/** The words of a channel status, for a refusal message (the screen uses its own catalogue). */
export function statusWords(status: ChannelStatus, reader: ReaderContext): string {
  return fillTemplate(alertMessages.channelStatus[status.code], status.params, reader);
}

/**
 * Alerts in the running app: the outbox in the app journal, the dispatcher and its channels, the
 * Telegram inbox for the verified chat, the heartbeat behind "Ballast stopped unexpectedly", the
 * rule feed from the trading state, the paper account and the keys, and the weekly review on its
 * schedule.
 */
export class AlertsRuntime {
  readonly settings: AlertSettingsStore;
  readonly outbox: Outbox;
  readonly dispatcher: AlertDispatcher;
  readonly ledger: AlertLedger;
  readonly reader: ReaderContext;
  /** The live bot's share of the real account over time. */
  readonly liveSeries = new LiveSeries();
  readonly #context: AlertsRuntimeContext;
  #liveTimer: ReturnType<typeof setInterval> | null = null;
  readonly #heartbeat: Heartbeat;
  readonly #feed: AlertRuleFeed;
  #scheduler: ReviewScheduler | null = null;
  #telegram: { api: TelegramBotApi; inbox: TelegramInbox } | null = null;
  #secretProblem: string | null = null;
  #started = false;

  constructor(context: AlertsRuntimeContext) {
    this.#context = context;
    this.reader = { timeZone: context.host.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone };
    this.settings = new AlertSettingsStore(join(context.dataDir, 'alert-settings.json'), context.cipher, context.log);
    this.outbox = new Outbox(context.journal);
    this.ledger = new AlertLedger(context.journal, this.reader);
    this.dispatcher = new AlertDispatcher({ outbox: this.outbox, nowMs: context.nowMs, logger: context.log });
    this.#heartbeat = new Heartbeat({ store: new HeartbeatStore(context.journal), nowMs: context.nowMs, runId: randomUUID() });
    this.#feed = new AlertRuleFeed({
      raise: (drafts, options) => {
        this.raise(drafts, options);
      },
      problemsBetween: (fromMs, toMs) => this.ledger.problemsBetween(fromMs, toMs),
      tradingState: context.tradingState,
      bot: context.bot,
      riskLimits: context.riskLimits,
      listKeys: context.listKeys,
      rotationPeriodDays: () => this.settings.current.rotationPeriodDays,
      events: context.events,
      nowMs: context.nowMs,
      log: context.log,
    });
    if (context.host.desktopNotifier !== undefined) this.#setChannel(new DesktopChannel(context.host.desktopNotifier, this.reader));
  }

  /** Opens the saved channels, requeues interrupted sends, reports an unexpected stop, starts the rules and the review schedule. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    await this.#openEmail();
    await this.#openTelegram();
    this.dispatcher.start();
    const previous = this.#heartbeat.start();
    const stopped = unexpectedStopAlert(previous, this.#context.nowMs());
    if (stopped !== null) this.raise([stopped]);
    this.#feed.start();
    this.#liveTimer = setInterval(() => { this.sampleLive(); }, this.#context.liveSampleMs ?? 60_000);
    this.#liveTimer.unref();
    const sinceMs = this.settings.current.reviewsSinceMs ?? this.#context.nowMs();
    if (this.settings.current.reviewsSinceMs === null) this.settings.update((current) => ({ ...current, reviewsSinceMs: sinceMs }));
    this.#scheduler = new ReviewScheduler({
      schedule: reviewScheduleSchema.parse({ timeZone: this.reader.timeZone }),
      nowMs: this.#context.nowMs,
      lastRunAtMs: sinceMs,
      runReview: async (period) => {
        await this.#feed.sendWeeklyReview(period, this.reader);
        this.settings.update((current) => ({ ...current, reviewsSinceMs: period.toMs }));
      },
      onError: (error) => {
        this.#context.log.error({ err: error instanceof Error ? error.name : 'unknown' }, 'the weekly review could not be made');
      },
    });
    this.#scheduler.start();
  }

  /**
   * Reads the live bot's share now: a Monitoring point, and the daily-loss and drawdown warnings
   * for real money. Null when no live run has been read.
   */
  sampleLive(): { quoteAsset: string; symbol: string } | null {
    const reading = this.#context.liveShare?.() ?? null;
    if (reading === null) return null;
    const atMs = this.#context.nowMs();
    this.liveSeries.record(reading, atMs);
    this.#feed.checkLiveAccount(reading.account, atMs);
    return { quoteAsset: reading.account.quoteAsset, symbol: reading.symbol };
  }

  raise(drafts: readonly AlertDraft[], options?: RecordOptions): void {
    if (drafts.length === 0) return;
    try {
      this.dispatcher.raise(drafts, options);
    } catch (error) {
      // An alert that cannot be recorded must not take down what raised it; the log says why.
      this.#context.log.error({ err: error instanceof Error ? error.name : 'unknown', codes: drafts.map((draft) => draft.code) }, 'an alert could not be recorded');
    }
  }

  get feed(): AlertRuleFeed {
    return this.#feed;
  }

  get secretProblem(): string | null {
    return this.#secretProblem;
  }

  get telegramLinkCode(): { code: string; expiresAtMs: number } | null {
    return this.#linkCode !== null && this.#linkCode.expiresAtMs > this.#context.nowMs() ? this.#linkCode : null;
  }

  #linkCode: { code: string; expiresAtMs: number } | null = null;

  nextReviewAtMs(): number | null {
    return this.#scheduler === null ? null : this.#feed.nextReviewAtMs(this.#scheduler.lastRunAtMs, this.reader);
  }

  async saveEmail(settings: SmtpSettings, password: string): Promise<void> {
    const saved = this.settings.current.email;
    if (password === '' && saved === null) throw new ContractError('INVALID_INPUT', 'Enter the mail password (many providers need an app password).');
    const sealed = password === '' && saved !== null ? saved.password : await this.settings.seal(makeSecret(password));
    this.settings.update((current) => ({ ...current, email: { settings, password: sealed } }));
    this.#context.journal.append({ atMs: this.#context.nowMs(), kind: 'person_action', subject: 'alerts', payload: { action: 'email_saved', host: settings.host, port: settings.port } });
    await this.#openEmail();
  }

  /** Checks the token with Telegram first: a token Telegram refuses is not kept. */
  async saveTelegram(token: string): Promise<void> {
    const secret = makeSecret(token.trim());
    const api = this.#telegramApi(secret);
    const me = await api.getMe();
    if (!me.ok) throw new ContractError('REFUSED', statusWords(me.failure.status, this.reader));
    const sealed = await this.settings.seal(secret);
    this.settings.update((current) => ({ ...current, telegram: { token: sealed, botUsername: me.value.username ?? null, chatId: null, chatName: null } }));
    this.#context.journal.append({ atMs: this.#context.nowMs(), kind: 'person_action', subject: 'alerts', payload: { action: 'telegram_saved', bot: me.value.username ?? null } });
    await this.#openTelegram();
    this.beginTelegramLink();
  }

  beginTelegramLink(): void {
    const telegram = this.#telegram;
    if (telegram === null) throw new ContractError('NOT_ALLOWED_NOW', 'Save a Telegram bot token first.');
    this.#linkCode = telegram.inbox.beginLink();
  }

  async removeChannel(channel: 'email' | 'telegram'): Promise<void> {
    this.settings.update((current) => ({ ...current, [channel]: null }));
    if (channel === 'telegram') {
      await this.#telegram?.inbox.stop();
      this.#telegram = null;
      this.#linkCode = null;
    }
    this.dispatcher.removeChannel(channel);
    this.#context.journal.append({ atMs: this.#context.nowMs(), kind: 'person_action', subject: 'alerts', payload: { action: 'channel_removed', channel } });
  }

  async sendTest(channel: ChannelId): Promise<ChannelStatus> {
    if (!this.dispatcher.statuses().some((view) => view.channel === channel)) {
      const missing = channel === 'telegram' && this.#telegram !== null ? 'Link your Telegram chat first: send the bot the code shown.' : `The ${channel} channel is not set up.`;
      throw new ContractError('NOT_ALLOWED_NOW', missing);
    }
    return this.dispatcher.sendTest(channel);
  }

  setQuietHours(quietHours: { startMinute: number; endMinute: number } | null): void {
    this.settings.update((current) => ({ ...current, quietHours }));
    // The channels pick up the new policy; what waits is re-planned at once.
    for (const view of this.dispatcher.statuses()) this.#reapplyPolicy(view.channel);
  }

  setRotationPeriod(days: number): void {
    this.settings.update((current) => ({ ...current, rotationPeriodDays: days }));
    void this.#feed.checkKeys();
  }

  /**
   * The clean-stop mark is written first, synchronously, before the journal closes; polling and
   * sends in flight then wind down (a send cut short stays queued for the next start).
   */
  dispose(): Promise<void> {
    if (this.#liveTimer !== null) clearInterval(this.#liveTimer);
    this.#liveTimer = null;
    this.#scheduler?.stop();
    this.#feed.stop();
    if (this.#started) this.#heartbeat.stopCleanly();
    this.#started = false;
    const inbox = this.#telegram?.inbox.stop() ?? Promise.resolve();
    return Promise.all([inbox, this.dispatcher.stop()]).then(() => undefined);
  }

  #channels = new Map<ChannelId, AlertChannel>();

  #setChannel(channel: AlertChannel): void {
    this.#channels.set(channel.id, channel);
    this.dispatcher.setChannel({ channel, policy: this.#policy() });
  }

  #reapplyPolicy(id: ChannelId): void {
    const channel = this.#channels.get(id);
    if (channel !== undefined) this.dispatcher.setChannel({ channel, policy: this.#policy() });
  }

  #policy() {
    return channelPolicySchema.parse({ quietHours: this.settings.quietHours(), timeZone: this.reader.timeZone });
  }

  #telegramApi(token: ReturnType<typeof makeSecret>): TelegramBotApi {
    const baseUrl = this.#context.host.telegramApiBaseUrl;
    return new TelegramBotApi({ token, ...(baseUrl === undefined ? {} : { baseUrl }) });
  }

  async #openEmail(): Promise<void> {
    const saved = this.settings.current.email;
    if (saved === null) return;
    const password = await this.settings.open(saved.password);
    if (password === null) {
      this.#secretProblem = SECRET_UNREADABLE;
      return;
    }
    const extraCaPem = this.#context.host.smtpExtraCaPem;
    const timeoutMs = this.#context.host.smtpTimeoutMs;
    this.#setChannel(new EmailChannel({
      settings: saved.settings,
      password,
      reader: this.reader,
      ...(extraCaPem === undefined ? {} : { extraCaPem }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    }));
  }

  async #openTelegram(): Promise<void> {
    const saved = this.settings.current.telegram;
    if (saved === null) return;
    const token = await this.settings.open(saved.token);
    if (token === null) {
      this.#secretProblem = SECRET_UNREADABLE;
      return;
    }
    await this.#telegram?.inbox.stop();
    const api = this.#telegramApi(token);
    const inbox = new TelegramInbox({
      api,
      cursor: new JournalUpdateCursor(this.#context.journal),
      recorder: journalChatRecorder(this.#context.journal),
      reader: this.reader,
      nowMs: this.#context.nowMs,
      verifiedChatId: saved.chatId,
      control: this.#chatControl(),
      onLinked: ({ chatId, name }) => {
        this.#linkCode = null;
        this.settings.update((current) => (current.telegram === null ? current : { ...current, telegram: { ...current.telegram, chatId, chatName: name } }));
        this.#setChannel(new TelegramChannel({ api, chatId, reader: this.reader }));
      },
    });
    this.#telegram = { api, inbox };
    if (saved.chatId !== null) this.#setChannel(new TelegramChannel({ api, chatId: saved.chatId, reader: this.reader }));
    else this.dispatcher.removeChannel('telegram');
    inbox.start((failure) => {
      this.#context.log.warn({ code: failure.status.code }, 'telegram updates could not be read');
    });
  }

  /** Only looking and making safer: the port has no resume, re-arm or go-live. */
  #chatControl(): ChatControlPort {
    const { tradingState, bot, mode } = this.#context;
    return {
      status: async () => {
        const account = bot.riskDesk()?.account() ?? null;
        const snapshot = tradingState.snapshot();
        await Promise.resolve();
        return {
          state: snapshot.state,
          mode: mode(),
          openPositions: account?.view.positions.length ?? 0,
          todayPnlQuote: account === null ? 0 : Math.round((account.view.equityQuote - account.view.dayStartEquityQuote) * 100) / 100,
          quoteAsset: account?.view.quoteAsset ?? '',
        };
      },
      pause: async () => {
        await Promise.resolve();
        const state = tradingState.snapshot().state;
        if (state === 'KILLED' || state === 'PAUSED') return { ok: true };
        tradingState.pause({ code: 'PERSON_PAUSED', message: 'Paused by you from Telegram.' });
        return { ok: true };
      },
      kill: async () => {
        await bot.kill({ code: 'PERSON_KILLED', message: 'Killed by you from Telegram.' });
        return { ok: true };
      },
    };
  }
}
