import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { removeTempDirs, tempDir } from '../../../support/tempDirs.ts';
import type { AlertSettingsView, CommandName, RecentAlertsView, Result } from '../../../../core/contract/index.ts';
import { createLogger } from '../../../../core/log/index.ts';
import { createBallastCore, type BallastCore } from '../../../../core/runtime/index.ts';
import { InMemoryKeyRecordStore } from '../../../../core/keys/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../../../fake-telegram/index.ts';
import { StandInOsCipher } from '../../keys/support/testCiphers.ts';
import { startSmtpTestServer, type SmtpTestServer } from '../../alerts/support/smtpTestServer.ts';

const CANARY_TOKEN = '7000000001:FAKE-CANARY-telegram-token-9c1e';
const CANARY_PASSWORD = 'FAKE-CANARY-SMTP-PASSWORD-77aa';
const CHAT = 5001;
const MAIL_USER = 'alerts@example.test';

interface Running {
  readonly core: BallastCore;
  readonly dataDir: string;
  readonly telegram: FakeTelegram;
  readonly smtp: SmtpTestServer;
  readonly results: unknown[];
  readonly logLines: string[];
  call(name: CommandName, input?: unknown): Promise<Result<unknown>>;
  value<T>(name: CommandName, input?: unknown): Promise<T>;
}

let running: Running | undefined;
afterEach(async () => {
  if (running === undefined) return;
  running.core.dispose();
  await running.core.alerts.dispose();
  await running.telegram.close();
  await running.smtp.close();
  running = undefined;
  removeTempDirs();
});

async function start(): Promise<Running> {
  const dataDir = tempDir('alerts');
  const telegram = await startFakeTelegram({ token: CANARY_TOKEN, chats: [CHAT] });
  const smtp = await startSmtpTestServer({ username: MAIL_USER, password: CANARY_PASSWORD });
  const logLines: string[] = [];
  const destination = new Writable({ write(chunk: Buffer, _encoding, done) { logLines.push(chunk.toString('utf8')); done(); } });
  const core = createBallastCore({
    version: 'test',
    log: createLogger({ destination }),
    dataDir,
    keys: { store: new InMemoryKeyRecordStore(), osCipher: new StandInOsCipher('gnome_libsecret') },
    alerts: { telegramApiBaseUrl: telegram.url, smtpExtraCaPem: [smtp.certificate.certPem], timeZone: 'Europe/Berlin', smtpTimeoutMs: 3_000 },
  });
  await core.restore();
  const results: unknown[] = [];
  const call = async (name: CommandName, input?: unknown): Promise<Result<unknown>> => {
    const result = await core.dispatch(name, input);
    results.push(result);
    return result;
  };
  running = {
    core, dataDir, telegram, smtp, results, logLines, call,
    async value<T>(name: CommandName, input?: unknown): Promise<T> {
      const result = await call(name, input);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    },
  };
  return running;
}

const emailSetup = (port: number, password = CANARY_PASSWORD) => ({
  host: '127.0.0.1', port, username: MAIL_USER, password, from: 'ballast@example.test', to: 'pat@example.test',
});

async function linkTelegram(app: Running): Promise<void> {
  const saved = await app.value<AlertSettingsView>('saveTelegramAlerts', { botToken: CANARY_TOKEN });
  const code = saved.telegram?.linkCode?.code;
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  app.telegram.userSends(CHAT, code ?? '');
  await vi.waitFor(async () => {
    expect((await app.value<AlertSettingsView>('getAlertSettings')).telegram?.chatLinked).toBe(true);
  }, { timeout: 10_000, interval: 100 });
}

function enterSafeMode(core: BallastCore): void {
  core.tradingState.report({
    triggerId: 'exchange_error_rate',
    tripped: true,
    action: 'SAFE_MODE',
    cause: { code: 'EXCHANGE_ERROR_RATE', message: '40% of requests to the exchange failed in the last 60 s (4 of 10).' },
    details: {},
    atMs: Date.now(),
  });
}

/** Every place a secret could end up: IPC results, the log, the journal and settings files, what the servers received. */
function everythingWritten(app: Running): string {
  const files = readdirSync(app.dataDir)
    .filter((name) => /journal|alert-settings/.test(name))
    .map((name) => join(app.dataDir, name))
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString('latin1'));
  return [
    JSON.stringify(app.results),
    app.logLines.join('\n'),
    ...files,
    ...app.telegram.messages.map((message) => message.text),
    ...app.smtp.mails.map((mail) => mail.raw),
  ].join('\n');
}

