import { readFileSync } from 'node:fs';
import { expect, test } from '../fixtures.ts';
import { answerFollowingBrief, startFakeLlm } from '../../fake-llm/index.ts';

/** An obviously fake provider key: it must never reach the page, a journal or the log. */
const CANARY_KEY = 'sk-CANARY-e2e-llm-key-9f8e7d6c5b4a';

test.use({ recordResponses: true });

test.describe('the AI screen', () => {
  test('train on the demo market, read an honest card, let the model filter paper entries, then an LLM second opinion vetoes', async ({ app }) => {
    test.skip(app.host !== 'harness', 'starts the paper bot and a local fake LLM server through the harness; the Electron run has neither');
    test.setTimeout(240_000);
    const { page, harness } = app;
    if (!harness) throw new Error('harness mode without a harness');
    const nav = page.getByRole('navigation', { name: 'Screens' });

    await nav.getByRole('button', { name: 'AI', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'AI' })).toBeVisible();
    await expect(page.getByText('A language model cannot be backtested honestly')).toBeVisible();
    await page.getByRole('button', { name: 'Train model' }).click();
    await expect(page.getByText(/Training finished/)).toBeVisible({ timeout: 90_000 });

    // Generated prices have no pattern: the card must say plainly that there is no reliable edge.
    const candidate = page.getByRole('region', { name: 'Newly trained model (candidate)' });
    await expect(candidate.getByText('No reliable edge: paper trading only.')).toBeVisible();
    await expect(candidate.getByText(/Not measured yet/).first()).toBeVisible();
    await expect(candidate.getByRole('img', { name: /Reliability chart/ })).toBeVisible();
    await expect(candidate.getByRole('table', { name: 'Out-of-sample scores' }).getByRole('row', { name: /Rising market/ })).toBeVisible();
    await candidate.scrollIntoViewIfNeeded();
    await app.screenshot('ai-01-card');
    await candidate.getByRole('img', { name: /Reliability chart/ }).scrollIntoViewIfNeeded();
    await app.screenshot('ai-01b-card-scores');

    await page.getByRole('button', { name: 'Use this model' }).click();
    await expect(page.getByRole('region', { name: 'Your current model' })).toBeVisible();
    // The box follows main's answer, so it turns on a moment after the click.
    await page.getByRole('checkbox', { name: /Let the model skip or shrink/ }).click();
    await expect(page.getByRole('checkbox', { name: /Let the model skip or shrink/ })).toBeChecked();
    await expect(page.getByText(/the live checklist will refuse it/)).toBeVisible();
    expect(await harness.core.liveReadiness.aiModelInUse?.()).toMatchObject({ present: true, usableLive: false });

    // Paper trading with the model as a filter: probabilities and reasons in the decision feed.
    const started = await harness.core.dispatch('startPaperBot', {
      source: { kind: 'synthetic' }, symbol: 'DEMO/USDT', strategyId: 'trend-follower', barsPerSecond: 100_000, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true,
    });
    expect(started.ok).toBe(true);
    await harness.core.bot.whenIdle();
    await nav.getByRole('button', { name: 'Dashboard', exact: true }).click();
    const decisions = page.getByRole('list', { name: 'Decisions' });
    await expect(decisions.getByText(/Model: \d+(\.\d)?% chance this entry makes a profit after costs/).first()).toBeVisible({ timeout: 30_000 });
    await expect(decisions.getByRole('list', { name: 'Why the model leans this way' }).first()).toBeVisible();
    await decisions.getByTestId('model-review').first().evaluate((element) => { element.scrollIntoView({ block: 'center' }); }); // the feed grows while it runs, so it is never stable
    await app.screenshot('ai-02-feed-model');

    // An LLM provider on this computer (the fake), with a key that must never come back.
    const fake = await startFakeLlm({ models: ['fake-model'], fallback: answerFollowingBrief('bearish') });
    try {
      await nav.getByRole('button', { name: 'AI', exact: true }).click();
      await page.getByLabel('Provider').selectOption({ label: 'llama.cpp server (on this computer)' });
      await page.getByLabel('Server address (base URL)').fill(fake.baseUrl);
      await page.getByLabel('Model name').fill('fake-model');
      await page.getByLabel('API key (only for hosted services)').fill(CANARY_KEY);
      await page.getByRole('button', { name: 'Save provider' }).click();
      await expect(page.getByLabel('API key (only for hosted services)')).toHaveValue('');
      await expect(page.getByLabel('API key (only for hosted services)')).toHaveAttribute('placeholder', /A key is stored/);
      await page.getByRole('button', { name: 'Test connection' }).click();
      await expect(page.getByText(/Connected in \d+ ms\. The model is available\./)).toBeVisible();
      await page.getByRole('radio', { name: /Second opinion/ }).click();
      await expect(page.getByRole('radio', { name: /Second opinion/ })).toBeChecked();
      await app.screenshot('ai-03-provider');

      // A slower replay, so the first entries (asked about within the hourly budget) are still in the feed.
      const again = await harness.core.dispatch('startPaperBot', {
        source: { kind: 'synthetic' }, symbol: 'DEMO/USDT', strategyId: 'trend-follower', barsPerSecond: 400, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true,
      });
      expect(again.ok).toBe(true);
      await nav.getByRole('button', { name: 'Dashboard', exact: true }).click();
      await expect(decisions.getByText('AI advisor: vetoed this entry').first()).toBeVisible({ timeout: 60_000 });
      // Stopped, so the feed holds still for the screenshot.
      await harness.core.dispatch('stopPaperBot', undefined);
      await expect(decisions.getByText('AI advisor: vetoed this entry').first()).toBeVisible();
      await decisions.getByText('AI advisor: vetoed this entry').first().evaluate((element) => { element.scrollIntoView({ block: 'center' }); }); // the feed grows while it runs, so it is never stable
      await app.screenshot('ai-04-feed-veto');

      await nav.getByRole('button', { name: 'AI', exact: true }).click();
      const calls = page.getByRole('list', { name: 'Recent questions and verdicts' });
      await expect(calls.getByText('The AI advisor leans down, so Ballast skipped this entry. Nothing was bought.').first()).toBeVisible();
      await calls.scrollIntoViewIfNeeded();
      await app.screenshot('ai-05-calls');
      expect(fake.requests.some((request) => request.headers.authorization === `Bearer ${CANARY_KEY}`)).toBe(true);
    } finally {
      await fake.close();
    }

    // The canary key never reached the page, the log or any screenshot-able text.
    expect(JSON.stringify(harness.responses)).not.toContain(CANARY_KEY);
    expect(await page.content()).not.toContain(CANARY_KEY);
    expect(readFileSync(harness.logFile, 'utf8')).not.toContain(CANARY_KEY);
  });
});
