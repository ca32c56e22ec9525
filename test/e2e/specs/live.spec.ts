import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures.ts';
import type { FakeExchange } from '../../fake-exchange/index.ts';

/** Recognisable fake credentials: they must show up nowhere (page, IPC, log, files). */
const CANARY = {
  apiKey: 'FAKE-KEY-CANARY-live-000000000000c3d4',
  secret: 'FAKE-SECRET-CANARY-live-8b2e4a',
  passphrase: 'FAKE-PASSPHRASE-CANARY-live',
} as const;
const LIVE_PHRASE = 'I understand Ballast will trade with real money';
const HOUR_MS = 3_600_000;
const NEEDS_FAKE_EXCHANGE = 'needs the local fake exchange: the packaged app only talks to the real exchanges';

// The real BTC/USDT hours: the trend follower turns bullish on the bar of 2021-01-23 04:00 UTC.
test.use({ fakeExchange: { credentials: { apiKey: CANARY.apiKey, secret: CANARY.secret }, startAt: '2021-01-23T04:00:00Z', permissionWatchIntervalMs: 60_000 }, recordResponses: true });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const ballastOpen = (fake: FakeExchange) => fake.inspect.openOrders('BTCUSDT').filter((order) => !order.clientOrderId.startsWith('web_'));

async function addLiveKey(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Keys & Exchanges' }).click();
  await page.getByRole('button', { name: 'Add a key' }).click();
  await page.getByRole('radio', { name: 'Binance' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'I have created the key' }).click();
  await page.getByLabel('Name for this key (shown in Ballast)').fill('Real account');
  await page.getByLabel('API key').fill(CANARY.apiKey);
  await page.getByLabel('Secret key').fill(CANARY.secret);
  await page.getByRole('button', { name: 'Verify this key' }).click();
  await expect(page.getByRole('heading', { name: 'This key cannot withdraw funds' })).toBeVisible();
  await page.getByLabel('New passphrase (at least 8 characters)').fill(CANARY.passphrase);
  await page.getByLabel('Type the passphrase again').fill(CANARY.passphrase);
  await page.getByRole('button', { name: 'Set passphrase' }).click();
  await page.getByRole('button', { name: 'Save key' }).click();
  await expect(page.getByText('Saved. “Real account” is in your list of keys.')).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
}

