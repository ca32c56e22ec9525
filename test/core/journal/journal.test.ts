import { writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { auditRowHash, GENESIS_PREV_HASH, JournalError, openJournal, verifyJournal } from '../../../core/journal/index.ts';
import { appendSamples, sampleEvent, tamper, tempJournalPath } from './journalFixtures.ts';

function committedRows(path: string): number {
  const reader = new DatabaseSync(path, { readOnly: true });
  try {
    const row = reader.prepare('SELECT COUNT(*) AS n FROM audit_events').get();
    return Number(row?.n);
  } finally {
    reader.close();
  }
}

describe('journal file', () => {
  it('opens in WAL mode with synchronous = FULL', () => {
    const journal = openJournal(tempJournalPath());
    expect(journal.db.prepare('PRAGMA journal_mode').get()?.journal_mode).toBe('wal');
    expect(journal.db.prepare('PRAGMA synchronous').get()?.synchronous).toBe(2);
    journal.close();
  });

  it('refuses a file that is not a database, with a plain message', () => {
    const path = tempJournalPath();
    writeFileSync(path, 'not a database at all, just text that is long enough to have a header');
    expect(() => openJournal(path)).toThrow(expect.objectContaining({ code: 'JOURNAL_UNREADABLE', message: expect.stringContaining('could not') as string }) as Error);
  });

  it('refuses a database whose tables are not those of a Ballast journal', () => {
    const path = tempJournalPath();
    tamper(path, (db) => { db.exec('CREATE TABLE audit_events (x)'); });
    expect(() => openJournal(path)).toThrow(JournalError);
  });
});

describe('audit chain', () => {
  it('numbers rows 1, 2, 3… and chains each hash to the previous one from the genesis constant', () => {
    const journal = openJournal(tempJournalPath());
    const first = journal.append({ atMs: 10, kind: 'system', payload: { started: true } });
    const second = journal.append({ atMs: 11, kind: 'signal', subject: 'BTC/USDT', payload: { score: 0.62 } });
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_PREV_HASH);
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).toBe(auditRowHash(second));
    expect(second.hash).toMatch(/^[0-9a-f]{64}$/);
    journal.close();
  });

  it('gives identical hashes for identical events whatever the key order (deterministic replays)', () => {
    const a = openJournal(':memory:');
    const b = openJournal(':memory:');
    const x = a.append({ atMs: 1, kind: 'signal', subject: 'ETH/USDT', payload: { score: 0.1, features: { rsi: 30, sma: 2 }, rationale: 'r' } });
    const y = b.append({ atMs: 1, kind: 'signal', subject: 'ETH/USDT', payload: { rationale: 'r', features: { sma: 2, rsi: 30 }, score: 0.1 } });
    expect(y.payloadJson).toBe('{"features":{"rsi":30,"sma":2},"rationale":"r","score":0.1}');
    expect(y.hash).toBe(x.hash);
    a.close();
    b.close();
  });

  it('continues the chain after the file is closed and opened again', () => {
    const path = tempJournalPath();
    const journal = openJournal(path);
    appendSamples(journal, 5);
    const head = journal.head();
    journal.close();
    const reopened = openJournal(path);
    const next = reopened.append(sampleEvent(5));
    expect(next.seq).toBe(6);
    expect(next.prevHash).toBe(head?.hash);
    expect(verifyJournal(reopened)).toMatchObject({ ok: true, rows: 6 });
    reopened.close();
  });

  it('refuses events of unknown kind, invalid time or overlong subject, writing nothing', () => {
    const journal = openJournal(':memory:');
    const bad = [
      { atMs: 1, kind: 'withdrawal', payload: {} },
      { atMs: -1, kind: 'signal', payload: {} },
      { atMs: 1.5, kind: 'signal', payload: {} },
      { atMs: 1, kind: 'signal', subject: 'x'.repeat(201), payload: {} },
    ];
    for (const event of bad) {
      expect(() => journal.append(event as never)).toThrow(JournalError);
    }
    expect(journal.count()).toBe(0);
    expect(journal.append({ atMs: 1, kind: 'signal', payload: {} }).seq).toBe(1);
    journal.close();
  });

  it('keeps payload values JSON cannot carry readable instead of turning them into null', () => {
    const journal = openJournal(':memory:');
    const event = journal.append({
      atMs: 1,
      kind: 'system',
      payload: { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, big: 2n ** 70n, at: new Date(0), gone: undefined, error: new RangeError('bad size') },
    });
    expect(JSON.parse(event.payloadJson)).toEqual({
      at: '1970-01-01T00:00:00.000Z', big: '1180591620717411303424', error: { message: 'bad size', name: 'RangeError' }, inf: 'Infinity', nan: 'NaN',
    });
    journal.close();
  });
});

