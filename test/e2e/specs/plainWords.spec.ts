import type { Locator, Page } from '@playwright/test';
import type { Harness } from '../harness/harness.ts';
import { expect, test, type AppUnderTest } from '../fixtures.ts';

/**
 * Every form in Ballast, driven with invalid input the way a person might type it. Whatever
 * comes back must be a sentence for a person: never the schema library's wording ("Too big:
 * expected number to be <=1"), never a regular expression, never a translation key.
 */

/** The schema library's own phrases (case matters: "too small to be sold" is English, "Too small:" is zod). */
const SCHEMA_WORDING = /expected (string|number|int|boolean|array|object)|Too (big|small)|Invalid (input|option|string|format|type)|\bregex\b|IANA|received (string|number|NaN|undefined)|<=|>=|\bNaN\b|ZodError|The request was not valid/;
/** A dotted catalogue key ("risk.units.count"), shown where its sentence was missing. */
const RAW_KEY = /(?<![\w/@.-])[a-z]+\.[a-z]+(?:\.[a-zA-Z_]+)+(?![\w/])/;

const HARNESS_ONLY = 'needs the harness to open a paper account for the forms that need one; the Electron run has no such access';

/** The offending words with some of the text around them, or null. */
function found(text: string, pattern: RegExp): string | null {
  const match = pattern.exec(text);
  return match === null ? null : `…${text.slice(Math.max(0, match.index - 60), match.index + match[0].length + 60)}…`;
}

async function expectPlainWords(page: Page, where: string): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText);
  expect(found(text, SCHEMA_WORDING), `schema wording on screen after ${where}`).toBeNull();
  expect(found(text, RAW_KEY), `a raw translation key on screen after ${where}`).toBeNull();
}

/** The alert a form shows, which must be a non-empty plain sentence. */
async function expectPlainAlert(page: Page, alert: Locator, where: string, says?: string | RegExp, timeoutMs?: number): Promise<void> {
  await expect(alert, where).toBeVisible(timeoutMs === undefined ? {} : { timeout: timeoutMs });
  const text = (await alert.innerText()).trim();
  expect(text.length, `an empty message after ${where}`).toBeGreaterThan(10);
  if (says !== undefined) await expect(alert, where).toContainText(says);
  await expectPlainWords(page, where);
}

const nav = (page: Page, screen: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: screen, exact: true }).click();
const limitRow = (page: Page, label: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: label, exact: true }) });

function requireHarness(app: AppUnderTest): Harness {
  if (!app.harness) throw new Error('harness mode without a harness');
  return app.harness;
}

async function stoppedPaperAccount(harness: Harness): Promise<void> {
  const started = await harness.core.dispatch('startPaperBot', {
    source: { kind: 'synthetic' }, symbol: 'DEMO/USDT', strategyId: 'trend-follower', barsPerSecond: 1_000_000, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true,
  });
  if (!started.ok) throw new Error(started.error.message);
  await harness.core.bot.whenIdle();
}

/** Opens a limit's editor (if closed), types, saves, and checks what comes back. */
async function typeLimit(page: Page, label: string, typed: string, says?: string | RegExp): Promise<void> {
  const row = limitRow(page, label);
  const change = row.getByRole('button', { name: `Change ${label}` });
  if (await change.isVisible()) await change.click();
  await row.getByRole('textbox').fill(typed);
  await row.getByRole('button', { name: 'Save' }).click();
  await expectPlainAlert(page, row.getByRole('alert'), `${label} = ${JSON.stringify(typed)}`, says);
}

