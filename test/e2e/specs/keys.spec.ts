import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type AppUnderTest } from '../fixtures.ts';

/** Recognisable fake credentials. The secret must show up nowhere: page, IPC, log, files. */
const CANARY = {
  apiKey: 'FAKE-KEY-CANARY-e2e-000000000000a1b2',
  secret: 'FAKE-SECRET-CANARY-e2e-5d1f9c',
  passphrase: 'FAKE-PASSPHRASE-CANARY-e2e',
} as const;
const MASKED = 'FAKE…a1b2';
/** The key that replaces CANARY's in the rotation test; as recognisable, and scanned for the same way. */
const ROTATED = { apiKey: 'FAKE-KEY-CANARY-e2e-rotated-0000c3d4', secret: 'FAKE-SECRET-CANARY-e2e-rotated-8e2a' } as const;
const LIVE_PHRASE = 'I understand Ballast will trade with real money';
const NEEDS_FAKE_EXCHANGE =
  'needs the local fake exchange: its URL can be given to the harness core, but not to the packaged app, which only talks to the real exchanges';

test.use({ fakeExchange: { credentials: { apiKey: CANARY.apiKey, secret: CANARY.secret }, permissionWatchIntervalMs: 400 }, recordResponses: true });

/** Every text a screenshot step showed: visible text, the DOM, and the value of every field. */
const pageTexts: string[] = [];
test.beforeEach(() => { pageTexts.length = 0; });

async function shoot(app: AppUnderTest, name: string, focus?: ReturnType<Page['locator']>): Promise<void> {
  if (focus) await focus.scrollIntoViewIfNeeded();
  await app.screenshot(name);
  const { page } = app;
  pageTexts.push(await page.locator('body').innerText(), await page.content());
  pageTexts.push(...await page.locator('input, textarea, select').evaluateAll((fields) => fields.map((field) => (field as HTMLInputElement).value)));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Page texts, every IPC result and event the page got, the log and every file the run wrote. */
async function expectNoCanaryAnywhere(app: AppUnderTest, keysSaved = true): Promise<void> {
  const harness = app.harness!;
  await new Promise((resolve) => setTimeout(resolve, 300)); // pino writes the log file asynchronously
  const sources: Record<string, string> = {
    'page text': pageTexts.join('\n'),
    'IPC responses and events': JSON.stringify(harness.responses),
    ...Object.fromEntries(filesUnder(app.dataDir).map((path) => [path, readFileSync(path, 'utf8')])),
  };
  expect(harness.responses.length).toBeGreaterThan(5);
  expect(Object.keys(sources)).toContain(harness.keyStoreFile);
  if (keysSaved) expect(sources[harness.keyStoreFile]).toContain('ciphertextBase64');
  for (const [where, text] of Object.entries(sources)) {
    for (const canary of Object.values(CANARY)) expect(text.includes(canary), `${canary} found in ${where}`).toBe(false);
    expect(/CANARY-e2e/.test(text), `part of a canary found in ${where}`).toBe(false);
  }
}

async function openKeysScreen(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Keys & Exchanges' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Keys & Exchanges' })).toBeVisible();
}

async function pasteBinanceKey(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: 'Add a key' }).click();
  await page.getByRole('radio', { name: 'Binance' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'I have created the key' }).click();
  await page.getByLabel('Name for this key (shown in Ballast)').fill(label);
  await page.getByLabel('API key').fill(CANARY.apiKey);
  await page.getByLabel('Secret key').fill(CANARY.secret);
  await page.getByRole('button', { name: 'Verify this key' }).click();
}

/** Through the wizard, on the harness's basic_text storage: a live key needs the passphrase first. */
async function addSafeKey(page: Page, label: string): Promise<void> {
  await pasteBinanceKey(page, label);
  await expect(page.getByRole('heading', { name: 'This key cannot withdraw funds' })).toBeVisible();
  await page.getByLabel('New passphrase (at least 8 characters)').fill(CANARY.passphrase);
  await page.getByLabel('Type the passphrase again').fill(CANARY.passphrase);
  await page.getByRole('button', { name: 'Set passphrase' }).click();
  await page.getByRole('button', { name: 'Save key' }).click();
  await expect(page.getByText(`Saved. “${label}” is in your list of keys.`)).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
}

