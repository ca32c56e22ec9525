import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Harness } from '../harness/harness.ts';
import { expect, test, type AppUnderTest } from '../fixtures.ts';

const HARNESS_ONLY = 'needs the harness to open a paper account or damage the limits file from the test; the Electron run has no such access';

async function openRiskScreen(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Risk limits' }).click();
  await expect(page.getByRole('heading', { name: 'Risk limits', level: 1 })).toBeVisible();
}

const limitRow = (page: Page, label: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: label, exact: true }) });

function requireHarness(app: AppUnderTest): Harness {
  if (!app.harness) throw new Error('harness mode without a harness');
  return app.harness;
}

/** A paper account on the generated demo market, replayed to its end and stopped (set up through the core, as a person would on the Paper screen). */
async function paperAccount(harness: Harness, strategyId: 'do-nothing' | 'trend-follower'): Promise<void> {
  const started = await harness.core.dispatch('startPaperBot', {
    source: { kind: 'synthetic' }, symbol: 'DEMO/USDT', strategyId, barsPerSecond: 1_000_000, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true,
  });
  if (!started.ok) throw new Error(started.error.message);
  await harness.core.bot.whenIdle();
}

test.describe('the Risk limits screen', () => {
  test('shows every limit in plain words, and says honestly that nothing is in use before a paper account exists', async ({ app }) => {
    const { page } = app;
    await openRiskScreen(page);
    await expect(page.getByRole('list', { name: 'Account limits' }).getByRole('listitem')).toHaveCount(7);
    await expect(page.getByRole('list', { name: 'Order checks' }).getByRole('listitem')).toHaveCount(13);
    await expect(limitRow(page, 'Daily loss limit')).toContainText('3%');
    await expect(limitRow(page, 'Daily loss limit')).toContainText('since your midnight');
    await expect(limitRow(page, 'Largest single trade')).toContainText('1%');
    await expect(limitRow(page, 'Positions open at once')).toContainText('3');
    await expect(page.getByText(/No paper account yet, so nothing is in use/)).toBeVisible();
    await expect(page.getByText(/Ballast’s safe starting limits/)).toBeVisible();
    await app.screenshot('risk-01-limits-no-account');
  });

  test('shows each account limit’s current use on the paper account, as text and a bar', async ({ app }) => {
    test.skip(app.host !== 'harness', HARNESS_ONLY);
    test.setTimeout(120_000);
    const { page } = app;
    await paperAccount(requireHarness(app), 'trend-follower');
    await openRiskScreen(page);
    await expect(page.getByText(/Paper account equity: [\d,]+\.\d\d USDT/)).toBeVisible();
    await expect(limitRow(page, 'Daily loss limit')).toContainText(/Daily loss \d+\.\d\d% of 3\.00% \([\d.]+ USDT of [\d.]+ USDT\)/);
    await expect(limitRow(page, 'Largest fall from the account’s high')).toContainText(/Fall from the high \d+\.\d\d% of 10\.00%/);
    await expect(limitRow(page, 'Value of all positions together')).toContainText(/Exposure \d+\.\d\d% of 25\.00%/);
    await expect(limitRow(page, 'Positions open at once')).toContainText(/Open positions \d of 3/);
    await expect(limitRow(page, 'Orders per 24 hours')).toContainText(/Orders in the last 24 hours \d+ of 100/);
    // Every account limit the account uses up has a bar; the per-trade cap shows its money value instead.
    await expect(page.locator('.risk-bar')).toHaveCount(6);
    await expect(limitRow(page, 'Largest single trade')).toContainText(/Largest single trade 1\.00% of equity \([\d.]+ USDT\)/);
    await app.screenshot('risk-02-limits-in-use');
  });

  test('a stricter limit is saved at once, without a confirmation', async ({ app }) => {
    const { page } = app;
    await openRiskScreen(page);
    const row = limitRow(page, 'Daily loss limit');
    await row.getByRole('button', { name: 'Change Daily loss limit' }).click();
    await row.getByLabel('New value for Daily loss limit (%)').fill('2');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect(row.getByRole('status')).toContainText('Daily loss limit goes from 300.00 USDT (3.00%) to 200.00 USDT (2.00%).');
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(row.getByTestId('limit-dailyLossFractionOfEquity-value')).toHaveText('2%');
    await expect(page.getByText(/Ballast’s safe starting limits/)).toBeHidden();
    await app.screenshot('risk-03-tightened');
    if (app.harness) {
      const saved = JSON.parse(readFileSync(join(app.dataDir, 'risk-limits.json'), 'utf8')) as { limits: { dailyLossFractionOfEquity: number } };
      expect(saved.limits.dailyLossFractionOfEquity).toBe(0.02);
    }
  });

  test('a looser limit needs the typed confirmation, which states the consequence in money', async ({ app }) => {
    const { page } = app;
    await openRiskScreen(page);
    const row = limitRow(page, 'Largest single trade');
    await row.getByRole('button', { name: 'Change Largest single trade' }).click();
    await row.getByLabel('New value for Largest single trade (%)').fill('5');
    await row.getByRole('button', { name: 'Save' }).click();

    const dialog = page.getByRole('dialog', { name: 'Allow more risk?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Largest single trade goes from 100.00 USDT (1.00%) to 500.00 USDT (5.00%).');
    await expect(dialog).toContainText('example account of 10000.00 USDT');
    await app.screenshot('risk-04-loosen-confirmation');

    await dialog.getByLabel('Type ALLOW MORE RISK to confirm').fill('yes');
    await dialog.getByRole('button', { name: 'Allow more risk' }).click();
    await expect(dialog.getByRole('alert')).toContainText('type ALLOW MORE RISK exactly. Nothing was changed.');
    await expect(row.getByTestId('limit-perTradeFractionOfEquity-value')).toHaveText('1%');
    await app.screenshot('risk-05-loosen-refused');

    await dialog.getByLabel('Type ALLOW MORE RISK to confirm').fill('ALLOW MORE RISK');
    await dialog.getByRole('button', { name: 'Allow more risk' }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByTestId('limit-perTradeFractionOfEquity-value')).toHaveText('5%');
    await expect(row.getByRole('status')).toContainText('to 500.00 USDT (5.00%)');
  });

  test('cancelling a loosening changes nothing', async ({ app }) => {
    const { page } = app;
    await openRiskScreen(page);
    const row = limitRow(page, 'Positions open at once');
    await row.getByRole('button', { name: 'Change Positions open at once' }).click();
    await row.getByLabel('New value for Positions open at once').fill('8');
    await row.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog', { name: 'Allow more risk?' });
    await expect(dialog).toContainText('Positions open at once goes from 3 to 8.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByTestId('limit-maxOpenPositions-value')).toHaveText('3');
  });

  test('a value out of range is refused with the limit named, and nothing changes', async ({ app }) => {
    const { page } = app;
    await openRiskScreen(page);
    const row = limitRow(page, 'Daily loss limit');
    await row.getByRole('button', { name: 'Change Daily loss limit' }).click();
    await row.getByLabel('New value for Daily loss limit (%)').fill('250');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect(row.getByRole('alert')).toContainText('Nothing was changed. Daily loss limit: this value is not allowed');
    await row.getByLabel('New value for Daily loss limit (%)').fill('three');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect(row.getByRole('alert')).toContainText('Please type a number: digits with at most one decimal point, like 2.5.');
    await app.screenshot('risk-06-invalid-value');
    await row.getByRole('button', { name: 'Cancel' }).click();
    await expect(row.getByTestId('limit-dailyLossFractionOfEquity-value')).toHaveText('3%');
  });

  test('a manual paper order is made smaller by the per-trade limit, and refused while paused, with the reason shown', async ({ app }) => {
    test.skip(app.host !== 'harness', HARNESS_ONLY);
    const { page } = app;
    await paperAccount(requireHarness(app), 'do-nothing');
    await openRiskScreen(page);
    const form = page.getByRole('region', { name: 'Try an order on the paper account' });
    await expect(form).toContainText('DEMO/USDT');
    await form.getByLabel('Size (% of the account)').fill('5');
    await form.getByRole('button', { name: 'Check and place order' }).click();
    const decision = form.getByRole('status');
    await expect(decision).toContainText('What the risk checks decided: Made smaller');
    await expect(decision).toContainText('One trade may use at most 1.00% of your equity');
    await expect(decision).toContainText('Sent to the paper exchange');
    await app.screenshot('risk-07-manual-shrunk');

    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByTestId('trading-state')).toHaveText('Paused');
    await form.getByLabel('Size (% of the account)').fill('0.5');
    await form.getByRole('button', { name: 'Check and place order' }).click();
    await expect(decision).toContainText('What the risk checks decided: Not sent');
    await expect(decision).toContainText('Trading is paused: Pause holds back new positions');
    await app.screenshot('risk-08-manual-refused-paused');

    // The same decisions are in the dashboard's decision feed, as the bot's own would be.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Dashboard' }).click();
    await expect(page.getByRole('list', { name: 'Decisions' }).getByText(/risk blocked it: Trading is paused/).first()).toBeVisible();
  });

  test('after a drawdown trip, the high-water mark is reset only with the typed words, and the check clears', async ({ app }) => {
    test.skip(app.host !== 'harness', HARNESS_ONLY);
    test.setTimeout(120_000);
    const { page } = app;
    const harness = requireHarness(app);
    // A drawdown limit so tight that the demo run ends below it (tightening needs no confirmation).
    const tightened = await harness.core.dispatch('applyRiskLimits', { changes: { maxDrawdownFraction: 0.0005 } });
    if (!tightened.ok) throw new Error(tightened.error.message);
    await paperAccount(harness, 'trend-follower');
    await openRiskScreen(page);
    const checks = page.getByRole('region', { name: 'Safety checks' });
    await expect(checks).toContainText(/below its highest value/);
    await checks.getByRole('button', { name: 'Measure drawdown from today’s value…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Measure drawdown from today’s value?' });
    await expect(dialog).toContainText(/may lose another [\d.]+ USDT, down to [\d.]+ USDT/);
    await dialog.getByLabel('Type ALLOW MORE RISK to confirm').fill('yes');
    await dialog.getByRole('button', { name: 'Reset the high-water mark' }).click();
    await expect(dialog.getByRole('alert')).toContainText('type ALLOW MORE RISK exactly');
    await app.screenshot('risk-09-reset-high-water-mark');
    await dialog.getByLabel('Type ALLOW MORE RISK to confirm').fill('ALLOW MORE RISK');
    await dialog.getByRole('button', { name: 'Reset the high-water mark' }).click();
    await expect(dialog).toBeHidden();
    await expect(checks).toContainText('No automatic safety check is tripped.');
    await expect(checks).toContainText(/now measures from [\d.]+ USDT/);
    await app.screenshot('risk-10-high-water-mark-reset');
  });

  test('a damaged limits file stops new positions and says so until the limits are saved again', async ({ app }) => {
    test.skip(app.host !== 'harness', HARNESS_ONLY);
    const { page } = app;
    const harness = requireHarness(app);
    writeFileSync(join(app.dataDir, 'risk-limits.json'), '{"version":1,"limits":{"dailyLossFractionOfEquity":');
    await harness.restartCore();
    await page.reload();
    await expect(page.getByTestId('trading-state')).toHaveText('Safe mode');
    await openRiskScreen(page);
    const damaged = page.getByRole('alert').filter({ hasText: 'Your saved limits could not be read' });
    await expect(damaged).toContainText('not valid JSON');
    await expect(page.getByRole('region', { name: 'Safety checks' })).toContainText('Ballast could not read your saved risk limits');
    await app.screenshot('risk-09-damaged-file');

    await damaged.getByRole('button', { name: 'Save the limits shown here' }).click();
    await expect(damaged).toBeHidden();
    await expect(page.getByRole('region', { name: 'Safety checks' })).toContainText('No automatic safety check is tripped.');
    expect(existsSync(join(app.dataDir, 'risk-limits.json'))).toBe(true);
    await page.getByRole('button', { name: 'Leave safe mode' }).click();
    await expect(page.getByTestId('trading-state')).toHaveText('Active');
  });
});
