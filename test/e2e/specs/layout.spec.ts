import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures.ts';

/**
 * Kill must be on screen wherever the person is. The frame keeps the window itself still: only
 * the content area scrolls, so the bar with Pause and Kill cannot scroll away, at every size
 * Ballast supports and on every screen of the navigation, however long the screen is.
 */

const SIZES = [
  { width: 1024, height: 640 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

const SCREENS = ['Dashboard', 'Paper trading', 'Backtest', 'Keys & Exchanges', 'Risk limits', 'Activity', 'Monitoring', 'Alerts', 'Check a bot service', 'AI'] as const;

/** Scrolls the content area to its end, as a person would with the mouse wheel, then as far as script can. */
async function scrollContentToBottom(page: Page): Promise<void> {
  const content = page.getByRole('main');
  await content.hover();
  for (let turn = 0; turn < 8; turn += 1) await page.mouse.wheel(0, 2_000);
  await content.evaluate((element) => { element.scrollTop = element.scrollHeight; });
  // A wheel at the end of the content would scroll the document next, if the document could scroll.
  await page.mouse.wheel(0, 2_000);
}

async function expectFrameStill(page: Page, where: string): Promise<void> {
  const kill = page.getByRole('button', { name: 'Kill', exact: true });
  await expect(kill, `Kill is fully on screen: ${where}`).toBeInViewport({ ratio: 1 });
  const documentScroll = await page.evaluate(() => ({
    scrollY: window.scrollY,
    scrollX: window.scrollX,
    scrollHeight: document.scrollingElement?.scrollHeight ?? Number.POSITIVE_INFINITY,
    scrollWidth: document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY,
    innerHeight: window.innerHeight,
    innerWidth: window.innerWidth,
  }));
  expect(documentScroll.scrollY, `the window did not scroll: ${where}`).toBe(0);
  expect(documentScroll.scrollX, `the window did not scroll sideways: ${where}`).toBe(0);
  expect(documentScroll.scrollHeight, `the document is no taller than the window: ${where}`).toBeLessThanOrEqual(documentScroll.innerHeight);
  expect(documentScroll.scrollWidth, `the document is no wider than the window: ${where}`).toBeLessThanOrEqual(documentScroll.innerWidth);
}

test.describe('the frame at every supported size', () => {
  test('Kill stays on screen and the window never scrolls, on every screen, with long content', async ({ app }) => {
    test.skip(app.host !== 'harness', 'needs the harness to fill the journal and the dashboard with a paper run; the Electron window has one size');
    test.setTimeout(180_000);
    const { page, harness } = app;
    if (!harness) throw new Error('harness mode without a harness');

    // A paper run on the generated market at top speed: the Activity journal and the Dashboard get many rows.
    const started = await harness.core.dispatch('startPaperBot', {
      source: { kind: 'synthetic' }, symbol: 'DEMO/USDT', strategyId: 'trend-follower', barsPerSecond: 100_000, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true,
    });
    expect(started.ok).toBe(true);
    await harness.core.bot.whenIdle();

    const nav = page.getByRole('navigation', { name: 'Screens' });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const screen of SCREENS) {
        await nav.getByRole('button', { name: screen, exact: true }).click();
        await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
        if (screen === 'Activity') await expect(page.getByRole('table', { name: 'Journal entries' }).getByRole('row').nth(20)).toBeVisible();
        if (screen === 'Risk limits') await expect(page.getByRole('list', { name: 'Order checks' })).toBeVisible();
        await scrollContentToBottom(page);
        await expectFrameStill(page, `${screen} at ${size.width}×${size.height}`);
        if (size.width === 1024) await app.screenshot(`layout-${size.width}x${size.height}-${screen.toLowerCase().replace(/[^a-z]+/g, '-')}`);
      }
    }
  });

  test('after Kill, the killed banner and Re-arm fit above the content at the smallest size', async ({ app }) => {
    test.skip(app.host !== 'harness', 'needs the harness to fill the journal with a paper run');
    test.setTimeout(120_000);
    const { page, harness } = app;
    if (!harness) throw new Error('harness mode without a harness');
    const started = await harness.core.dispatch('startPaperBot', {
      source: { kind: 'synthetic' }, symbol: 'DEMO/USDT', strategyId: 'trend-follower', barsPerSecond: 100_000, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true,
    });
    expect(started.ok).toBe(true);
    await harness.core.bot.whenIdle();
    await page.setViewportSize(SIZES[0]);
    await page.getByRole('button', { name: 'Kill', exact: true }).click();
    await page.getByRole('dialog', { name: 'Kill the bot now?' }).getByRole('button', { name: 'Yes, kill now' }).click();
    await expect(page.getByTestId('trading-state')).toHaveText('Killed');

    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Activity', exact: true }).click();
    await expect(page.getByRole('table', { name: 'Journal entries' }).getByRole('row').nth(20)).toBeVisible();
    await scrollContentToBottom(page);
    await expectFrameStill(page, 'Activity after Kill at 1024×640');
    await expect(page.getByRole('button', { name: 'Re-arm…' })).toBeInViewport({ ratio: 1 });
    await app.screenshot('layout-1024x640-killed-activity');
  });
});