describe('append-only at the SQL level', () => {
  it('refuses UPDATE and DELETE of audit rows through SQLite', () => {
    const journal = openJournal(tempJournalPath());
    appendSamples(journal, 3);
    expect(() => { journal.db.exec("UPDATE audit_events SET payload = '{}' WHERE seq = 2"); }).toThrow(/append-only/);
    expect(() => { journal.db.exec('DELETE FROM audit_events WHERE seq = 3'); }).toThrow(/append-only/);
    expect(journal.count()).toBe(3);
    journal.close();
  });

  it('re-creates the triggers when a file whose triggers were dropped is opened again', () => {
    const path = tempJournalPath();
    const journal = openJournal(path);
    appendSamples(journal, 3);
    journal.close();
    tamper(path, () => undefined);
    const reopened = openJournal(path);
    expect(() => { reopened.db.exec('DELETE FROM audit_events'); }).toThrow(/append-only/);
    reopened.close();
  });

  it('refuses to fork the chain when another program appended to the file meanwhile', () => {
    const path = tempJournalPath();
    const journal = openJournal(path);
    journal.append(sampleEvent(0));
    const other = openJournal(path);
    other.append(sampleEvent(1));
    other.close();
    expect(() => journal.append(sampleEvent(2))).toThrow(expect.objectContaining({ code: 'CONCURRENT_WRITER' }) as Error);
    expect(verifyJournal(path)).toMatchObject({ ok: true, rows: 2 });
    journal.close();
  });
});