test.describe('Keys & Exchanges', () => {
  test('the wizard gives short steps per exchange, links to the exchange’s own help, and asks for the key in password fields', async ({ app }) => {
    const { page } = app;
    await openKeysScreen(page);
    await expect(page.getByRole('heading', { name: 'How your keys are protected on this computer' })).toBeVisible();
    await shoot(app, 'keys-01-screen');

    await page.getByRole('button', { name: 'Add a key' }).click();
    await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled();
    await page.getByRole('radio', { name: 'OKX' }).check();
    await shoot(app, 'keys-02-choose-exchange');
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByRole('heading', { name: 'Create a key on OKX' })).toBeVisible();
    await expect(page.getByText('Leave Withdraw unticked.')).toBeVisible();
    await expect(page.getByText('Withdrawals off.', { exact: false })).toBeVisible();
    const help = page.getByRole('link', { name: 'Open OKX’s own guide in your browser' });
    await expect(help).toHaveAttribute('href', /^https:\/\/www\.okx\.com\//);
    await expect(help).toHaveAttribute('target', '_blank');
    await shoot(app, 'keys-03-guide', page.getByRole('button', { name: 'I have created the key' }));
    await page.getByRole('button', { name: 'I have created the key' }).click();

    await expect(page.getByLabel('API key')).toHaveAttribute('type', 'password');
    await expect(page.getByLabel('Secret key')).toHaveAttribute('type', 'password');
    await expect(page.getByLabel('Passphrase you chose on the exchange')).toHaveAttribute('type', 'password');
    await shoot(app, 'keys-04-paste', page.getByRole('button', { name: 'Verify this key' }));
    await page.getByRole('button', { name: 'Cancel' }).first().click();
    await expect(page.getByRole('button', { name: 'Add a key' })).toBeVisible();
  });

  test('a key that can withdraw is refused in plain words; with withdrawals off it is accepted and listed masked', async ({ app }) => {
    test.skip(app.fakeExchange === undefined, NEEDS_FAKE_EXCHANGE);
    const { page } = app;
    const fake = app.fakeExchange!;
    fake.account.setPermissions({ enableWithdrawals: true });
    await openKeysScreen(page);
    await expect(page.getByText('This computer has no keychain that Ballast can use')).toBeVisible();

    await pasteBinanceKey(page, 'Main account');
    const result = page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'Ballast will not use this key' }) });
    await expect(result).toContainText('This key can withdraw funds. Ballast will not use it. Turn off withdrawals on the exchange, then verify again.');
    await expect(page.getByRole('button', { name: 'Save key' })).toHaveCount(0);
    await shoot(app, 'keys-05-refused-can-withdraw', page.getByRole('heading', { name: 'Add a key' }));

    // The person switches withdrawals off on the exchange and verifies again, without pasting.
    fake.account.setPermissions({ enableWithdrawals: false });
    await page.getByRole('button', { name: 'Verify again' }).click();
    await expect(page.getByRole('heading', { name: 'This key cannot withdraw funds' })).toBeVisible();
    await expect(page.getByText('The exchange reports that this key only works from the IP addresses you listed.')).toBeVisible();
    await expect(page.getByText('This computer offers no real encryption for saved keys.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save key' })).toBeDisabled();
    await shoot(app, 'keys-06-safe', page.getByRole('heading', { name: 'Add a key' }));
    await shoot(app, 'keys-07-needs-passphrase', page.getByRole('button', { name: 'Save key' }));

    await page.getByLabel('New passphrase (at least 8 characters)').fill(CANARY.passphrase);
    await page.getByLabel('Type the passphrase again').fill(CANARY.passphrase);
    await page.getByRole('button', { name: 'Set passphrase' }).click();
    await expect(page.getByText('Your keys are protected by your passphrase.')).toBeVisible();
    await page.getByRole('button', { name: 'Save key' }).click();
    await expect(page.getByText('Saved. “Main account” is in your list of keys.')).toBeVisible();
    await page.getByRole('button', { name: 'Done' }).click();

    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Main account' }) });
    await expect(card).toContainText(`Key ${MASKED}`);
    await expect(card).toContainText('Cannot withdraw funds');
    await expect(card).toContainText('Restricted to your IP address');
    await shoot(app, 'keys-08-listed', card);
    await expectNoCanaryAnywhere(app);
  });

  test('Start live trading is refused until every checklist item holds; withdrawals appearing while live kill the bot', async ({ app }) => {
    test.skip(app.fakeExchange === undefined, NEEDS_FAKE_EXCHANGE);
    const { page } = app;
    const harness = app.harness!;
    const fake = app.fakeExchange!;
    await openKeysScreen(page);
    await addSafeKey(page, 'Live key');

    await page.getByRole('button', { name: 'Start live trading…' }).click();
    const gate = page.getByRole('dialog', { name: 'Start live trading' });
    const failing = gate.locator('li[data-status="fail"], li[data-status="unknown"]');
    await expect(failing).toHaveCount(3);
    await gate.getByRole('button', { name: 'Start live trading' }).click();
    await expect(gate.getByRole('alert')).toHaveText('Live trading did not start: 3 items need attention.');
    await expect(failing.filter({ hasText: 'Risk limits are set' })).toContainText('Risk limits are not fully set.');
    await expect(failing.filter({ hasText: 'Your typed confirmation' })).toContainText('You have not typed the confirmation yet.');
    await expect(failing.filter({ hasText: 'Paper trading record' })).toContainText('has no paper trading record on live prices yet.');
    await expect(gate.locator('li[data-status="pass"]').filter({ hasText: 'The key cannot withdraw funds' })).toHaveCount(1);
    await expect(page.getByTestId('mode-badge')).toHaveText('PAPER');
    await shoot(app, 'keys-09-gate-refused', gate.getByRole('button', { name: 'Start live trading' }));

    // Risk limits and a paper record arrive from other screens; the typed confirmation is still missing.
    harness.liveReadiness.set({ riskLimitsConfigured: true, strategyId: 'trend-follower', paper: { paperDays: 9, paperTrades: 24 } });
    await gate.getByRole('button', { name: 'Check again' }).click();
    await expect(failing).toHaveCount(1);
    await gate.getByRole('button', { name: 'Start live trading' }).click();
    await expect(gate.getByRole('alert')).toHaveText('Live trading did not start: 1 item needs attention.');
    await expect(failing).toContainText('Type exactly: I understand Ballast will trade with real money');

    await gate.getByLabel(`Type “${LIVE_PHRASE}” to confirm`).fill(LIVE_PHRASE);
    await gate.getByRole('button', { name: 'Check again' }).click();
    await expect(failing).toHaveCount(0);
    await shoot(app, 'keys-10-gate-all-pass', gate.getByRole('button', { name: 'Start live trading' }));
    await gate.getByRole('button', { name: 'Start live trading' }).click();
    await expect(gate).toBeHidden();
    await expect(page.getByTestId('mode-badge')).toHaveText('LIVE');
    await expect(page.getByText('Live trading is on with “Live key” (Binance).')).toBeVisible();
    await shoot(app, 'keys-11-live', page.getByRole('button', { name: 'Stop live trading' }));

    // Someone turns withdrawals on for the key on the exchange's website.
    fake.account.setPermissions({ enableWithdrawals: true });
    await expect(page.getByTestId('trading-state')).toHaveText('Killed', { timeout: 15_000 });
    await expect(page.getByRole('status', { name: 'Stopped by Kill' })).toContainText('your live key can withdraw funds');
    await expect(page.getByTestId('mode-badge')).toHaveText('PAPER');
    await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Live key' }) }))
      .toContainText('Can withdraw funds — Ballast will not use it');
    await shoot(app, 'keys-12-killed');
    expect(harness.core.tradingState.snapshot().cause.code).toBe('KEY_CAN_WITHDRAW');
    await expectNoCanaryAnywhere(app);
  });

  test('a key is rotated: the new key is added and verified, the old one is kept until Binance refuses it, then the new one is deleted after one confirmation', async ({ app }) => {
    test.skip(app.fakeExchange === undefined, NEEDS_FAKE_EXCHANGE);
    const fake = app.fakeExchange!;
    const { page } = app;
    await openKeysScreen(page);
    await addSafeKey(page, 'Old key');
    const oldCard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Old key', exact: true }) });

    await oldCard.getByRole('button', { name: 'Replace…' }).click();
    const rotation = page.getByRole('region', { name: 'Replace the key “Old key”' });
    await expect(rotation.getByRole('list', { name: 'Steps' }).first()).toContainText('Add the new key');
    await expect(rotation).toContainText('Ballast keeps the old key until Binance refuses it');
    await rotation.getByRole('button', { name: 'I have created the key' }).click();
    await expect(rotation.getByLabel('Name for this key (shown in Ballast)')).toHaveValue('Old key (new)');
    // On Binance the person made a new key and deleted the old one: the fake now accepts only the new one.
    fake.account.replaceCredentials(ROTATED);
    await rotation.getByLabel('API key').fill(ROTATED.apiKey);
    await rotation.getByLabel('Secret key').fill(ROTATED.secret);
    await rotation.getByRole('button', { name: 'Verify this key' }).click();
    await expect(rotation.getByRole('heading', { name: 'This key cannot withdraw funds' })).toBeVisible();
    await rotation.getByRole('button', { name: 'Save key' }).click();

    // Live trading does not use the old key: straight to deleting it on the exchange.
    await expect(rotation.getByRole('heading', { name: 'Delete the old key on Binance' })).toBeVisible();
    await expect(rotation).toContainText(`find the key ${MASKED} and delete it`);
    await shoot(app, 'keys-13-rotation-delete-on-exchange', rotation);
    await rotation.getByRole('button', { name: 'I have deleted it on the exchange' }).click();

    // Not deleted yet after all: Binance still answers the old key, which Ballast keeps and says so.
    fake.account.replaceCredentials({ apiKey: CANARY.apiKey, secret: CANARY.secret });
    await rotation.getByRole('button', { name: 'Check the old key' }).click();
    await expect(rotation.getByRole('status')).toContainText('Binance still accepts the old key');
    await expect(page.getByRole('heading', { name: 'Old key', exact: true })).toHaveCount(1);
    await shoot(app, 'keys-14-rotation-old-key-still-works', rotation);

    fake.account.replaceCredentials(ROTATED);
    await rotation.getByRole('button', { name: 'Check again' }).click();
    await expect(rotation.getByRole('status')).toHaveText('Binance refuses the old key, as it refuses a deleted one: it no longer works. Ballast deleted its copy.');
    await expect(page.getByRole('heading', { name: 'Old key', exact: true })).toHaveCount(0);
    await shoot(app, 'keys-15-rotation-done', rotation);
    await rotation.getByRole('button', { name: 'Done' }).click();

    const freshCard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Old key (new)' }) });
    await expect(freshCard).toContainText('Cannot withdraw funds');
    await freshCard.getByRole('button', { name: 'Delete…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete the key “Old key (new)”?' });
    await expect(confirm).toContainText('The key still exists on Binance');
    await shoot(app, 'keys-16-delete-confirmation');
    await confirm.getByRole('button', { name: 'Delete key' }).click();
    await expect(page.getByText('No keys yet.')).toBeVisible();
    expect(JSON.parse(readFileSync(app.harness!.keyStoreFile, 'utf8'))).toEqual({ formatVersion: 1, records: {} });
    await expectNoCanaryAnywhere(app, false);
  });
});
