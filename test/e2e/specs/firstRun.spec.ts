import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures.ts';
import { ETH_USDT_1H_CSV, sharedDataPath } from '../../support/sharedData.ts';

/**
 * A first-time user with every default left as it is: the slow speeds, "leave safe mode by
 * itself" off, real price files with their gaps. Faster specs with the helpful switches on hide
 * what a beginner meets.
 */

const stopButton = (page: Page) => page.getByRole('button', { name: 'Stop the paper bot' });
const barsDone = async (page: Page): Promise<number> => {
  return Number(await page.getByTestId('bars-done').getAttribute('data-bars-processed'));
};

test.describe('a first run with the defaults', () => {
  test('at “watch it trade” speed the Dashboard shows the run with its charts within 2 s of Start', async ({ app }) => {
    const { page } = app;
    await page.getByRole('button', { name: 'Start a paper bot' }).click();
    await page.getByLabel('Replay speed').selectOption({ label: '10 bars per second (watch it trade)' });
    await page.getByRole('button', { name: 'Start paper bot' }).click();
    const startedAt = Date.now();
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    // The trend follower's averages are still warming up: the chart must not wait for them.
    await expect.poll(async () => Number(await page.getByTestId('price-chart').getAttribute('data-drawn-bars')), { timeout: 2_000 }).toBeGreaterThan(0);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    await expect(page.getByTestId('bot-phase')).toHaveText('Running');
    await expect(stopButton(page)).toBeVisible();
    await expect(page.getByText(/unexpected problem/)).toHaveCount(0);
    await app.screenshot('first-run-01-watch-it-trade');
    // Bars keep coming at the slow speed, and the chart follows.
    const before = await barsDone(page);
    await expect.poll(() => barsDone(page), { timeout: 5_000 }).toBeGreaterThan(before);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Paper trading' }).click();
    await expect(stopButton(page)).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await stopButton(page).click();
    await expect(stopButton(page)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Start paper bot' })).toBeEnabled();
  });

  test('a default run on the real ETH file asks about safe mode; the answer works from the Dashboard and from the banner', async ({ app }) => {
    test.setTimeout(180_000);
    const { page } = app;
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Paper trading' }).click();
    await page.getByRole('radio', { name: /A candle file you import/ }).check();
    await page.getByLabel('Candle file (CSV or JSON)').setInputFiles(sharedDataPath(ETH_USDT_1H_CSV));
    await page.getByLabel('Market of this file (e.g. BTC/USDT)').fill('ETH/USDT');
    await page.getByRole('button', { name: 'Import file' }).click();
    await expect(page.getByRole('status').filter({ hasText: /ETH.*imported/ })).toBeVisible({ timeout: 60_000 });
    // Every other choice stays at its default.
    await page.getByRole('button', { name: 'Start paper bot' }).click();
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await expect(stopButton(page)).toBeVisible();

    // The first gap in the data trips safe mode; once it clears, the replay waits for the person.
    const question = page.getByRole('region', { name: 'Safe mode can be left now' });
    await expect(question).toBeVisible({ timeout: 60_000 });
    await expect(question).toContainText('only reduce');
    await expect(stopButton(page)).toBeVisible();
    await app.screenshot('first-run-02-safe-mode-question');
    // The question follows the person to other screens.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Risk limits' }).click();
    await expect(question).toBeVisible();
    await expect(stopButton(page)).toBeVisible();
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Dashboard' }).click();

    // Answered on the Dashboard: the replay continues.
    const waitingAt = await barsDone(page);
    await question.getByRole('button', { name: 'Leave safe mode and continue' }).click();
    // The replay moving on is the answer taking effect. The state itself may read "Safe mode"
    // again at once: on a loaded machine the next gap can arrive before the screen is read.
    await expect.poll(() => barsDone(page), { timeout: 30_000 }).toBeGreaterThan(waitingAt);
    await expect(page.getByRole('alert')).toHaveCount(0);

    // The next gap asks again; this time the banner's own button answers it.
    await expect(question).toBeVisible({ timeout: 90_000 });
    await expect(stopButton(page)).toBeVisible();
    const secondWaitAt = await barsDone(page);
    await page.getByRole('status', { name: 'Safe mode' }).getByRole('button', { name: 'Leave safe mode' }).click();
    await expect(question).toBeHidden();
    await expect.poll(() => barsDone(page), { timeout: 30_000 }).toBeGreaterThan(secondWaitAt);
    await expect(stopButton(page)).toBeVisible();
    await app.screenshot('first-run-03-continued');
    await stopButton(page).click();
    await expect(page.getByTestId('bot-phase')).toHaveText('Stopped');
  });
});
