import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type AppUnderTest } from '../fixtures.ts';

/** Obviously fake secrets; after entry they must show up nowhere. */
const CANARY = {
  botToken: '7000000002:FAKE-CANARY-e2e-bot-token-5b2d',
  smtpPassword: 'FAKE-CANARY-e2e-smtp-password-0c4e',
} as const;
const CHAT = 7001;
const MAIL_USER = 'alerts@example.test';
const NEEDS_LOCAL_SERVERS = 'needs the local SMTP server and fake Telegram API: their addresses can be given to the harness core, not to the packaged app';

test.use({
  alertServers: { telegramToken: CANARY.botToken, telegramChats: [CHAT], smtpUsername: MAIL_USER, smtpPassword: CANARY.smtpPassword },
  recordResponses: true,
});

async function openScreen(page: Page, name: 'Alerts' | 'Monitoring'): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function expectNoCanaryAnywhere(app: AppUnderTest): Promise<void> {
  const { page } = app;
  await new Promise((resolve) => setTimeout(resolve, 300)); // pino writes the log file asynchronously
  const fields = await page.locator('input, textarea, select').evaluateAll((all) => all.map((field) => (field as HTMLInputElement).value));
  const servers = app.alertServers!;
  const sources: Record<string, string> = {
    'page text': await page.locator('body').innerText(),
    'page DOM': await page.content(),
    'form fields': fields.join('\n'),
    'IPC responses and events': JSON.stringify(app.harness!.responses),
    'Telegram messages': servers.telegram.messages.map((message) => message.text).join('\n'),
    'mails': servers.smtp.mails.map((mail) => mail.raw).join('\n'),
    ...Object.fromEntries(filesUnder(app.dataDir).map((path) => [path, readFileSync(path, 'latin1')])),
  };
  expect(Object.keys(sources).some((path) => path.endsWith('ballast.log'))).toBe(true);
  expect(Object.keys(sources).some((path) => path.endsWith('alert-settings.json'))).toBe(true);
  for (const [where, text] of Object.entries(sources)) {
    for (const canary of Object.values(CANARY)) expect(text.includes(canary), `${canary} found in ${where}`).toBe(false);
  }
}

