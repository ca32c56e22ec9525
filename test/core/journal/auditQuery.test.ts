import { describe, expect, it } from 'vitest';
import { JournalError, openJournal, type AuditEvent, type Journal } from '../../../core/journal/index.ts';

function activityJournal(): Journal {
  const journal = openJournal(':memory:');
  journal.batch(() => {
    for (let i = 1; i <= 60; i++) {
      const kind = i % 3 === 0 ? 'order' : i % 3 === 1 ? 'signal' : 'risk_decision';
      journal.append({
        atMs: 1_000 * i,
        kind,
        subject: kind === 'order' ? `ballast-cid-${i}` : i % 2 === 0 ? 'ETH/USDT' : 'BTC/USDT',
        payload: { note: i === 42 ? 'daily loss budget 80% used_now' : `row ${i}`, i },
      });
    }
  });
  return journal;
}

const seqs = (events: readonly AuditEvent[]): number[] => events.map((event) => event.seq);

describe('Activity queries', () => {
  it('pages newest first with a seq cursor until the oldest row', () => {
    const journal = activityJournal();
    const first = journal.query({ limit: 25 });
    expect(seqs(first.events)).toEqual(Array.from({ length: 25 }, (_, i) => 60 - i));
    expect(first.nextBeforeSeq).toBe(36);
    const second = journal.query({ limit: 25, beforeSeq: first.nextBeforeSeq });
    expect(second.events[0]?.seq).toBe(35);
    const third = journal.query({ limit: 25, beforeSeq: second.nextBeforeSeq });
    expect(seqs(third.events)).toEqual(Array.from({ length: 10 }, (_, i) => 10 - i));
    expect(third.nextBeforeSeq).toBeUndefined();
    journal.close();
  });

  it('has no next page when the last page is exactly full', () => {
    const journal = activityJournal();
    expect(journal.query({ limit: 60 }).nextBeforeSeq).toBeUndefined();
    expect(journal.query({ limit: 59 }).nextBeforeSeq).toBe(2);
    journal.close();
  });

  it('filters by kinds, subject and time range, and counts the same rows', () => {
    const journal = activityJournal();
    const orders = journal.query({ kinds: ['order'], limit: 1000 });
    expect(orders.events.every((event) => event.kind === 'order')).toBe(true);
    expect(orders.events).toHaveLength(20);
    expect(journal.count({ kinds: ['order', 'signal'] })).toBe(40);
    expect(seqs(journal.query({ subject: 'ballast-cid-9' }).events)).toEqual([9]);
    const window = journal.query({ fromMs: 10_000, toMs: 20_000, kinds: ['signal'] });
    expect(seqs(window.events)).toEqual([19, 16, 13, 10]);
    expect(journal.count({ fromMs: 10_000, toMs: 20_000 })).toBe(10);
    expect(journal.count({ subject: 'ETH/USDT', kinds: ['signal'] })).toBe(10);
    journal.close();
  });

  it('searches payload text case-insensitively, treating % and _ literally', () => {
    const journal = activityJournal();
    expect(seqs(journal.query({ text: 'DAILY LOSS' }).events)).toEqual([42]);
    expect(seqs(journal.query({ text: '80% used_now' }).events)).toEqual([42]);
    expect(journal.count({ text: '%' })).toBe(1);
    expect(journal.count({ text: '_' })).toBe(1);
    expect(journal.count({ text: 'cid-5' })).toBe(3); // subjects ballast-cid-51, -54, -57
    journal.close();
  });

  it('refuses nonsense filters with a plain message instead of returning everything', () => {
    const journal = activityJournal();
    expect(() => journal.query({ kinds: ['withdrawal' as never] })).toThrow(JournalError);
    expect(() => journal.query({ limit: 0 })).toThrow(/page size/);
    expect(() => journal.query({ limit: 5000 })).toThrow(JournalError);
    expect(() => journal.count({ fromMs: Number.NaN })).toThrow(JournalError);
    journal.close();
  });
});
