import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures.ts';

/** The element that has the keyboard focus, by its accessible text, and whether it is inside the open dialog. */
const focused = (page: Page) => page.evaluate(() => {
  const active = document.activeElement;
  return { text: (active?.textContent ?? '').trim(), insideDialog: (active?.closest('dialog[open]') ?? null) !== null };
});

async function kill(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Kill', exact: true }).click();
  await page.getByRole('dialog', { name: 'Kill the bot now?' }).getByRole('button', { name: 'Yes, kill now' }).click();
  await expect(page.getByTestId('trading-state')).toHaveText('Killed');
}

test.describe('dialogs', () => {
  test('Tab and Shift+Tab go round inside an open dialog and never reach the window behind it', async ({ app }) => {
    const { page } = app;
    await page.keyboard.press('Control+Shift+K');
    const dialog = page.getByRole('dialog', { name: 'Kill the bot now?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    for (let press = 0; press < 5; press += 1) {
      await page.keyboard.press('Tab');
      expect((await focused(page)).insideDialog, `after Tab ${press + 1}`).toBe(true);
    }
    for (let press = 0; press < 5; press += 1) {
      await page.keyboard.press('Shift+Tab');
      expect((await focused(page)).insideDialog, `after Shift+Tab ${press + 1}`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('trading-state')).toHaveText('Active');
  });

  test('Ctrl+Shift+K does nothing once the bot is killed, and never stacks over the re-arm dialog', async ({ app }) => {
    const { page } = app;
    await kill(page);
    await page.keyboard.press('Control+Shift+K');
    await expect(page.getByRole('dialog', { name: 'Kill the bot now?' })).toBeHidden();

    await page.getByRole('button', { name: 'Re-arm…' }).click();
    const rearm = page.getByRole('dialog', { name: 'Re-arm after Kill' });
    await expect(rearm).toBeVisible();
    await page.keyboard.press('Control+Shift+K');
    await expect(page.getByRole('dialog', { name: 'Kill the bot now?' })).toBeHidden();
    await expect(rearm.getByRole('textbox')).toBeFocused();
    await app.screenshot('dialogs-01-rearm-not-stacked');
  });
});
