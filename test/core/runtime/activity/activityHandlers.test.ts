import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { ActivityRow } from '../../../../core/contract/index.ts';
import { tamper } from '../../journal/journalFixtures.ts';
import { finishedRun, type FinishedRun } from './activityRun.ts';

let run: FinishedRun;
let journal: string;
beforeAll(async () => {
  run = await finishedRun();
  journal = `paper-${run.runId}`;
}, 60_000);
afterAll(() => { run.close(); });

interface StoredFill { seq: number; client_order_id: string; side: string; amount_base: number; price_quote: number }

function storedFills(path: string): StoredFill[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare('SELECT seq, client_order_id, side, amount_base, price_quote FROM execution_fills ORDER BY seq DESC').all() as unknown as StoredFill[];
  } finally {
    db.close();
  }
}

async function everyPage(input: Record<string, unknown>, limit: number): Promise<{ rows: ActivityRow[]; pages: number; matching: number }> {
  const rows: ActivityRow[] = [];
  let beforeSeq: number | undefined;
  let pages = 0;
  let matching: number;
  do {
    const page = await run.value('queryActivity', { journal, limit, ...input, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
    rows.push(...page.rows);
    matching = page.matchingEntries;
    beforeSeq = page.nextBeforeSeq ?? undefined;
    pages += 1;
  } while (beforeSeq !== undefined);
  return { rows, pages, matching };
}

describe('listJournals', () => {
  it('lists the app journal first, then the paper runs newest first, labelled with strategy and market', async () => {
    copyFileSync(run.runPath, join(run.dataDir, 'paper', '1000.sqlite'));
    const journals = await run.value('listJournals');
    expect(journals.map((j) => j.id)).toEqual(['app', journal, 'paper-1000']);
    const [app, current, older] = journals;
    expect(app).toMatchObject({ kind: 'app', label: 'Ballast app', isCurrent: false, problem: null });
    expect(app?.entries).toBeGreaterThanOrEqual(2);
    expect(current).toMatchObject({ kind: 'paper', label: 'Paper run: Trend follower on DEMO/USDT', isCurrent: true, startedAtMs: Number(run.runId), problem: null });
    expect(older).toMatchObject({ label: 'Paper run: Trend follower on DEMO/USDT', isCurrent: false, startedAtMs: 1000 });
    expect(current?.entries).toBe(run.core.bot.sessionJournalHead()?.seq);
  });

  it('lists a run whose file cannot be read with the problem in words, and refuses to read it', async () => {
    writeFileSync(join(run.dataDir, 'paper', '999.sqlite'), 'this is not a database, it was overwritten'.repeat(50));
    const broken = (await run.value('listJournals')).find((j) => j.id === 'paper-999');
    expect(broken).toMatchObject({ entries: null, label: 'Paper run (cannot be read)' });
    expect(broken?.problem).toMatch(/could not read this journal file/);
    const refused = await run.core.dispatch('queryActivity', { journal: 'paper-999', limit: 10 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
  });
});

describe('queryActivity', () => {
  it('filters by kind and summarises each fill with exactly the order, side, amount and price the run recorded', async () => {
    const { rows } = await everyPage({ kinds: ['fill'] }, 200);
    const fills = storedFills(run.runPath);
    expect(fills.length).toBeGreaterThan(3);
    expect(rows).toHaveLength(fills.length);
    rows.forEach((row, index) => {
      const fill = fills[index]!;
      expect(row.kind).toBe('fill');
      expect(row.subject).toBe(fill.client_order_id);
      expect(row.summary).toContain(`Order ${fill.client_order_id.slice(0, 9)}… filled: ${fill.side === 'buy' ? 'bought' : 'sold'} ${fill.amount_base.toLocaleString('en-US', { maximumFractionDigits: 8 })} DEMO at ${fill.price_quote.toLocaleString('en-US', { maximumFractionDigits: 8 })} USDT`);
      expect(JSON.parse(row.details)).toMatchObject({ clientOrderId: fill.client_order_id, amountBase: fill.amount_base, priceQuote: fill.price_quote });
    });
  });

  it('pages from newest to oldest, every matching entry exactly once', async () => {
    const kinds = ['order', 'fill', 'risk_decision'];
    const { rows, pages, matching } = await everyPage({ kinds }, 7);
    expect(pages).toBe(Math.ceil(matching / 7));
    expect(rows).toHaveLength(matching);
    const seqs = rows.map((row) => row.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(new Set(rows.map((row) => row.kind))).toEqual(new Set(kinds));
  });

  it('follows one order by its id: recorded, accepted, filled, in that order', async () => {
    const order = storedFills(run.runPath).at(-1)!.client_order_id;
    const { rows } = await everyPage({ subject: order }, 50);
    expect(rows.every((row) => row.subject === order)).toBe(true);
    const oldestFirst = rows.map((row) => row.summary).reverse();
    expect(oldestFirst[0]).toMatch(/recorded before sending/);
    expect(oldestFirst.some((line) => /accepted by the exchange/.test(line))).toBe(true);
    expect(oldestFirst.findIndex((line) => / filled: /.test(line))).toBeGreaterThan(0);
  });

  it('finds words anywhere in the details, without regard to case, and honours the time range', async () => {
    const found = await everyPage({ text: 'PROTECTIVE_STOP' }, 200);
    expect(found.rows.length).toBeGreaterThan(0);
    expect(found.rows.every((row) => row.details.toLowerCase().includes('protective_stop') || (row.subject ?? '').toLowerCase().includes('protective_stop'))).toBe(true);

    const all = await everyPage({ kinds: ['signal'] }, 200);
    const times = all.rows.map((row) => row.atMs).sort((a, b) => a - b);
    const fromMs = times[Math.floor(times.length / 3)]!;
    const toMs = times[Math.floor((2 * times.length) / 3)]!;
    const ranged = await everyPage({ kinds: ['signal'], fromMs, toMs }, 200);
    expect(ranged.rows.length).toBe(times.filter((t) => t >= fromMs && t < toMs).length);
    expect(ranged.rows.every((row) => row.atMs >= fromMs && row.atMs < toMs)).toBe(true);
  });

  it('reads the app journal: state changes, the person pausing and the alert it raised, in words', async () => {
    const page = await run.value('queryActivity', { journal: 'app', limit: 10 });
    expect(page.rows.find((row) => row.kind === 'state_change')).toMatchObject({ summary: 'Trading state Active → Paused: Paused by you: checking the journal' });
    const alert = page.rows.find((row) => row.kind === 'alert' && row.subject === 'TRADING_STATE_PAUSED');
    expect(alert?.summary).toMatch(/^Alert \(\w+\): [A-Z][^{}]+\.$/);
    expect(alert?.summary).not.toContain('TRADING_STATE_PAUSED');
    expect(page.totalEntries).toBe(page.rows.length);
  });

  it('refuses unknown journals, paths, reversed time ranges and oversized pages', async () => {
    for (const input of [
      { journal: 'paper-123', limit: 5 },
      { journal: '../journal', limit: 5 },
      { journal: 'paper-1/../../x', limit: 5 },
      { journal, limit: 5, fromMs: 10, toMs: 5 },
      { journal, limit: 201 },
      { journal, limit: 5, kinds: ['withdrawal'] },
    ]) {
      const result = await run.core.dispatch('queryActivity', input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });
});

describe('verifyActivity', () => {
  it('reports the run intact with every entry checked, against the head the bot itself wrote', async () => {
    const verification = await run.value('verifyActivity', { journal });
    const head = run.core.bot.sessionJournalHead();
    expect(verification).toMatchObject({ status: 'intact', entriesChecked: head?.seq, head, anchored: true });
  });

  it('reports the exact entry changed in a tampered copy of the run, in plain words', async () => {
    const copy = join(run.dataDir, 'paper', '2000.sqlite');
    copyFileSync(run.runPath, copy);
    const target = storedFills(copy)[1]!;
    let seq = 0;
    tamper(copy, (db) => {
      const row = db.prepare("SELECT seq FROM audit_events WHERE kind = 'fill' AND subject = ? ORDER BY seq LIMIT 1").get(target.client_order_id);
      seq = Number(row?.seq);
      db.prepare("UPDATE audit_events SET payload = replace(payload, '\"priceQuote\":', '\"priceQuote\":1') WHERE seq = ?").run(seq);
    });
    expect(seq).toBeGreaterThan(1);
    const verification = await run.value('verifyActivity', { journal: 'paper-2000' });
    expect(verification).toMatchObject({ status: 'broken', firstBrokenSeq: seq, reason: 'ROW_CHANGED' });
    if (verification.status === 'broken') {
      expect(verification.message).toBe(`Entry ${seq} was changed after it was written: its contents no longer match its fingerprint.`);
      expect(verification.detail).not.toContain(run.dataDir);
    }
    expect(await run.value('verifyActivity', { journal })).toMatchObject({ status: 'intact' });
  });
});

describe('exportActivity', () => {
  it('exports the filtered entries oldest first as CSV and as JSON that re-parses with every hash', async () => {
    const fills = storedFills(run.runPath);
    const csv = await run.value('exportActivity', { journal, format: 'csv', filters: { kinds: ['fill'] } });
    expect(csv).toMatchObject({ mimeType: 'text/csv', entries: fills.length, matchingEntries: fills.length, truncated: false, fileName: `ballast-activity-${journal}-filtered.csv` });
    const lines = csv.content.trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,at_utc,at_ms,kind,subject,payload,prev_hash,hash');
    expect(lines).toHaveLength(fills.length + 1);
    expect(lines.slice(1).every((line) => line.includes(',fill,'))).toBe(true);

    const json = await run.value('exportActivity', { journal, format: 'json', filters: {} });
    const parsed = JSON.parse(json.content) as { events: { seq: number; hash: string }[] };
    expect(parsed.events).toHaveLength(run.core.bot.sessionJournalHead()?.seq ?? -1);
    expect(parsed.events.at(-1)?.hash).toBe(run.core.bot.sessionJournalHead()?.hash);
    expect(json.fileName).toBe(`ballast-activity-${journal}.json`);
  });
});
