import { DatabaseSync } from 'node:sqlite';
import { expect, test } from '../fixtures.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../support/sharedData.ts';

interface JournalFill {
  client_order_id: string;
  side: string;
  price_quote: number;
  amount_base: number;
}

/** The fills as the paper run's own journal file records them, newest first. */
function journalFills(path: string): JournalFill[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare('SELECT client_order_id, side, price_quote, amount_base FROM execution_fills ORDER BY seq DESC').all() as unknown as JournalFill[];
  } finally {
    db.close();
  }
}

test.describe('paper trading from a fresh profile', () => {
  test('a replay of real BTC/USDT prices trades, explains itself, and stays killed across a restart', async ({ app }) => {
    test.skip(app.host !== 'harness', 'needs the harness to read the run\'s journal file and restart the core; the Electron run has no such access');
    test.setTimeout(240_000);
    const { page, harness } = app;
    if (!harness) throw new Error('harness mode without a harness');

    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Paper trading' }).click();
    await page.getByRole('radio', { name: /A candle file you import/ }).check();
    await page.getByLabel('Candle file (CSV or JSON)').setInputFiles(sharedDataPath(BTC_USDT_1H_CSV));
    await page.getByLabel('Market of this file (e.g. BTC/USDT)').fill('BTC/USDT');
    await page.getByRole('button', { name: 'Import file' }).click();
    await expect(page.getByRole('status').filter({ hasText: '33,411 bars' })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(/8 gap\(s\) in the data, 16 bar\(s\) missing/)).toBeVisible();
    await page.getByRole('radio', { name: /Trend follower/ }).check();
    await page.getByLabel('Replay speed').selectOption({ label: '1,000 bars per second' });
    await page.getByRole('checkbox', { name: /leave safe mode by itself/ }).check();
    await app.screenshot('paper-01-setup');

    await page.getByRole('button', { name: 'Start paper bot' }).click();
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    // Within seconds the bot has traded: fills in the table, markers on the chart.
    await expect(page.getByRole('table', { name: 'Recent fills' }).getByRole('row')).not.toHaveCount(0, { timeout: 60_000 });
    await expect.poll(async () => Number(await page.getByTestId('price-chart').getAttribute('data-markers')), { timeout: 60_000 }).toBeGreaterThan(0);
    // The decision feed explains what the risk layer did, in words.
    await expect(page.getByRole('list', { name: 'Decisions' }).getByText(/risk (blocked|shrank|approved)/).first()).toBeVisible({ timeout: 60_000 });
    await app.screenshot('paper-02-trading');
    // The list grows while the bot trades, so it is never "stable" for Playwright's own scrolling.
    await page.getByRole('list', { name: 'Decisions' }).evaluate((list) => { list.scrollIntoView({ block: 'start' }); });
    await app.screenshot('paper-02b-decisions');

    await page.getByRole('button', { name: 'Kill' }).click();
    await page.getByRole('button', { name: 'Yes, kill now' }).click();
    await expect(page.getByTestId('trading-state')).toHaveText('Killed');
    await expect(page.getByText('Kill done: no open orders')).toBeVisible({ timeout: 30_000 });
    expect(await harness.core.bot.openOrdersOnExchange()).toBe(0);
    await expect(page.getByText('No open orders.')).toBeVisible();

    // What the screen shows agrees with the run's journal file.
    const journalPath = harness.core.bot.sessionJournalPath();
    if (journalPath === null) throw new Error('no paper run journal');
    const recorded = journalFills(journalPath);
    const dashboard = await harness.core.dispatch('getDashboard', undefined);
    if (!dashboard.ok) throw new Error(dashboard.error.message);
    const shown = (dashboard.value as { fills: { clientOrderId: string; amountBase: number; priceQuote: number }[] }).fills;
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.map((fill) => [fill.clientOrderId, fill.amountBase, fill.priceQuote])).toEqual(
      recorded.slice(0, shown.length).map((fill) => [fill.client_order_id, fill.amount_base, fill.price_quote]),
    );
    // Positions as the core reports them (the table is absent when there is none).
    const positionsOf = async () => {
      const result = await harness.core.dispatch('getDashboard', undefined);
      if (!result.ok) throw new Error(result.error.message);
      return (result.value as { positions: { symbol: string; amountBase: number; averageEntryQuote: number }[] }).positions
        .map((position) => [position.symbol, position.amountBase, position.averageEntryQuote]);
    };
    const positionsBefore = await positionsOf();
    const rowsBefore = positionsBefore.length;
    await app.screenshot('paper-03-killed');

    await harness.restartCore();
    await page.reload();
    await expect(page.getByTestId('trading-state')).toHaveText('Killed');
    await expect(page.getByText(/Ballast was restarted/).first()).toBeVisible();
    expect(await positionsOf()).toEqual(positionsBefore);
    if (rowsBefore === 0) await expect(page.getByText('No open positions.')).toBeVisible();
    else await expect(page.getByRole('table', { name: 'Positions' }).getByRole('row')).toHaveCount(rowsBefore + 1);
    expect(await harness.core.bot.openOrdersOnExchange()).toBe(0);
    await app.screenshot('paper-04-after-restart');
  });

  test('the synthetic demo market works without any file', async ({ app }) => {
    const { page } = app;
    await page.getByRole('button', { name: 'Start a paper bot' }).click();
    await page.getByLabel('Replay speed').selectOption({ label: 'As fast as possible' });
    await page.getByRole('checkbox', { name: /leave safe mode by itself/ }).check();
    await page.getByRole('button', { name: 'Start paper bot' }).click();
    await expect(page.getByText('Generated prices', { exact: true })).toBeVisible();
    await expect(page.getByText('Replay finished')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('stat-return')).toContainText('buy and hold');
    await expect(page.getByText(/Generated prices \(synthetic demo\)/)).toBeVisible();
    await app.screenshot('paper-05-synthetic-finished');
  });
});

test('live prices are offered with an exchange, a market and a bar length, and say what they count for', async ({ app }) => {
  const { page } = app;
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Paper trading' }).click();
  await page.getByRole('radio', { name: /Live prices from an exchange/ }).check();
  await expect(page.getByLabel('Exchange', { exact: true })).toHaveValue('binance');
  await expect(page.getByLabel('Bar length', { exact: true })).toHaveValue('15m');
  await expect(page.getByText(/Only this kind of paper trading counts toward the record live trading asks for/)).toBeVisible();
  // Live prices run in real time: the replay-only controls are not offered, and the screen says why.
  await expect(page.getByLabel('Replay speed')).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: /leave safe mode by itself/ })).toHaveCount(0);
  await expect(page.getByText(/there is no replay speed to choose/)).toBeVisible();
  await app.screenshot('paper-06-live-prices-form');
});
