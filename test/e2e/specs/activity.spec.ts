import { readFile } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { expect, test } from '../fixtures.ts';

/** Edits one audit row of a journal file the way a person with an SQLite tool could: drop the guard triggers, then UPDATE. */
function changeFillPrice(journalPath: string): { seq: number; clientOrderId: string } {
  const db = new DatabaseSync(journalPath);
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_events_no_update; DROP TRIGGER IF EXISTS audit_events_no_delete;');
    const row = db.prepare("SELECT seq, subject FROM audit_events WHERE kind = 'fill' ORDER BY seq LIMIT 1 OFFSET 1").get();
    if (row === undefined) throw new Error('the run has fewer than two fills');
    const seq = Number(row.seq);
    db.prepare("UPDATE audit_events SET payload = replace(payload, '\"priceQuote\":', '\"priceQuote\":1') WHERE seq = ?").run(seq);
    return { seq, clientOrderId: String(row.subject) };
  } finally {
    db.close();
  }
}

test.describe('activity: the audit trail', () => {
  test('a paper run’s journal can be read, filtered, checked and saved, and an edited entry is found exactly', async ({ app }) => {
    test.skip(app.host !== 'harness', 'needs the harness to start a run from the core and edit its journal file; the Electron run has no such access');
    test.setTimeout(120_000);
    const { page, harness } = app;
    if (!harness) throw new Error('harness mode without a harness');

    const started = await harness.core.dispatch('startPaperBot', {
      source: { kind: 'synthetic' }, symbol: 'DEMO/USDT', strategyId: 'trend-follower', barsPerSecond: 100_000, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true,
    });
    expect(started.ok).toBe(true);
    await harness.core.bot.whenIdle();
    const journalPath = harness.core.bot.sessionJournalPath();
    if (journalPath === null) throw new Error('the paper run has no journal');

    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Activity' }).click();
    await expect(page.getByRole('heading', { name: 'Activity', level: 1 })).toBeVisible();
    // The current run opens first, and is checked straight away.
    const picker = page.getByRole('combobox', { name: 'Journal' });
    await expect(picker.locator('option:checked')).toContainText('Trend follower on DEMO/USDT');
    await expect(picker.locator('option:checked')).toContainText('(current run)');
    await expect(page.getByText(/^Started .* · [\d,]+ entries · the bot’s current run$/)).toBeVisible();
    const check = page.getByTestId('journal-check');
    await expect(check).toContainText(/Journal intact: [\d,]+ entries checked/);
    const table = page.getByRole('table', { name: 'Journal entries' });
    await expect(table.getByRole('row')).not.toHaveCount(0);
    await app.screenshot('activity-01-run-journal');

    // Only fills: every row is a fill, told in words.
    await page.getByRole('button', { name: 'None' }).click();
    await expect(page.getByText('No entries match these filters.')).toBeVisible();
    await page.getByRole('checkbox', { name: 'Fills (trades done)' }).check();
    const fillRows = table.locator('tbody tr[data-kind]');
    await expect(fillRows.first()).toContainText(/Order bl-\S+ filled: (bought|sold) [\d.]+ DEMO at [\d,.]+ USDT/);
    expect(await table.locator('tbody tr[data-kind]:not([data-kind="fill"])').count()).toBe(0);

    // Details show the stored JSON of the entry.
    await fillRows.first().getByRole('button', { name: 'Details' }).click();
    const details = page.getByLabel(/^Details of entry \d+$/);
    await expect(details).toContainText('"priceQuote"');
    await expect(details).toContainText('"clientOrderId"');
    await app.screenshot('activity-02-fills-with-details');

    // Following one order: its whole life, from being recorded before sending to its fill.
    await fillRows.first().getByRole('button', { name: /^Show only entries about bl-/ }).click();
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await expect(page.getByText(/^Only entries about bl-/)).toBeVisible();
    await expect(table).toContainText('recorded before sending');
    await expect(table).toContainText(/filled: (bought|sold)/);
    await app.screenshot('activity-03-one-order');
    await page.getByRole('button', { name: 'Show all subjects' }).click();
    await page.getByRole('button', { name: 'None' }).click();
    await page.getByRole('checkbox', { name: 'Fills (trades done)' }).check();

    // A CSV of the fills, as the person would save it.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^ballast-activity-paper-run-\d{4}-\d\d-\d\d_\d\d-\d\d-saved-\d{4}-\d\d-\d\d_\d\d-\d\d-filtered\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,at_utc,at_ms,kind,subject,payload,prev_hash,hash');
    expect(lines.slice(1).every((line) => line.split(',')[3] === 'fill')).toBe(true);
    await expect(page.getByText(`Saved ${download.suggestedFilename()}: ${(lines.length - 1).toLocaleString('en-US')} entries.`)).toBeVisible();

    // Someone edits the price of one fill in the run's journal file.
    const edited = changeFillPrice(journalPath);
    await page.getByRole('button', { name: 'Verify again' }).click();
    await expect(check).toContainText(`Entry ${edited.seq} was changed after it was written`);
    await expect(page.getByRole('region', { name: 'Journal check' })).toHaveAttribute('data-tone', 'broken');
    await page.getByRole('button', { name: `Show entry ${edited.seq}` }).click();
    const brokenRow = table.locator(`tbody tr[data-seq="${edited.seq}"]`);
    await expect(brokenRow).toHaveAttribute('data-broken', 'true');
    await expect(brokenRow).toContainText('Changed after it was written');
    await app.screenshot('activity-04-tampered-entry-found');

    // The app journal is separate, and intact.
    await picker.selectOption({ label: (await picker.locator('option', { hasText: 'Ballast app' }).textContent()) ?? '' });
    await expect(check).toContainText(/Journal intact/);
    await expect(table).toContainText('Trading state Active (at start): Ballast started.');
    await app.screenshot('activity-05-app-journal');
  });
});
