import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type AppUnderTest } from '../fixtures.ts';

/** The key someone is about to give a service. It must show up nowhere after the check. */
const CANARY = {
  apiKey: 'FAKE-KEY-CANARY-svc-e2e-0000000000d00d',
  secret: 'FAKE-SECRET-CANARY-svc-e2e-71c3',
} as const;
const NEEDS_FAKE_EXCHANGE =
  'needs the local fake exchange: its URL can be given to the harness core, but not to the packaged app, which only talks to the real exchanges';

test.use({ fakeExchange: { credentials: { apiKey: CANARY.apiKey, secret: CANARY.secret } }, recordResponses: true });

async function openScreen(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Check a bot service' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check a bot service' })).toBeVisible();
}

async function checkKey(page: Page): Promise<void> {
  await page.getByLabel('API key', { exact: true }).fill(CANARY.apiKey);
  await page.getByLabel('Secret key', { exact: true }).fill(CANARY.secret);
  await page.getByRole('button', { name: 'Check this key' }).click();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The page (visible text, DOM, every field's value), every IPC answer and event, and every file the run wrote. */
async function expectNoCanaryAnywhere(app: AppUnderTest): Promise<void> {
  const { page } = app;
  await new Promise((resolve) => setTimeout(resolve, 300)); // pino writes the log file asynchronously
  const fields = await page.locator('input, textarea, select').evaluateAll((all) => all.map((field) => (field as HTMLInputElement).value));
  const sources: Record<string, string> = {
    'page text': await page.locator('body').innerText(),
    'page DOM': await page.content(),
    'form fields': fields.join('\n'),
    'IPC responses and events': JSON.stringify(app.harness!.responses),
    ...Object.fromEntries(filesUnder(app.dataDir).map((path) => [path, readFileSync(path, 'latin1')])),
  };
  expect(app.harness!.responses.length).toBeGreaterThan(3);
  expect(Object.keys(sources).some((path) => path.endsWith('ballast.log'))).toBe(true);
  for (const [where, text] of Object.entries(sources)) {
    for (const canary of Object.values(CANARY)) expect(text.includes(canary), `${canary} found in ${where}`).toBe(false);
    expect(/CANARY-svc-e2e/.test(text), `part of the canary found in ${where}`).toBe(false);
  }
}

test.describe('Check a bot service', () => {
  test('a key that can withdraw gets the red flag; a trade-only key restricted to addresses is described; the key is kept nowhere', async ({ app }) => {
    test.skip(app.fakeExchange === undefined, NEEDS_FAKE_EXCHANGE);
    const { page } = app;
    const fake = app.fakeExchange!;
    await openScreen(page);
    await expect(page.getByLabel('API key', { exact: true })).toHaveAttribute('type', 'password');
    await expect(page.getByLabel('Secret key', { exact: true })).toHaveAttribute('type', 'password');

    fake.account.setPermissions({ enableWithdrawals: true, ipRestrict: false });
    await checkKey(page);
    const result = page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'What the exchange says about this key' }) });
    await expect(result.getByRole('heading', { name: 'Red flags found' })).toBeVisible();
    await expect(result).toContainText('Red flag: this key can withdraw funds. Whoever holds it — the service, or anyone who steals it from the service — could send your money out of your exchange account. A trading service never needs this.');
    await expect(result).toContainText('This key works from any internet address.');
    // The fields empty themselves: the page does not hold the key after sending it.
    await expect(page.getByLabel('API key', { exact: true })).toHaveValue('');
    await expect(page.getByLabel('Secret key', { exact: true })).toHaveValue('');
    await result.scrollIntoViewIfNeeded();
    await app.screenshot('service-check-01-can-withdraw');

    // A new key made the way an honest service asks: trade only, restricted to addresses.
    fake.account.setPermissions({ enableWithdrawals: false, ipRestrict: true });
    await checkKey(page);
    await expect(result.getByRole('heading', { name: 'No red flags found' })).toBeVisible();
    await expect(result).toContainText('The exchange confirms this key cannot withdraw funds.');
    await expect(result).toContainText('This key only works from the internet addresses set for it on the exchange.');
    await expect(result).toContainText('This key can place trades.');
    await expect(result).toContainText('The exchange confirms this key cannot trade futures.');
    await expect(result).not.toContainText(/looks safe|is safe/i);

    // With the service's published address, Binance's answer (restricted, but not to which) cannot be compared.
    await page.getByLabel('The service’s server addresses, if it publishes them (optional, one per line)').fill('203.0.113.7');
    await checkKey(page);
    await expect(result.getByRole('heading', { name: 'Could not confirm' })).toBeVisible();
    await expect(result).toContainText('Not confirmed: whether this key is limited to the service’s addresses.');

    // A mistyped secret: nothing is confirmed, and it says so.
    await page.getByLabel('API key', { exact: true }).fill(CANARY.apiKey);
    await page.getByLabel('Secret key', { exact: true }).fill(`${CANARY.secret}-typo`);
    await page.getByRole('button', { name: 'Check this key' }).click();
    await expect(result).toContainText('The exchange did not accept this key, so nothing about it is confirmed.');
    await expect(result).toContainText('Not confirmed: whether this key can withdraw funds.');
    await expect(result.getByRole('heading', { name: 'Could not confirm' })).toBeVisible();

    await expectNoCanaryAnywhere(app);
    expect((await app.harness!.core.dispatch('listKeys', undefined))).toMatchObject({ ok: true, value: { keys: [] } });
  });

  test('the checklist explains each question and gives a verdict with reasons; advertising is marked and explained; the report is exported', async ({ app }) => {
    test.skip(app.fakeExchange === undefined, NEEDS_FAKE_EXCHANGE);
    const { page } = app;
    const fake = app.fakeExchange!;
    await openScreen(page);
    fake.account.setPermissions({ enableWithdrawals: true });
    await checkKey(page);
    await expect(page.getByRole('heading', { name: 'Red flags found' }).first()).toBeVisible();

    // The questionnaire: unanswered questions are not counted as fine.
    const verdict = page.getByRole('region', { name: 'What your answers say' });
    await expect(verdict.getByRole('heading', { name: 'Could not confirm' })).toBeVisible();
    await expect(verdict).toContainText('13 questions not answered yet.');
    const withdrawal = page.getByRole('group', { name: 'What do they say about the withdrawal permission of the key?' });
    await expect(withdrawal).toContainText('Why it matters: A key that can withdraw can send your money out of the exchange.');
    await page.getByLabel('Name of the service (optional, for the report)').fill('Moon Bot Pro');
    await withdrawal.getByRole('radio', { name: 'They ask for a key that can withdraw.' }).check();
    await page.getByRole('group', { name: 'Does the service ever hold your money, or ask you to send crypto to it?' })
      .getByRole('radio', { name: 'No. My money stays in my own exchange account; they only connect with an API key.' }).check();
    await expect(verdict.getByRole('heading', { name: 'Red flags found' })).toBeVisible();
    await expect(verdict).toContainText('Red flag: they asked for a key that can withdraw. A service never needs this.');
    await expect(verdict).toContainText('Your money stays in your own exchange account.');
    await expect(verdict).toContainText('11 questions not answered yet.');

    // The claim scanner.
    const advertising = 'Moon Bot Pro: guaranteed 2% daily, fully automatic. Only 3 spots left!';
    await page.getByLabel('Their advertising or website text').fill(advertising);
    await page.getByRole('button', { name: 'Find warning signs' }).click();
    const marked = page.getByRole('region', { name: 'Your text, with the warning signs marked' });
    // The text as pasted, each warning sign marked and numbered after it.
    await expect(marked).toHaveText('Moon Bot Pro: guaranteed1 2% daily2, fully automatic. Only 3 spots3 left!');
    await expect(marked.locator('mark')).toHaveText(['guaranteed', '2% daily', 'Only 3 spots']);
    const found = page.getByRole('list', { name: /warning signs? found/ });
    await expect(found).toContainText('“guaranteed” — This promises a sure result. Nobody can promise that in trading');
    // 2% a day reinvested: 1.02^365 ≈ 1377.4, so (1377.4 − 1) × 100 ≈ 137,641% a year.
    await expect(found).toContainText(/“2% daily” — This states a fixed return of about 2% a day\. .*at least 137,641% a year/);
    await expect(found).toContainText('“Only 3 spots” — This pushes you to decide fast.');
    await found.scrollIntoViewIfNeeded();
    await app.screenshot('service-check-02-claims');

    // A dated report, exported as a web page.
    await page.getByRole('button', { name: 'Save report' }).click();
    await expect(page.getByText(/^Report saved on /)).toBeVisible();
    const saved = page.getByRole('list').filter({ hasText: 'Moon Bot Pro —' });
    await expect(saved).toContainText('Red flags found');
    await expect(saved).toContainText('Includes: your answers, key check, advertising scan');
    const downloading = page.waitForEvent('download');
    await saved.getByRole('button', { name: 'Export as web page' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^ballast-service-check-\d{4}-\d\d-\d\d-moon-bot-pro\.html$/);
    const html = await readFile(await download.path(), 'utf8');
    expect(html).toContain('Service: Moon Bot Pro');
    expect(html).toContain('Red flag: this key can withdraw funds.');
    expect(html).toMatch(/<mark>guaranteed<\/mark>/i);
    await expect(page.getByText(`Saved to your downloads as ${download.suggestedFilename()}.`)).toBeVisible();

    await saved.scrollIntoViewIfNeeded();
    await app.screenshot('service-check-03-report');
    await expectNoCanaryAnywhere(app);

    // The long screen scrolls inside its own area at the smallest supported size: Kill stays on screen.
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.getByRole('main').evaluate((element) => { element.scrollTop = element.scrollHeight; });
    await expect(page.getByRole('button', { name: 'Kill', exact: true })).toBeInViewport({ ratio: 1 });
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });
});
