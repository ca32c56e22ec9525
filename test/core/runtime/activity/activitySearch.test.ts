import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityRow } from '../../../../core/contract/index.ts';
import { finishedRun, type FinishedRun } from './activityRun.ts';

let run: FinishedRun;
let journal: string;
beforeAll(async () => {
  run = await finishedRun();
  journal = `paper-${run.runId}`;
}, 60_000);
afterAll(() => { run.close(); });

async function everyPage(input: Record<string, unknown>, limit: number): Promise<{ rows: ActivityRow[]; matching: number }> {
  const rows: ActivityRow[] = [];
  let beforeSeq: number | undefined;
  let matching: number;
  do {
    const page = await run.value('queryActivity', { journal, limit, ...input, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
    rows.push(...page.rows);
    matching = page.matchingEntries;
    beforeSeq = page.nextBeforeSeq ?? undefined;
  } while (beforeSeq !== undefined);
  return { rows, matching };
}

describe('the Activity search finds the words the table shows', () => {
  it('finds "bought" in the fills the table says bought something, though the details say "buy"', async () => {
    const fills = await everyPage({ kinds: ['fill'] }, 200);
    const bought = fills.rows.filter((row) => row.summary.includes('bought'));
    expect(bought.length).toBeGreaterThan(0);
    // Stored details say side "buy"; the word "bought" is only in the summary.
    expect(bought.every((row) => !row.details.toLowerCase().includes('bought'))).toBe(true);
    const found = await everyPage({ kinds: ['fill'], text: 'bought' }, 7);
    expect(found.rows.map((row) => row.seq)).toEqual(bought.map((row) => row.seq));
    expect(found.matching).toBe(bought.length);
  });

  it('finds the strategy by its name as shown, in any case, and "scored" in its signals', async () => {
    const signals = await everyPage({ kinds: ['signal'] }, 200);
    const named = await everyPage({ text: 'trend FOLLOWER' }, 50);
    expect(named.rows.length).toBeGreaterThanOrEqual(signals.rows.length);
    const scored = await everyPage({ kinds: ['signal'], text: 'scored' }, 50);
    expect(scored.matching).toBe(signals.rows.length);
    // Every entry once, newest first, across pages.
    const seqs = scored.rows.map((row) => row.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('still finds words that are only in the stored details, and nothing for words in neither', async () => {
    const byCode = await everyPage({ text: 'clientOrderId' }, 200);
    expect(byCode.rows.length).toBeGreaterThan(0);
    const none = await everyPage({ text: 'no entry says this' }, 50);
    expect(none).toEqual({ rows: [], matching: 0 });
  });

  it('exports exactly the entries the search shows', async () => {
    const shown = await everyPage({ kinds: ['fill'], text: 'sold' }, 200);
    expect(shown.rows.length).toBeGreaterThan(0);
    const exported = await run.value('exportActivity', { journal, format: 'csv', filters: { kinds: ['fill'], text: 'sold' } });
    const seqs = exported.content.trimEnd().split('\r\n').slice(1).map((line) => Number(line.split(',')[0]));
    expect(seqs).toEqual(shown.rows.map((row) => row.seq).reverse());
    expect(exported).toMatchObject({ entries: shown.rows.length, matchingEntries: shown.rows.length, truncated: false });
  });
});
