import { readFile } from 'node:fs/promises';
import { expect, test } from '../fixtures.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../support/sharedData.ts';

test.describe('the Backtest screen on real BTC/USDT prices', () => {
  test('imports the file, shows progress with time left, cancels, and reports in-sample and out-of-sample figures next to buy-and-hold, with exports', async ({ app }) => {
    test.setTimeout(300_000);
    const { page } = app;
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Backtest' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Backtest' })).toBeVisible();
    // Research mode (no risk limits) is not offered here.
    await expect(page.getByText(/Risk limits are on, with the defaults paper trading uses/)).toBeVisible();

    await page.getByText('Or import a candle file').click();
    await page.getByLabel('Candle file (CSV or JSON)').setInputFiles(sharedDataPath(BTC_USDT_1H_CSV));
    await page.getByLabel('Market of this file (e.g. BTC/USDT)').fill('BTC/USDT');
    await page.getByRole('button', { name: 'Import file' }).click();
    const fileChoice = page.getByRole('radio', { name: /BTC\/USDT, 33,411 1h bars/ });
    await expect(fileChoice).toBeChecked({ timeout: 60_000 });
    await app.screenshot('backtest-01-setup');

    // A search over 48 combinations runs long enough to watch and cancel.
    await page.getByRole('radio', { name: /Try many settings/ }).check();
    await page.getByLabel('Values to try for fast').fill('5, 10, 15, 20, 25, 30');
    await page.getByLabel('Values to try for slow').fill('40, 60, 80, 100, 120, 140, 160, 180');
    await expect(page.getByText(/^48 combinations\./)).toBeVisible();
    await page.getByRole('button', { name: 'Run backtest' }).click();
    const progress = page.getByRole('progressbar', { name: 'Backtest progress' });
    await expect(progress).toBeVisible();
    await expect(page.getByTestId('backtest-time-left')).toHaveText(/^about \d+( min \d+)? s left$/, { timeout: 60_000 });
    // The page answers while the run goes on: the form is still there, and Run waits its turn.
    await expect(page.getByRole('button', { name: 'Run backtest' })).toBeDisabled();
    await progress.scrollIntoViewIfNeeded();
    await app.screenshot('backtest-02-progress');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText('Cancelled: nothing of this run was kept.')).toBeVisible({ timeout: 10_000 });
    await expect(progress).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Report' })).toHaveCount(0);

    // One run at the default settings.
    await page.getByRole('radio', { name: 'One backtest with these settings' }).check();
    await page.getByRole('button', { name: 'Run backtest' }).click();
    const report = page.getByRole('region', { name: 'Report' });
    await expect(report).toBeVisible({ timeout: 120_000 });
    await expect(report.getByTestId('backtest-sample')).toHaveText(/^In-sample\./);
    await expect(report.getByText(/^Return -?[\d,.]+ % against -?[\d,.]+ % for buy and hold \(In-sample\)\.$/)).toBeVisible();
    await expect(report.getByTestId('backtest-equity-chart')).toBeVisible();
    await expect(report.getByTestId('backtest-drawdown-chart')).toBeVisible();
    expect(Number(await report.getByTestId('backtest-price-chart').getAttribute('data-markers'))).toBeGreaterThan(0);
    const statistics = report.getByRole('table', { name: 'Statistics (In-sample)' });
    await expect(statistics.getByRole('row', { name: /Buy & Hold Return \[%\]/ })).toBeVisible();
    await expect(statistics.getByRole('row', { name: /^Sample in-sample$/ })).toBeVisible();
    const costs = report.getByRole('table', { name: 'At other costs (In-sample)' });
    await expect(costs.getByRole('row')).toHaveCount(5);
    // Free trading trades too (a book never quoted with no spread).
    const free = costs.getByRole('row').nth(1);
    await expect(free.getByRole('cell').first()).toHaveText('0×');
    expect(Number(await free.getByRole('cell').nth(4).textContent())).toBeGreaterThan(0);
    await expect(report.getByRole('table', { name: /^Monthly returns \(In-sample/ }).getByRole('row', { name: /^2019/ })).toBeVisible();
    await expect(report.getByText(/Only one combination of settings was tested/)).toBeVisible();
    // Refusals by the risk limits are explained in words, not codes.
    await expect(report.getByRole('list', { name: 'Why the risk limits refused or shrank orders' })).toContainText(/\d+ ×: BTC\/USDT is not liquid enough right now/);
    await report.getByTestId('backtest-sample').scrollIntoViewIfNeeded();
    await app.screenshot('backtest-03-report');
    await report.getByTestId('backtest-price-chart').scrollIntoViewIfNeeded();
    await app.screenshot('backtest-03b-charts');
    await report.getByRole('table', { name: /^Monthly returns/ }).scrollIntoViewIfNeeded();
    await app.screenshot('backtest-04-tables');

    // A walk-forward test: the headline is out-of-sample.
    await page.getByRole('radio', { name: /Walk-forward test/ }).check();
    await page.getByLabel('Values to try for fast').fill('10, 20');
    await page.getByLabel('Values to try for slow').fill('30, 50');
    await page.getByRole('button', { name: 'Run backtest' }).click();
    await expect(report.getByTestId('backtest-sample')).toHaveText(/^Out-of-sample\./, { timeout: 180_000 });
    await expect(report.getByText(/for buy and hold \(Out-of-sample\)\.$/)).toBeVisible();
    const folds = report.getByRole('table', { name: 'Walk-forward windows' });
    await expect(folds.getByRole('row')).not.toHaveCount(0);
    expect(await folds.getByRole('row').count()).toBeGreaterThan(5);
    await expect(report.getByRole('table', { name: 'Statistics (Out-of-sample)' }).getByRole('row', { name: /^Sample out-of-sample$/ })).toBeVisible();
    await expect(report.getByRole('heading', { level: 2, name: /settings chosen on each training window/ })).toBeVisible();
    await report.getByTestId('backtest-sample').scrollIntoViewIfNeeded();
    await app.screenshot('backtest-05-walk-forward');
    await folds.scrollIntoViewIfNeeded();
    await app.screenshot('backtest-06-windows');

    const downloadingHtml = page.waitForEvent('download');
    await report.getByRole('button', { name: 'Export report (web page)' }).click();
    const html = await downloadingHtml;
    expect(html.suggestedFilename()).toBe('ballast-backtest-sma-cross-BTCUSDT-out-of-sample.html');
    const page1 = await readFile(await html.path(), 'utf8');
    expect(page1).toContain('<strong>Out-of-sample.</strong>');
    expect(page1).toContain('buy and hold (same fees, same start)');
    expect(page1).toContain('Walk-forward windows');
    await expect(report.getByText(`Saved ${html.suggestedFilename()}.`)).toBeVisible();

    const downloadingCsv = page.waitForEvent('download');
    await report.getByRole('button', { name: 'Export trades (CSV)' }).click();
    const csv = await downloadingCsv;
    expect(csv.suggestedFilename()).toBe('ballast-backtest-sma-cross-BTCUSDT-out-of-sample-trades.csv');
    const lines = (await readFile(await csv.path(), 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('entryTime,exitTime,entryPrice,exitPrice,size,pnl,returnPercent,fees,sample');
    expect(lines.length).toBeGreaterThan(10);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z,.*,out-of-sample$/);
  });
});
