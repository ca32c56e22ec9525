import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../fixtures.ts';
import type { FakeExchange } from '../../fake-exchange/index.ts';

/** Recognisable fake credentials for the practice site: they must show up nowhere. */
const CANARY = {
  apiKey: 'FAKE-KEY-CANARY-practice-00000000e5f6',
  secret: 'FAKE-SECRET-CANARY-practice-4c1d9a',
} as const;
const HOUR_MS = 3_600_000;
const NEEDS_FAKE_EXCHANGE = 'needs the local fake exchange in testnet mode: the packaged app only talks to the real practice sites';

// The fake in Binance spot testnet mode: no /sapi, so the permission endpoint is absent.
// The real BTC/USDT hours: the trend follower turns bullish on the bar of 2021-01-23 04:00 UTC.
test.use({ fakeExchange: { credentials: { apiKey: CANARY.apiKey, secret: CANARY.secret }, startAt: '2021-01-23T04:00:00Z', testnet: true }, recordResponses: true });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const ballastOpen = (fake: FakeExchange) => fake.inspect.openOrders('BTCUSDT').filter((order) => !order.clientOrderId.startsWith('web_'));

test.describe('practice on the exchange’s practice site (the fake Binance spot testnet, no permission endpoint)', () => {
  test('a test-network key → the practice checklist with withdrawals not applicable → the bot trades pretend money with its stop on the practice site → Stop', async ({ app }) => {
    test.skip(app.fakeExchange === undefined, NEEDS_FAKE_EXCHANGE);
    test.setTimeout(120_000);
    const { page } = app;
    const fake = app.fakeExchange!;
    const harness = app.harness!;

    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Keys & Exchanges' }).click();
    await page.getByRole('button', { name: 'Add a key' }).click();
    await page.getByRole('radio', { name: 'Binance' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'I have created the key' }).click();
    await page.getByRole('radio', { name: /Test network/ }).check();
    await page.getByLabel('Name for this key (shown in Ballast)').fill('Practice');
    await page.getByLabel('API key').fill(CANARY.apiKey);
    await page.getByLabel('Secret key').fill(CANARY.secret);
    await page.getByRole('button', { name: 'Verify this key' }).click();
    await expect(page.getByTestId('practice-site-answer')).toContainText('Practice site testnet.binance.vision: it accepts this key');
    await page.getByRole('radio', { name: 'Keep it unrestricted — I accept the risk' }).check();
    await app.screenshot('practice-01-key-checked');
    await page.getByRole('button', { name: 'Save key' }).click();
    await expect(page.getByText('Saved. “Practice” is in your list of keys.')).toBeVisible();
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByText('Practice-site key: withdrawals not applicable (pretend money). Used only for practice, never for live trading.')).toBeVisible();

    harness.liveReadiness.set({ riskLimitsConfigured: true, strategyId: 'trend-follower' });
    const panel = page.getByRole('region', { name: 'Practice on the exchange (pretend money)' });
    await panel.getByLabel('Most of the pretend balance Ballast may use').fill('5000');
    await panel.getByRole('button', { name: 'Check practice' }).click();
    const checklist = panel.getByRole('list', { name: 'What practice needs' });
    await expect(checklist.getByRole('listitem', { name: 'Withdrawals: Not applicable' })).toContainText('Not applicable: virtual funds');
    await expect(checklist.locator('li[data-status="fail"], li[data-status="unknown"]')).toHaveCount(0);
    await app.screenshot('practice-02-checklist');

    await panel.getByRole('button', { name: 'Start practice' }).click();
    await expect(page.getByTestId('mode-badge')).toHaveText('PRACTICE ON EXCHANGE');
    await expect(panel).toContainText('Practice is on: the bot trades with pretend money on testnet.binance.vision');
    await expect(panel.getByTestId('practice-withdraw-record')).toContainText('never counts for live trading');
    // The live panel still offers live trading only with a live key: none here.
    await app.screenshot('practice-03-running');

    // 04:00 closes bullish: an entry on the practice site, its stop resting there.
    fake.clock.advance(HOUR_MS);
    await expect(panel.getByTestId('practice-position')).toContainText('protected by a stop on the practice site', { timeout: 20_000 });
    expect(ballastOpen(fake).map((order) => `${order.type} ${order.side}`)).toEqual(['STOP_LOSS_LIMIT SELL']);
    await app.screenshot('practice-04-entry-with-stop');

    await panel.getByRole('button', { name: 'Stop practice' }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'Practice stopped.' })).toBeVisible();
    await expect(page.getByTestId('mode-badge')).toHaveText('PAPER');
    expect(fake.inspect.requests().filter((request) => request.path.startsWith('/sapi'))).toEqual([]);
    await app.screenshot('practice-05-stopped');

    await new Promise((resolve) => setTimeout(resolve, 300)); // the log file is written asynchronously
    const texts = [await page.content(), JSON.stringify(harness.responses), ...filesUnder(app.dataDir).map((path) => readFileSync(path, 'latin1'))];
    for (const canary of Object.values(CANARY)) expect(texts.some((text) => text.includes(canary)), `${canary} leaked`).toBe(false);
  });
});