describe('transactions, batches and durability', () => {
  it('rolls back rows of a failed transaction and keeps seq gapless afterwards', () => {
    const journal = openJournal(tempJournalPath());
    journal.append(sampleEvent(0));
    expect(() =>
      journal.transaction(() => {
        journal.append(sampleEvent(1));
        journal.append(sampleEvent(2));
        throw new Error('risk check failed');
      }),
    ).toThrow('risk check failed');
    expect(journal.count()).toBe(1);
    expect(journal.append(sampleEvent(3)).seq).toBe(2);
    expect(verifyJournal(journal)).toMatchObject({ ok: true, rows: 2 });
    journal.close();
  });

  it('rolls back only the inner part of a nested transaction', () => {
    const journal = openJournal(':memory:');
    journal.transaction(() => {
      journal.append(sampleEvent(0));
      expect(() => journal.transaction(() => { journal.append(sampleEvent(1)); throw new Error('inner'); })).toThrow('inner');
      journal.append(sampleEvent(2));
    });
    expect(journal.query().events.map((event) => event.seq)).toEqual([2, 1]);
    expect(verifyJournal(journal)).toMatchObject({ ok: true, rows: 2 });
    journal.close();
  });

  it('a batch commits once at the end: another reader sees nothing until then', () => {
    const path = tempJournalPath();
    const journal = openJournal(path);
    journal.batch(() => {
      for (let i = 0; i < 10; i++) journal.append(sampleEvent(i));
      expect(committedRows(path)).toBe(0);
    });
    expect(committedRows(path)).toBe(10);
    journal.close();
  });

  it("a 'sync' append inside a batch is committed before append returns, with everything before it", () => {
    const path = tempJournalPath();
    const journal = openJournal(path);
    journal.batch(() => {
      journal.append(sampleEvent(0));
      journal.append({ atMs: 5, kind: 'order', subject: 'ballast-cid-1', payload: { side: 'buy' } }, { durability: 'sync' });
      expect(committedRows(path)).toBe(2);
      journal.append(sampleEvent(2));
      expect(committedRows(path)).toBe(2);
    });
    expect(committedRows(path)).toBe(3);
    journal.close();
  });

  it("a 'sync' append inside a transaction inside a batch is committed when that transaction returns", () => {
    const path = tempJournalPath();
    const journal = openJournal(path);
    journal.batch(() => {
      journal.append(sampleEvent(0));
      journal.transaction(() => {
        journal.append({ atMs: 5, kind: 'order', subject: 'ballast-cid-1', payload: { side: 'buy' } }, { durability: 'sync' });
        expect(committedRows(path)).toBe(0);
      });
      expect(committedRows(path)).toBe(2);
    });
    journal.close();
  });

  it('a deferred write runs once, its latest version, just before the batch commits; outside a batch the caller writes now', () => {
    const path = tempJournalPath();
    const journal = openJournal(path);
    const owner = {};
    const written: number[] = [];
    expect(journal.deferUntilCommit(owner, () => { written.push(-1); })).toBe(false);
    journal.batch(() => {
      for (let i = 0; i < 5; i++) expect(journal.deferUntilCommit(owner, () => { written.push(i); journal.append(sampleEvent(i)); })).toBe(true);
      expect(written).toEqual([]);
    });
    // Only the last one ran, and its row went out in the batch's own commit.
    expect(written).toEqual([4]);
    expect(committedRows(path)).toBe(1);
    journal.batch(() => { /* nothing deferred */ });
    expect(written).toEqual([4]);
    journal.close();
  });

  it("a 'sync' append inside a batch commits the deferred writes with it", () => {
    const path = tempJournalPath();
    const journal = openJournal(path);
    journal.batch(() => {
      journal.deferUntilCommit(journal, () => journal.append(sampleEvent(0)));
      journal.append({ atMs: 5, kind: 'order', subject: 'ballast-cid-1', payload: { side: 'buy' } }, { durability: 'sync' });
      expect(committedRows(path)).toBe(2);
    });
    expect(committedRows(path)).toBe(2);
    journal.close();
  });

  it('a deferred write that fails leaves the batch\'s other rows committed and says so', () => {
    const path = tempJournalPath();
    const journal = openJournal(path);
    expect(() => {
      journal.batch(() => {
        journal.append(sampleEvent(0));
        journal.deferUntilCommit(journal, () => { throw new Error('disk full'); });
      });
    }).toThrow(JournalError);
    expect(committedRows(path)).toBe(1);
    journal.close();
  });

  it('a batch that throws still commits the rows appended before the error, then rethrows', () => {
    const path = tempJournalPath();
    const journal = openJournal(path);
    expect(() => journal.batch(() => { journal.append(sampleEvent(0)); throw new Error('exchange down'); })).toThrow('exchange down');
    expect(committedRows(path)).toBe(1);
    journal.close();
  });

  it('appendMany is all or nothing', () => {
    const journal = openJournal(':memory:');
    expect(() => journal.appendMany([sampleEvent(0), { atMs: 1, kind: 'nope' as never, payload: {} }])).toThrow(JournalError);
    expect(journal.count()).toBe(0);
    expect(journal.appendMany([sampleEvent(0), sampleEvent(1)]).map((event) => event.seq)).toEqual([1, 2]);
    journal.close();
  });

  it('refuses a sync append inside a transaction opened behind its back, before writing anything', () => {
    const journal = openJournal(':memory:');
    journal.db.exec('BEGIN');
    expect(() => journal.append(sampleEvent(0), { durability: 'sync' })).toThrow(JournalError);
    journal.db.exec('ROLLBACK');
    expect(journal.count()).toBe(0);
    journal.close();
  });

  it('refuses async functions in transaction(), rolling their writes back', () => {
    const journal = openJournal(':memory:');
    expect(() => journal.transaction(() => { journal.append(sampleEvent(0)); return Promise.resolve(); })).toThrow(/synchronous/);
    expect(journal.count()).toBe(0);
    journal.close();
  });

  it('refuses to work after close, and to close while writing', () => {
    const journal = openJournal(':memory:');
    expect(() => { journal.batch(() => { journal.close(); }); }).toThrow(JournalError);
    journal.close();
    expect(() => journal.append(sampleEvent(0))).toThrow(expect.objectContaining({ code: 'JOURNAL_CLOSED' }) as Error);
  });
});