test.describe('alerts by email and Telegram', () => {
  test('sets up both channels against local servers, receives a test message on each and a safe-mode alert, and the secrets leak nowhere', async ({ app }) => {
    test.skip(app.host !== 'harness', NEEDS_LOCAL_SERVERS);
    test.setTimeout(90_000);
    const { page } = app;
    const servers = app.alertServers!;
    await openScreen(page, 'Alerts');
    await expect(page.getByText('Only the alert list below: no channel is set up yet.')).toBeVisible();

    // Email over STARTTLS to the local server.
    await page.getByLabel('Mail server (SMTP)').fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill(String(servers.smtp.port));
    await page.getByLabel('User name').fill(MAIL_USER);
    await page.getByLabel('Password', { exact: true }).fill(CANARY.smtpPassword);
    await page.getByLabel('Send from (address)').fill('ballast@example.test');
    await page.getByLabel('Send alerts to (address)').fill('pat@example.test');
    await page.getByRole('button', { name: 'Save email settings' }).click();
    const email = page.getByTestId('channel-email');
    await expect(email).toContainText('Set up. Nothing has been sent yet');
    await expect(page.getByLabel('Password (saved; leave empty to keep it)')).toHaveValue('');
    await email.getByRole('button', { name: 'Send a test: Email' }).click();
    await expect(email.getByRole('status')).toContainText('Test to Email: Working. The last message was delivered.');
    const [testMail] = await servers.smtp.waitForMails(1);
    expect(testMail?.overTls).toBe(true);
    expect(testMail?.parsed.subject).toContain('Test message from Ballast');

    // A token Telegram refuses is told in plain words and not kept.
    const token = page.getByLabel('Bot token from @BotFather');
    await token.fill('7000000002:FAKE-not-the-token-0000');
    await page.getByRole('button', { name: 'Check and save the token' }).click();
    await expect(page.getByRole('alert')).toContainText('Telegram refused the bot token');
    await expect(token).toHaveValue('');

    // The real token, then the one-time code sent from the chat links it.
    await token.fill(CANARY.botToken);
    await page.getByRole('button', { name: 'Check and save the token' }).click();
    const code = page.getByTestId('telegram-link-code');
    await expect(code).toContainText('send it this code');
    await app.screenshot('alerts-01-link-code');
    const shown = /([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(await code.innerText())?.[1];
    expect(shown).toBeDefined();
    servers.telegram.userSends(CHAT, shown ?? '');
    await expect(page.getByText('Linked to your chat')).toBeVisible({ timeout: 15_000 });
    const telegram = page.getByTestId('channel-telegram');
    await telegram.getByRole('button', { name: 'Send a test: Telegram' }).click();
    await expect(telegram.getByRole('status')).toContainText('Test to Telegram: Working.', { timeout: 15_000 });
    expect(servers.telegram.messagesTo(CHAT).some((message) => message.text.includes('Test message from Ballast'))).toBe(true);

    // Safe mode: the alert is recorded, then delivered to both channels and listed on the screen.
    app.harness!.core.tradingState.report({
      triggerId: 'exchange_error_rate',
      tripped: true,
      action: 'SAFE_MODE',
      cause: { code: 'EXCHANGE_ERROR_RATE', message: '40% of requests to the exchange failed in the last 60 s (4 of 10).' },
      details: {},
      atMs: Date.now(),
    });
    const mails = await servers.smtp.waitForMails(2, 15_000);
    expect(mails.map((mail) => mail.parsed.subject).join('\n')).toContain('Ballast switched to safe mode');
    await expect.poll(() => servers.telegram.messagesTo(CHAT).some((message) => message.text.includes('Ballast switched to safe mode')), { timeout: 15_000 }).toBe(true);
    const recent = page.getByRole('list', { name: 'Recent alerts' });
    const safeMode = recent.getByRole('listitem').filter({ has: page.getByText('Ballast switched to safe mode', { exact: true }) });
    await expect(safeMode).toContainText('4 of 10', { timeout: 10_000 });
    await expect(safeMode).toContainText('Email: delivered');
    await expect(safeMode).toContainText('Telegram: delivered');
    await app.screenshot('alerts-02-safe-mode-delivered');
    await safeMode.getByRole('button', { name: 'Mark as seen' }).click();
    await expect(safeMode).toContainText('Seen');

    // The weekly review on demand.
    await page.getByRole('button', { name: 'Make the review now' }).click();
    await expect(page.getByTestId('weekly-review')).toContainText('Orders filled');
    await page.getByTestId('weekly-review').scrollIntoViewIfNeeded();
    await app.screenshot('alerts-03-review');

    await expectNoCanaryAnywhere(app);
  });

  test('the Monitoring screen charts a paper run against buy-and-hold and the limits', async ({ app }) => {
    test.skip(app.host !== 'harness', 'needs the harness to run a paper bot at top speed');
    test.setTimeout(90_000);
    const { page, harness } = app;
    await openScreen(page, 'Monitoring');
    await expect(page.getByText('Nothing to show yet.')).toBeVisible();
    const started = await harness!.core.dispatch('startPaperBot', {
      source: { kind: 'synthetic' }, symbol: 'DEMO/USDT', strategyId: 'trend-follower', barsPerSecond: 100_000, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true,
    });
    expect(started.ok).toBe(true);
    await harness!.core.bot.whenIdle();
    await page.getByRole('button', { name: 'Refresh' }).click();
    for (const chart of ['monitoring-equity', 'monitoring-pnl', 'monitoring-exposure', 'monitoring-drawdown']) {
      await expect(page.getByTestId(chart)).toBeVisible();
    }
    await expect(page.getByRole('heading', { name: /Money in the market against your limit/ })).toBeVisible();
    await app.screenshot('monitoring-01-paper-run');
  });
});
