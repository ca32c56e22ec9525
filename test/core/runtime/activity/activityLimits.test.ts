import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ACTIVITY_DETAILS_CHARS } from '../../../../core/contract/index.ts';
import { cappedExport } from '../../../../core/runtime/activity/activityExport.ts';
import { tamper } from '../../journal/journalFixtures.ts';
import { journalsUnderTest, type JournalsUnderTest } from './activitySources.ts';

let journals: JournalsUnderTest | undefined;
afterEach(() => { journals?.close(); journals = undefined; });

function withSignals(count: number): JournalsUnderTest {
  journals = journalsUnderTest();
  const { run } = journals;
  run.batch(() => {
    for (let i = 0; i < count; i++) {
      run.append({ atMs: 1_700_000_000_000 + i * 3_600_000, kind: 'signal', subject: 'BTC/USDT', payload: { strategyId: 'trend-follower', symbol: 'BTC/USDT', score: 0.5, stance: 'bullish', rationale: `bar ${i}` } });
    }
  });
  return journals;
}

describe('activity limits', () => {
  it('cuts an export at the size limit after whole entries, oldest kept, and a cut JSON file still parses', () => {
    const { run } = withSignals(40);
    const full = cappedExport(run, 'json', {});
    expect(full).toMatchObject({ entries: 40, truncated: false });
    const cut = cappedExport(run, 'json', {}, Math.floor(full.content.length / 2));
    expect(cut.truncated).toBe(true);
    expect(cut.content.length).toBeLessThanOrEqual(Math.floor(full.content.length / 2));
    const events = (JSON.parse(cut.content) as { events: { seq: number }[] }).events;
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: cut.entries }, (_, i) => i + 1));
    expect(cut.entries).toBeGreaterThan(10);

    const csv = cappedExport(run, 'csv', {}, 3_000);
    expect(csv.truncated).toBe(true);
    expect(csv.content.length).toBeLessThanOrEqual(3_000);
    expect(csv.content.endsWith('\r\n')).toBe(true);
    expect(csv.content.trimEnd().split('\r\n')).toHaveLength(csv.entries + 1);
  });

  it('sends at most the first 50,000 characters of one entry’s details, and says so', async () => {
    journals = journalsUnderTest();
    journals.run.append({ atMs: 1, kind: 'system', payload: { event: 'huge', blob: 'x'.repeat(MAX_ACTIVITY_DETAILS_CHARS + 10) } });
    const page = await journals.handlers.queryActivity({ journal: `paper-${journals.runId}`, limit: 5 });
    expect(page.rows[0]?.detailsTruncated).toBe(true);
    expect(page.rows[0]?.details).toHaveLength(MAX_ACTIVITY_DETAILS_CHARS);
  });

  it('notices entries removed at the end of a journal Ballast has open, through the head it wrote itself', async () => {
    const { handlers, runId } = withSignals(10);
    tamper(journals!.run.path, (db) => db.prepare('DELETE FROM audit_events WHERE seq >= 9').run());
    expect(await handlers.verifyActivity({ journal: `paper-${runId}` })).toMatchObject({
      status: 'broken', firstBrokenSeq: 9, reason: 'ROWS_REMOVED_AT_END', message: 'Entries from 9 on are missing: the journal was cut short.',
    });
  });

  it('labels a run that never signalled by the strategy it started with', async () => {
    journals = journalsUnderTest();
    journals.run.append({ atMs: 1, kind: 'system', payload: { event: 'paper_session_started', strategyId: 'do-nothing', prices: 'synthetic' } });
    const listed = await journals.handlers.listJournals(undefined);
    expect(listed.find((journal) => journal.kind === 'paper')?.label).toBe('Paper run: Do nothing');
  });

  it('checks the app journal against the head Ballast wrote to it', async () => {
    journals = journalsUnderTest();
    journals.app.append({ atMs: 1, kind: 'person_action', payload: { event: 'high_water_mark_reset', from: 12_000, to: 10_000 } });
    expect(await journals.handlers.verifyActivity({ journal: 'app' })).toMatchObject({ status: 'intact', entriesChecked: 1, anchored: true, checkedAtMs: 1_700_000_100_000 });
    const page = await journals.handlers.queryActivity({ journal: 'app', limit: 5 });
    expect(page.rows[0]?.summary).toBe('You reset the high-water mark from 12,000 to 10,000: drawdown is measured from there.');
  });
});
