import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { auditExportChunks, JournalError, openJournal, openJournalReader } from '../../../core/journal/index.ts';
import { appendSamples, tamper, tempJournalPath } from './journalFixtures.ts';

function triggerNames(path: string): string[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").all().map((row) => String(row.name));
  } finally {
    db.close();
  }
}

describe('openJournalReader', () => {
  it('reads what a bot still writing the file has committed, with a head that follows each commit', () => {
    const path = tempJournalPath();
    const writer = openJournal(path);
    appendSamples(writer, 30);
    const reader = openJournalReader(path);
    expect(reader.count()).toBe(30);
    expect(reader.head()).toEqual(writer.head());
    expect(reader.query({ kinds: ['order'], limit: 3 }).events.map((event) => event.seq)).toEqual(writer.query({ kinds: ['order'], limit: 3 }).events.map((event) => event.seq));

    appendSamples(writer, 5);
    expect(reader.count()).toBe(35);
    expect(reader.head()).toEqual(writer.head());
    reader.close();
    writer.close();
  });

  it('exports exactly what the writing journal exports', () => {
    const path = tempJournalPath();
    const writer = openJournal(path);
    appendSamples(writer, 12);
    const reader = openJournalReader(path);
    for (const format of ['csv', 'json'] as const) {
      expect([...auditExportChunks(reader, format, { kinds: ['signal'] })].join('')).toBe([...auditExportChunks(writer, format, { kinds: ['signal'] })].join(''));
    }
    reader.close();
    writer.close();
  });

  it('changes nothing in the file: triggers a person dropped stay dropped (openJournal would restore them)', () => {
    const path = tempJournalPath();
    const writer = openJournal(path);
    appendSamples(writer, 3);
    writer.close();
    tamper(path, () => undefined);
    expect(triggerNames(path)).toEqual([]);
    const reader = openJournalReader(path);
    expect(reader.count()).toBe(3);
    reader.close();
    expect(triggerNames(path)).toEqual([]);
  });

  it('refuses a missing file without creating it', () => {
    const path = tempJournalPath('missing.sqlite');
    expect(() => openJournalReader(path)).toThrow(JournalError);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a file that is not a Ballast journal, in plain words', () => {
    const notSqlite = tempJournalPath('notes.sqlite');
    writeFileSync(notSqlite, 'just some text, not a database at all'.repeat(40));
    expect(() => openJournalReader(notSqlite)).toThrow(/could not read this journal file/);

    const otherDatabase = tempJournalPath('other.sqlite');
    const db = new DatabaseSync(otherDatabase);
    db.exec('CREATE TABLE recipes (name TEXT)');
    db.close();
    expect(() => openJournalReader(otherDatabase)).toThrow(/not a Ballast journal/);
  });

  it('refuses to be used after it is closed', () => {
    const path = tempJournalPath();
    openJournal(path).close();
    const reader = openJournalReader(path);
    reader.close();
    expect(() => reader.count()).toThrow(/closed/);
  });
});