test.describe('plain words in every form', () => {
  test('Risk limits: every kind of field, typed wrong, answers in the person’s words and units', async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await nav(page, 'Risk limits');
    await expect(page.getByRole('heading', { name: 'Risk limits', level: 1 })).toBeVisible();
    // Labels of every kind of field, including those without a unit (no "(risk.units.count)").
    await expectPlainWords(page, 'opening Risk limits');

    // Percent.
    await typeLimit(page, 'Daily loss limit', '250', 'Daily loss limit: this value is not allowed; the most allowed is 100%.');
    await typeLimit(page, 'Daily loss limit', '0', 'it must be above 0%');
    for (const typed of ['1e-9', '0x10', '-1', 'three', '3 percent']) await typeLimit(page, 'Daily loss limit', typed, 'Please type a number');
    await typeLimit(page, 'Daily loss limit', '0.0000001', 'at most 2 decimal places');
    await app.screenshot('plain-01-percent');
    await limitRow(page, 'Daily loss limit').getByRole('button', { name: 'Cancel' }).click();
    await expect(limitRow(page, 'Daily loss limit').getByTestId('limit-dailyLossFractionOfEquity-value')).toHaveText('3%');

    // Percent stored in basis points.
    await typeLimit(page, 'Widest spread for a market order', '50', 'the most allowed is 10%');
    // Count.
    await typeLimit(page, 'Positions open at once', '1.5', 'Please type a whole number');
    await typeLimit(page, 'Positions open at once', '1000', 'the most allowed is 100');
    await typeLimit(page, 'Positions open at once', '0', 'the least allowed is 1');
    // Money.
    await typeLimit(page, 'Positions ignored as dust below', '-5', 'Please type a number');
    await typeLimit(page, 'Positions ignored as dust below', '5 dollars', 'Please type a number');
    // Seconds.
    await typeLimit(page, 'Oldest prices an order may be based on', '400', 'the most allowed is 300 seconds');
    await typeLimit(page, 'Oldest prices an order may be based on', '1.0005', 'at most 3 decimal places');
    // Average bar ranges.
    await typeLimit(page, 'Assumed stop distance without a stop', '99', 'the most allowed is 50 times the average bar range');
    // The market list.
    await typeLimit(page, 'Markets new positions may be opened in', 'BTCUSDT', 'Type the market as two coin codes with a slash: BTC/USDT.');
    await typeLimit(page, 'Markets new positions may be opened in', 'anything at all', 'Type the market as two coin codes with a slash, like BTC/USDT.');
    await typeLimit(page, 'Markets new positions may be opened in', ' , ', 'Type at least one market');
    await app.screenshot('plain-02-markets');
    await expect(limitRow(page, 'Markets new positions may be opened in').getByTestId('limit-allowedSymbols-value')).toHaveText('BTC/USDT, ETH/USDT');
    // The time zone.
    await typeLimit(page, 'Time zone of the trading day', 'Mars/Olympus', '“Mars/Olympus” is not a time zone Ballast knows.');
    await typeLimit(page, 'Time zone of the trading day', '   ', 'Type a time zone');
    await app.screenshot('plain-03-time-zone');

    // A switch cannot be typed wrong; turning it on is stricter and is saved at once, in words.
    const limitOnly = limitRow(page, 'Limit orders only');
    await limitOnly.getByRole('button', { name: 'Change Limit orders only' }).click();
    await limitOnly.getByRole('checkbox').check();
    await limitOnly.getByRole('button', { name: 'Save' }).click();
    await expect(limitOnly.getByRole('status')).toContainText('Saved.');
    await expectPlainWords(page, 'switching Limit orders only on');
  });

  test('the typed confirmations: loosening a limit and re-arming after Kill', async ({ app }) => {
    const { page } = app;
    await nav(page, 'Risk limits');
    const row = limitRow(page, 'Largest single trade');
    await row.getByRole('button', { name: 'Change Largest single trade' }).click();
    await row.getByRole('textbox').fill('5');
    await row.getByRole('button', { name: 'Save' }).click();
    const loosen = page.getByRole('dialog', { name: 'Allow more risk?' });
    for (const typed of ['yes', 'allow more risk', 'x'.repeat(300)]) {
      await loosen.getByLabel('Type ALLOW MORE RISK to confirm').fill(typed);
      await loosen.getByRole('button', { name: 'Allow more risk' }).click();
      await expectPlainAlert(page, loosen.getByRole('alert'), `loosening confirmed with ${typed.slice(0, 20)}`, 'type ALLOW MORE RISK exactly');
    }
    await loosen.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Kill', exact: true }).click();
    await page.getByRole('dialog', { name: 'Kill the bot now?' }).getByRole('button', { name: 'Yes, kill now' }).click();
    await expect(page.getByTestId('trading-state')).toHaveText('Killed');
    await page.getByRole('button', { name: 'Re-arm…' }).click();
    const rearm = page.getByRole('dialog', { name: 'Re-arm after Kill' });
    for (const typed of ['yes', 'x'.repeat(300)]) {
      await rearm.getByRole('textbox').fill(typed);
      await rearm.getByRole('button', { name: 'Re-arm' }).click();
      await expectPlainAlert(page, rearm.getByRole('alert'), `re-arming with ${typed.slice(0, 20)}`);
    }
    await app.screenshot('plain-04-rearm-refused');
    await rearm.getByRole('button', { name: 'Cancel' }).click();
  });

  test('the manual paper order: sizes and prices typed wrong, and no old decision beside the new problem', async ({ app }) => {
    test.skip(app.host !== 'harness', HARNESS_ONLY);
    const { page } = app;
    await stoppedPaperAccount(requireHarness(app));
    await nav(page, 'Risk limits');
    const form = page.getByRole('region', { name: 'Try an order on the paper account' });
    const size = form.getByLabel('Size (% of the account)');
    const price = form.getByLabel(/^Limit price/);
    const submit = form.getByRole('button', { name: 'Check and place order' });

    await size.fill('0.5');
    await submit.click();
    await expect(form.getByRole('status')).toContainText('What the risk checks decided');

    for (const [sizeText, priceText, says] of [
      ['abc', '100', 'Type the size as a number above zero'],
      ['0', '100', 'Type the size as a number above zero'],
      ['1e3', '100', 'Type the size as a number above zero'],
      ['150', '100', 'A share of the account can be at most 100%.'],
      ['0.123', '100', 'at most 2 decimal places in the size'],
      ['1', '-1', 'Type the limit price as a number above zero'],
      ['1', '0x10', 'Type the limit price as a number above zero'],
      ['1', '0.000000001', 'at most 8 decimal places in the limit price'],
    ] as const) {
      await size.fill(sizeText);
      await price.fill(priceText);
      await submit.click();
      await expectPlainAlert(page, form.getByRole('alert'), `a manual order of ${sizeText} at ${priceText}`, says);
      // The decision shown before belongs to another order.
      await expect(form.getByRole('status')).toHaveCount(0);
    }
    await form.getByRole('radio', { name: 'Amount of coin' }).check();
    await form.getByLabel(/^Size \(amount of/).fill('0.000000001');
    await price.fill('100');
    await submit.click();
    await expectPlainAlert(page, form.getByRole('alert'), 'a coin amount with nine decimals', 'at most 8 decimal places in the size');
    await app.screenshot('plain-05-manual-order');
  });

  test('the key wizard’s paste form and the passphrase form', async ({ app }) => {
    const { page } = app;
    await nav(page, 'Keys & Exchanges');
    await expectPlainWords(page, 'opening Keys & Exchanges');

    // The passphrase is the only protection of saved keys on this computer (the harness has no keychain).
    await page.getByRole('button', { name: 'Set a passphrase…' }).click();
    const passphrase = page.getByLabel('New passphrase (at least 8 characters)');
    const repeated = page.getByLabel('Type the passphrase again');
    const encryption = page.getByRole('region', { name: 'How your keys are protected on this computer' });
    for (const [first, second, says] of [
      ['        ', '        ', 'only spaces protects nothing'],
      ['short', 'short', 'at least 8 characters'],
      ['abababab', 'abababab', 'repeats the same few characters'],
      ['12345678', '12345678', 'a run of letters, digits or neighbouring keys'],
      ['Password2024!', 'Password2024!', 'one of the most common passwords'],
      ['correct horse battery staple', 'correct horse battery stapel', 'The two passphrases are not the same.'],
    ] as const) {
      await passphrase.fill(first);
      await repeated.fill(second);
      await encryption.getByRole('button', { name: 'Set passphrase' }).click();
      await expectPlainAlert(page, encryption.getByRole('alert'), `the passphrase ${JSON.stringify(first)}`, says);
    }
    await app.screenshot('plain-06-weak-passphrase');
    await passphrase.fill('correct horse battery staple');
    await repeated.fill('correct horse battery staple');
    await encryption.getByRole('button', { name: 'Set passphrase' }).click();
    await expect(page.getByText('Your keys are protected by your passphrase.')).toBeVisible();

    await page.getByRole('button', { name: 'Add a key' }).click();
    await page.getByRole('radio', { name: 'Binance' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'I have created the key' }).click();
    const paste = page.getByRole('form', { name: 'Paste the key from Binance' });
    const label = paste.getByLabel('Name for this key (shown in Ballast)');
    const apiKey = paste.getByLabel('API key');
    const secret = paste.getByLabel('Secret key');
    const verify = paste.getByRole('button', { name: 'Verify this key' });
    for (const [name, key, secretText, says] of [
      ['   ', 'FAKE-KEY-1234567890', 'FAKE-SECRET-1234567890', 'Give the key a name of your own'],
      ['Main account', '    ', 'FAKE-SECRET-1234567890', 'Paste the API key from the exchange: the field is empty.'],
      ['Main account', 'FAKE-KEY-1234567890', '  ', 'Paste the Secret key from the exchange: the field is empty.'],
      ['Main account', 'F'.repeat(600), 'FAKE-SECRET-1234567890', 'longer than any key'],
    ] as const) {
      await label.fill(name);
      await apiKey.fill(key);
      await secret.fill(secretText);
      await verify.click();
      await expectPlainAlert(page, paste.getByRole('alert'), `pasting ${JSON.stringify([name, key.slice(0, 12), secretText.slice(0, 12)])}`, says);
    }
    await app.screenshot('plain-07-paste-form');
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  });

  test('the Activity filters: dates before 1970 and a reversed range are said in words, with no stale entries', async ({ app }) => {
    test.skip(app.host !== 'harness', HARNESS_ONLY);
    test.setTimeout(90_000);
    const { page } = app;
    await stoppedPaperAccount(requireHarness(app));
    await nav(page, 'Activity');
    const table = page.getByRole('table', { name: 'Journal entries' });
    await expect(table.getByRole('row').nth(5)).toBeVisible();
    const filters = page.getByRole('search', { name: 'Filter the entries' });
    const from = filters.getByLabel('From');
    const until = filters.getByLabel('Until');

    await from.fill('1960-01-01T00:00');
    await expectPlainAlert(page, filters.getByRole('alert'), 'a From date in 1960', 'Ballast has no entries from before then');
    await expect(table).toBeHidden();
    await expect(page.getByText('No entries are shown until the time range above can be used.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await expect(table.getByRole('row').nth(5)).toBeVisible();

    await from.fill('2030-01-01T00:00');
    await until.fill('2020-01-01T00:00');
    await expectPlainAlert(page, filters.getByRole('alert'), 'a reversed range', 'The start of the time range must be before its end.');
    await expect(table).toBeHidden();
    await app.screenshot('plain-08-activity-reversed-range');
    await until.fill('1969-06-01T00:00');
    await expectPlainAlert(page, filters.getByRole('alert'), 'an Until date in 1969', 'Choose an “Until” date in 1970 or later');
    await filters.getByRole('button', { name: 'Clear filters' }).click();

    // Words from the table find their entries; odd characters are searched as they are.
    const search = filters.getByLabel('Search the entries');
    await search.fill('bought');
    await search.press('Enter');
    await expect(table.getByRole('row').nth(1)).toContainText('bought');
    for (const odd of ['%', '_', '\\', '"', '(risk.units.count)']) {
      await search.fill(odd);
      await search.press('Enter');
      await expectPlainWords(page, `searching for ${odd}`);
    }
    // Nothing matches: nothing is saved.
    await search.fill('no entry says this');
    await search.press('Enter');
    await expect(page.getByText('No entries match these filters.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  });

  test('the Paper trading screen’s starting money, live-price market and import market', async ({ app }) => {
    // The screen checks its own fields first, in words; the schema's wording never shows.
    const { page } = app;
    await nav(page, 'Paper trading');
    const form = page.getByRole('form', { name: 'Start a paper bot' });
    const money = form.getByLabel(/^Pretend starting money/);
    for (const typed of ['1e12', '0', '-5', 'ten']) {
      await money.fill(typed);
      await form.getByRole('button', { name: 'Start paper bot' }).click();
      await expectPlainAlert(page, form.getByRole('alert'), `starting money ${typed}`, /Pretend starting money must be a number from 10 to/);
    }
    await money.fill('10000');

    await form.getByRole('radio', { name: /Live prices from an exchange/ }).check();
    await form.getByLabel('Market (e.g. BTC/USDT)').fill('BTCUSDT');
    await form.getByRole('button', { name: 'Start paper bot' }).click();
    await expectPlainAlert(page, form.getByRole('alert'), 'a live-price market typed as BTCUSDT', /two coin codes with a slash/);

    await form.getByRole('radio', { name: /A candle file you import/ }).check();
    await form.getByLabel('Candle file (CSV or JSON)').setInputFiles({
      name: 'two-bars.csv', mimeType: 'text/csv', buffer: Buffer.from('timestamp,open,high,low,close,volume\n1700000000000,1,2,0.5,1.5,10\n1700003600000,1.5,2,1,1.2,12\n'),
    });
    await form.getByLabel('Market of this file (e.g. BTC/USDT)').fill('BTCUSDT');
    await form.getByRole('button', { name: 'Import file' }).click();
    await expectPlainAlert(page, form.getByRole('alert'), 'an import for the market BTCUSDT', /two coin codes with a slash/);
    await app.screenshot('plain-09-paper-fields');
  });

  test('the Backtest screen: settings, costs and windows typed wrong, and settings the strategy cannot run', async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await nav(page, 'Backtest');
    const form = page.getByRole('form', { name: 'Backtest' });
    await expectPlainWords(page, 'opening Backtest');
    // A refusal from the engine comes back from the backtest worker, which a loaded machine starts slowly.
    const run = async (where: string, says: string | RegExp): Promise<void> => {
      await form.getByRole('button', { name: 'Run backtest' }).click();
      await expectPlainAlert(page, page.getByRole('alert').filter({ hasText: says }), where, says, 30_000);
    };
    await form.getByLabel('Starting cash (quote currency)').fill('ten thousand');
    await run('cash typed in words', 'Starting cash (quote currency) must be a number.');
    await form.getByLabel('Starting cash (quote currency)').fill('-5');
    await run('negative cash', 'Starting cash (quote currency) must be above 0.');
    await form.getByLabel('Starting cash (quote currency)').fill('10000');
    await form.getByLabel('Trading fee per fill (%)').fill('15');
    await run('a 15 % fee', 'Trading fee per fill (%) must be from 0 to 9.99.');
    await form.getByLabel('Trading fee per fill (%)').fill('0.1');
    await form.getByLabel(/^fast \(/).fill('2.5');
    await run('a fractional number of bars', 'fast must be a whole number of bars.');
    // Settings the form cannot judge go to the engine, which refuses them in words.
    await form.getByLabel(/^fast \(/).fill('30');
    await form.getByLabel(/^slow \(/).fill('10');
    await run('fast slower than slow', 'Nothing was tested: these sma-cross settings do not fit together: fast must be fewer bars than slow.');
    await form.getByLabel(/^fast \(/).fill('10');
    await form.getByLabel(/^slow \(/).fill('30');
    await form.getByRole('radio', { name: /Try many settings/ }).check();
    await form.getByLabel('Values to try for fast').fill('5, ten');
    await run('a value to try typed in words', 'Values to try for fast: write numbers separated by commas, such as 5, 10, 20.');
    await form.getByRole('radio', { name: /Walk-forward test/ }).check();
    await form.getByLabel('Values to try for fast').fill('');
    await form.getByLabel('Training window (bars)').fill('100000');
    await run('a training window longer than the data', /Nothing was tested: the training window \(100000 bars\) is at least as long as the whole file/);
    await app.screenshot('plain-10-backtest');
  });
});
