import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { auditRowHash, openJournal, verifyJournal, type ChainHead } from '../../../core/journal/index.ts';
import { appendSamples, rawRow, tamper, tempJournalPath } from './journalFixtures.ts';

function journalWith(rows: number): { path: string; head: ChainHead } {
  const path = tempJournalPath();
  const journal = openJournal(path);
  appendSamples(journal, rows);
  const head = journal.head();
  journal.close();
  if (head === undefined) throw new Error('empty journal');
  return { path, head };
}

/** Rewrites row `seq` with `changes`, recomputing its hash as an attacker who knows the scheme would. */
function forgeRow(db: DatabaseSync, seq: number, changes: { payload?: string; prev_hash?: string; newSeq?: number }): string {
  const row = rawRow(db, seq);
  const forged = {
    seq: changes.newSeq ?? seq,
    atMs: row.at_ms,
    kind: row.kind,
    subject: row.subject,
    payloadJson: changes.payload ?? row.payload,
    prevHash: changes.prev_hash ?? row.prev_hash,
  };
  const hash = auditRowHash(forged);
  db.prepare('UPDATE audit_events SET seq = ?, payload = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(forged.seq, forged.payloadJson, forged.prevHash, hash, seq);
  return hash;
}

function expectBrokenAt(path: string, seq: number, reason: string, anchor?: ChainHead): void {
  const result = verifyJournal(path, anchor === undefined ? {} : { anchor });
  expect(result).toMatchObject({ ok: false, firstBrokenSeq: seq, reason });
  if (!result.ok) expect(result.message).toContain(String(seq));
}

describe('verifyJournal', () => {
  it('accepts an untouched journal and reports its row count and head', () => {
    const { path, head } = journalWith(50);
    expect(verifyJournal(path)).toEqual({ ok: true, rows: 50, head });
    expect(verifyJournal(path, { anchor: head })).toEqual({ ok: true, rows: 50, head });
  });

  it('accepts an empty journal', () => {
    const path = tempJournalPath();
    openJournal(path).close();
    expect(verifyJournal(path)).toEqual({ ok: true, rows: 0, head: undefined });
  });

  it('verifies an open journal through the same connection', () => {
    const journal = openJournal(tempJournalPath());
    appendSamples(journal, 10);
    expect(verifyJournal(journal)).toMatchObject({ ok: true, rows: 10 });
    journal.close();
  });

  it('verifies a file by path while the bot keeps writing to it', () => {
    const path = tempJournalPath();
    const journal = openJournal(path);
    appendSamples(journal, 20);
    expect(verifyJournal(path)).toMatchObject({ ok: true, rows: 20 });
    appendSamples(journal, 5);
    expect(verifyJournal(path)).toMatchObject({ ok: true, rows: 25 });
    journal.close();
  });

  it('detects a changed payload at that exact row', () => {
    const { path } = journalWith(40);
    tamper(path, (db) => db.prepare("UPDATE audit_events SET payload = replace(payload, 'step', 'stop') WHERE seq = 17").run());
    expectBrokenAt(path, 17, 'ROW_CHANGED');
  });

  it('detects a changed hash at that exact row', () => {
    const { path } = journalWith(40);
    tamper(path, (db) => db.prepare("UPDATE audit_events SET hash = (CASE WHEN substr(hash, 1, 1) = 'f' THEN 'e' ELSE 'f' END) || substr(hash, 2) WHERE seq = 23").run());
    expectBrokenAt(path, 23, 'ROW_CHANGED');
  });

  it('detects a changed row whose hash was recomputed, at that row, because the next row still points to the original', () => {
    const { path } = journalWith(40);
    tamper(path, (db) => forgeRow(db, 12, { payload: '{"i":11,"rationale":"nothing to see"}' }));
    expectBrokenAt(path, 12, 'ROW_REPLACED');
  });

  it('detects a deleted row as a gap at the missing seq', () => {
    const { path } = journalWith(40);
    tamper(path, (db) => db.prepare('DELETE FROM audit_events WHERE seq = 9').run());
    expectBrokenAt(path, 9, 'ROW_MISSING');
  });

  it('detects a deleted row even when the later rows were renumbered to close the gap', () => {
    const { path } = journalWith(40);
    tamper(path, (db) => {
      db.prepare('DELETE FROM audit_events WHERE seq = 9').run();
      db.prepare('UPDATE audit_events SET seq = seq - 1 WHERE seq > 9').run();
    });
    expectBrokenAt(path, 9, 'ROW_CHANGED');
  });

  it('detects an inserted row with a correctly forged hash, at the inserted row', () => {
    const { path } = journalWith(40);
    tamper(path, (db) => {
      // Make room at 20 by shifting later rows up (from the top, so seq stays unique).
      for (let seq = 40; seq >= 20; seq--) db.prepare('UPDATE audit_events SET seq = ? WHERE seq = ?').run(seq + 1, seq);
      const before = rawRow(db, 19);
      const forged = { seq: 20, atMs: before.at_ms + 1, kind: 'order', subject: 'ballast-cid-x', payloadJson: '{"side":"sell"}', prevHash: before.hash };
      db.prepare('INSERT INTO audit_events (seq, at_ms, kind, subject, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        forged.seq, forged.atMs, forged.kind, forged.subject, forged.payloadJson, forged.prevHash, auditRowHash(forged),
      );
    });
    expectBrokenAt(path, 20, 'ROWS_INSERTED');
  });

  it('detects two rows swapped in place at the first of them', () => {
    const { path } = journalWith(40);
    tamper(path, (db) => {
      db.prepare('UPDATE audit_events SET seq = -1 WHERE seq = 30').run();
      db.prepare('UPDATE audit_events SET seq = 30 WHERE seq = 31').run();
      db.prepare('UPDATE audit_events SET seq = 31 WHERE seq = -1').run();
    });
    expectBrokenAt(path, 30, 'ROW_CHANGED');
  });

  it('detects two rows swapped and re-hashed at the later one, the first the untouched rest of the chain contradicts', () => {
    // Row 30 is then a well-formed row chained to 29 and vouched for only by the forged row 31:
    // no hash chain can tell it apart, so the first provable break is row 31.
    const { path } = journalWith(40);
    tamper(path, (db) => {
      const a = rawRow(db, 30);
      const b = rawRow(db, 31);
      const newA = forgeRow(db, 30, { payload: b.payload });
      forgeRow(db, 31, { payload: a.payload, prev_hash: newA });
    });
    expectBrokenAt(path, 31, 'ROW_REPLACED');
  });

  it('with an anchor, detects rows removed at the end', () => {
    const { path, head } = journalWith(40);
    tamper(path, (db) => db.prepare('DELETE FROM audit_events WHERE seq > 37').run());
    expect(verifyJournal(path)).toMatchObject({ ok: true, rows: 37 });
    expectBrokenAt(path, 38, 'ROWS_REMOVED_AT_END', head);
  });

  it('with an anchor, detects a chain rewritten from some row to the end', () => {
    const { path, head } = journalWith(40);
    tamper(path, (db) => {
      let prevHash = forgeRow(db, 35, { payload: '{"rewritten":true}' });
      for (let seq = 36; seq <= 40; seq++) prevHash = forgeRow(db, seq, { prev_hash: prevHash });
    });
    expect(verifyJournal(path)).toMatchObject({ ok: true, rows: 40 });
    expectBrokenAt(path, 40, 'CHAIN_REWRITTEN', head);
  });

  it('reports a file that is not a journal without a row number', () => {
    const path = tempJournalPath();
    writeFileSync(path, 'this is not a database');
    expect(verifyJournal(path)).toMatchObject({ ok: false, firstBrokenSeq: null, reason: 'JOURNAL_UNREADABLE' });
    expect(verifyJournal(tempJournalPath('missing.sqlite'))).toMatchObject({ ok: false, firstBrokenSeq: null });
  });

  it('reports a row whose kind was changed to something unknown as unreadable at that row', () => {
    const { path } = journalWith(10);
    tamper(path, (db) => db.prepare("UPDATE audit_events SET kind = 'withdrawal' WHERE seq = 4").run());
    expectBrokenAt(path, 4, 'ROW_UNREADABLE');
  });

  it('finds the exact row for any single edit of any column of any row (property)', () => {
    const { path: original } = journalWith(30);
    // Closed, so the WAL has been checkpointed into the main file: copying it copies the journal.
    const originalBytes = readFileSync(original);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.constantFrom('at_ms', 'subject', 'payload', 'prev_hash', 'hash'), (seq, column) => {
        const path = tempJournalPath();
        writeFileSync(path, originalBytes);
        const edit = {
          at_ms: 'at_ms = at_ms + 1',
          subject: "subject = coalesce(subject, '') || 'x'",
          payload: "payload = '{\"edited\":' || seq || '}'",
          // Flip the first hex digit, so the edit is a change whatever the digit was.
          prev_hash: "prev_hash = (CASE WHEN substr(prev_hash, 1, 1) = 'f' THEN 'e' ELSE 'f' END) || substr(prev_hash, 2)",
          hash: "hash = (CASE WHEN substr(hash, 1, 1) = 'f' THEN 'e' ELSE 'f' END) || substr(hash, 2)",
        }[column];
        tamper(path, (db) => db.prepare(`UPDATE audit_events SET ${edit} WHERE seq = ?`).run(seq));
        const result = verifyJournal(path);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.firstBrokenSeq).toBe(seq);
      }),
      { numRuns: 40 },
    );
  });
});