describe('the alerts command area', () => {
  it('refuses a bot token Telegram rejects, in plain words, and keeps nothing', async () => {
    const app = await start();
    const result = await app.call('saveTelegramAlerts', { botToken: '7000000001:FAKE-wrong-token-000' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('REFUSED');
    expect(result.error.message).toContain('Telegram refused the bot token');
    expect(result.error.message).not.toContain('FAKE-wrong-token');
    const settings = await app.value<AlertSettingsView>('getAlertSettings');
    expect(settings.telegram).toBeNull();
  });

  it('sets up email and Telegram, sends tests and a safe-mode alert to both, and the canary secrets reach no result, log, file or message', async () => {
    const app = await start();
    const settings = await app.value<AlertSettingsView>('saveEmailAlerts', emailSetup(app.smtp.port));
    expect(settings.email).toMatchObject({ host: '127.0.0.1', passwordSaved: true });
    await linkTelegram(app);

    expect(await app.value('sendAlertTest', { channel: 'email' })).toMatchObject({ channel: 'email', status: { code: 'CHANNEL_OK' } });
    expect(await app.value('sendAlertTest', { channel: 'telegram' })).toMatchObject({ channel: 'telegram', status: { code: 'CHANNEL_OK' } });
    const [testMail] = await app.smtp.waitForMails(1);
    expect(testMail?.parsed.subject).toContain('Test message from Ballast');
    expect(app.telegram.messagesTo(CHAT).some((message) => message.text.includes('Test message from Ballast'))).toBe(true);

    enterSafeMode(app.core);
    const mails = await app.smtp.waitForMails(2, 10_000);
    expect(mails.map((mail) => mail.parsed.subject).join('\n')).toContain('Ballast switched to safe mode');
    await vi.waitFor(() => {
      expect(app.telegram.messagesTo(CHAT).some((message) => message.text.includes('Ballast switched to safe mode'))).toBe(true);
    }, { timeout: 10_000, interval: 100 });

    const recent = await app.value<RecentAlertsView>('listRecentAlerts');
    const safeMode = recent.alerts.find((alert) => alert.code === 'TRADING_STATE_SAFE_MODE');
    expect(safeMode?.body).toContain('4 of 10');
    expect(recent.alerts.some((alert) => alert.code === 'EXCHANGE_ERROR_SPIKE')).toBe(true);

    const written = everythingWritten(app);
    expect(written).not.toContain(CANARY_PASSWORD);
    expect(written).not.toContain(CANARY_TOKEN);
    expect(written).not.toContain('FAKE-CANARY');
  });

  it('tells a refused mail login in plain words, keeps the alert queued for email, and Telegram still delivers it', async () => {
    const app = await start();
    await app.value('saveEmailAlerts', emailSetup(app.smtp.port, 'FAKE-not-the-password'));
    await linkTelegram(app);
    const test = await app.value<{ status: { code: string } }>('sendAlertTest', { channel: 'email' });
    expect(test.status.code).toBe('SMTP_LOGIN_REFUSED');

    enterSafeMode(app.core);
    await vi.waitFor(() => {
      expect(app.telegram.messagesTo(CHAT).some((message) => message.text.includes('Ballast switched to safe mode'))).toBe(true);
    }, { timeout: 10_000, interval: 100 });
    await vi.waitFor(async () => {
      const email = (await app.value<AlertSettingsView>('getAlertSettings')).channels.find((channel) => channel.channel === 'email');
      expect(email?.status.code).toBe('SMTP_LOGIN_REFUSED');
      expect(email?.waiting).toBeGreaterThanOrEqual(1);
    }, { timeout: 10_000, interval: 100 });
    expect(app.smtp.mails).toHaveLength(0);
    const safeMode = (await app.value<RecentAlertsView>('listRecentAlerts')).alerts.find((alert) => alert.code === 'TRADING_STATE_SAFE_MODE');
    expect(safeMode?.deliveries.find((delivery) => delivery.channel === 'email')?.status).toBe('queued');
    expect(safeMode?.deliveries.find((delivery) => delivery.channel === 'telegram')?.status).toBe('sent');
  });

  it('marks an alert as seen, refuses an unknown one, and keeps quiet hours and the rotation period within bounds', async () => {
    const app = await start();
    enterSafeMode(app.core);
    const before = await app.value<RecentAlertsView>('listRecentAlerts');
    const first = before.alerts[0];
    expect(first).toBeDefined();
    expect(before.unacknowledged).toBeGreaterThanOrEqual(1);
    const after = await app.value<RecentAlertsView>('acknowledgeAlert', { alertId: first?.id });
    expect(after.alerts.find((alert) => alert.id === first?.id)?.acknowledgedAtMs).not.toBeNull();
    expect(after.unacknowledged).toBe(before.unacknowledged - 1);
    expect((await app.call('acknowledgeAlert', { alertId: 'al-unknown' })).ok).toBe(false);

    const quiet = await app.value<AlertSettingsView>('setAlertQuietHours', { quietHours: { startMinute: 22 * 60, endMinute: 7 * 60 } });
    expect(quiet.quietHours).toEqual({ startMinute: 1320, endMinute: 420 });
    expect((await app.call('setAlertQuietHours', { quietHours: { startMinute: 60, endMinute: 60 } })).ok).toBe(false);
    expect((await app.value<AlertSettingsView>('setKeyRotationPeriod', { days: 45 })).rotationPeriodDays).toBe(45);
    const tooLong = await app.call('setKeyRotationPeriod', { days: 120 });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('makes the weekly review on demand and exports it as a web page', async () => {
    const app = await start();
    const review = await app.value<{ fromMs: number; toMs: number; basis: string; nextScheduledAtMs: number | null }>('getWeeklyReview');
    expect(review.toMs - review.fromMs).toBe(7 * 86_400_000);
    expect(review.basis).toContain('Paper');
    expect(review.nextScheduledAtMs).toBeGreaterThan(Date.now());
    const exported = await app.value<{ fileName: string; content: string }>('exportWeeklyReview');
    expect(exported.fileName).toMatch(/^ballast-weekly-review-\d{4}-\d{2}-\d{2}\.html$/);
    expect(exported.content).toMatch(/^<!doctype html>/i);
  });
});