test.describe('live trading on the fake Binance replaying real BTC/USDT hours', () => {
  test('gate → live bot → an entry with its stop on the exchange → Kill keeping the stop → sell everything', async ({ app }) => {
    test.skip(app.fakeExchange === undefined, NEEDS_FAKE_EXCHANGE);
    test.setTimeout(120_000);
    const { page } = app;
    const fake = app.fakeExchange!;
    const harness = app.harness!;
    // An order the person placed on the website: listed, never touched.
    fake.anotherApp.placeOrder({ symbolId: 'BTCUSDT', side: 'BUY', type: 'LIMIT', amountBase: 0.01, priceQuote: 20_000 });

    await addLiveKey(page);
    harness.liveReadiness.set({ riskLimitsConfigured: true, strategyId: 'trend-follower', paper: { paperDays: 9, paperTrades: 24 } });
    await page.getByRole('button', { name: 'Start live trading…' }).click();
    const gate = page.getByRole('dialog', { name: 'Start live trading' });
    await gate.getByLabel(`Type “${LIVE_PHRASE}” to confirm`).fill(LIVE_PHRASE);
    await gate.getByLabel('Most Ballast may use (USDT)').fill('5000');
    await gate.getByRole('button', { name: 'Check again' }).click();
    await expect(gate.locator('li[data-status="fail"], li[data-status="unknown"]')).toHaveCount(0);
    await app.screenshot('live-01-gate');
    await gate.getByRole('button', { name: 'Start live trading' }).click();
    await expect(gate).toBeHidden();
    await expect(page.getByTestId('mode-badge')).toHaveText('LIVE');

    const panel = page.getByRole('region', { name: 'The bot on your real account' });
    await expect(panel.getByRole('status')).toContainText('Trend follower is trading BTC/USDT on 1h bars with real money');
    await expect(panel.getByTestId('live-share')).toHaveText(/5,000(\.00)? USDT/);
    await expect(panel).toContainText('Half size during the first live week');
    await expect(panel).toContainText('An order you (or another app) placed is open');
    await expect(page.getByText(/no real order/i)).toHaveCount(0);
    await panel.evaluate((region) => { region.scrollIntoView({ block: 'start' }); });
    await app.screenshot('live-02-running');

    // The capital ladder: on day one a larger share is not offered, with every reason in words; lowering takes effect at once.
    const ladder = panel.getByRole('region', { name: /Ballast’s share, stage 1/ });
    await expect(ladder.getByRole('button', { name: 'Raise Ballast’s share…' })).toBeDisabled();
    await expect(ladder).toContainText('A larger share is not offered yet');
    await expect(ladder).toContainText('Ballast has traded live for 0 days');
    await ladder.getByLabel('Lower the share to (USDT)').fill('4000');
    await ladder.getByRole('button', { name: 'Lower', exact: true }).click();
    await expect(panel.getByTestId('live-share')).toHaveText(/4,000(\.00)? USDT/);
    await expect(ladder).toContainText('The share is now 4,000.00 USDT');
    await app.screenshot('live-02b-ladder-lowered');

    // 04:00 closes bullish: the bot buys and its stop rests on the exchange, read back.
    fake.clock.advance(HOUR_MS);
    await expect(panel.locator('li[data-protection="protected"]')).toContainText('protected by a stop', { timeout: 20_000 });
    expect(ballastOpen(fake).map((order) => `${order.type} ${order.side}`)).toEqual(['STOP_LOSS_LIMIT SELL']);
    await panel.evaluate((region) => { region.scrollIntoView({ block: 'start' }); });
    await app.screenshot('live-03-entry-with-stop');

    // Kill, keeping the stops (the default choice).
    await page.getByRole('button', { name: 'Kill' }).click();
    const kill = page.getByRole('dialog', { name: 'Kill the bot now?' });
    await expect(kill.getByRole('radio', { name: /Keep the protective stops/ })).toBeChecked();
    await app.screenshot('live-04-kill-choices');
    await kill.getByRole('button', { name: 'Yes, kill now' }).click();
    await expect(panel.getByTestId('live-kill')).toContainText('Ballast’s protective stops left: 1. Your own orders, untouched: 1.', { timeout: 20_000 });
    expect(ballastOpen(fake).map((order) => order.type)).toEqual(['STOP_LOSS_LIMIT']);
    await panel.evaluate((region) => { region.scrollIntoView({ block: 'start' }); });
    await app.screenshot('live-05-killed-stops-kept');

    // Then sell everything: no order of Ballast's and no position left; the person's order untouched.
    await panel.getByRole('button', { name: 'Sell everything now…' }).click();
    await panel.getByRole('button', { name: 'Yes, sell everything now' }).click();
    await expect(panel.getByTestId('live-kill')).toContainText('Ballast’s protective stops left: 0. Your own orders, untouched: 1.', { timeout: 20_000 });
    await expect(panel).toContainText('No position. Ballast holds nothing it bought.');
    expect(ballastOpen(fake)).toEqual([]);
    expect(fake.inspect.openOrders('BTCUSDT')).toHaveLength(1);
    await panel.evaluate((region) => { region.scrollIntoView({ block: 'start' }); });
    await app.screenshot('live-06-sold-everything');

    await new Promise((resolve) => setTimeout(resolve, 300)); // the log file is written asynchronously
    const texts = [await page.content(), JSON.stringify(harness.responses), ...filesUnder(app.dataDir).map((path) => readFileSync(path, 'latin1'))];
    for (const canary of Object.values(CANARY)) expect(texts.some((text) => text.includes(canary)), `${canary} leaked`).toBe(false);
  });

  test('Monitoring follows the live bot: its share of the real account against buy-and-hold, with the limits', async ({ app }) => {
    test.skip(app.fakeExchange === undefined, NEEDS_FAKE_EXCHANGE);
    test.setTimeout(120_000);
    const { page } = app;
    const fake = app.fakeExchange!;
    const harness = app.harness!;
    await addLiveKey(page);
    harness.liveReadiness.set({ riskLimitsConfigured: true, strategyId: 'trend-follower', paper: { paperDays: 9, paperTrades: 24 } });
    await page.getByRole('button', { name: 'Start live trading…' }).click();
    const gate = page.getByRole('dialog', { name: 'Start live trading' });
    await gate.getByLabel(`Type “${LIVE_PHRASE}” to confirm`).fill(LIVE_PHRASE);
    await gate.getByLabel('Most Ballast may use (USDT)').fill('5000');
    await gate.getByRole('button', { name: 'Check again' }).click();
    await gate.getByRole('button', { name: 'Start live trading' }).click();
    await expect(page.getByTestId('mode-badge')).toHaveText('LIVE');
    const panel = page.getByRole('region', { name: 'The bot on your real account' });
    await expect(panel.getByRole('status')).toContainText('Trend follower is trading BTC/USDT on 1h bars with real money');
    fake.clock.advance(HOUR_MS);
    await expect(panel.locator('li[data-protection="protected"]')).toContainText('protected by a stop', { timeout: 20_000 });

    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Monitoring' }).click();
    await expect(page.getByText('The live bot over time, on real money after fees')).toBeVisible();
    await expect(page.getByText(/^Live trading: Ballast’s share of your real account/)).toBeVisible();
    // An hour later, a second reading of the share.
    const barBefore = harness.core.liveBot.view().lastBarOpenTimeMs;
    fake.clock.advance(HOUR_MS);
    await expect.poll(() => harness.core.liveBot.view().lastBarOpenTimeMs, { timeout: 20_000 }).toBe((barBefore ?? 0) + HOUR_MS);
    await harness.core.liveBot.settled();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByTestId('monitoring-equity')).toBeVisible();
    await expect(page.getByText('Not measured for live trading yet', { exact: false }).first()).toBeVisible();
    const reading = harness.core.liveBot.shareReading();
    expect(reading?.account.equityQuote ?? 0).toBeGreaterThan(4_500);
    await app.screenshot('live-07-monitoring');
  });
});
