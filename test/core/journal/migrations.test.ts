import { describe, expect, it } from 'vitest';
import { JournalError, openJournal, type Migration } from '../../../core/journal/index.ts';
import { tamper, tempJournalPath } from './journalFixtures.ts';

const executionMigrations: Migration[] = [
  { version: 1, description: 'orders', up: 'CREATE TABLE orders (client_order_id TEXT PRIMARY KEY, state TEXT NOT NULL) STRICT' },
  {
    version: 2,
    description: 'order amount',
    up: (db) => {
      db.exec('ALTER TABLE orders ADD COLUMN amount_base REAL');
    },
  },
];

function versions(path: string, namespace: string): number[] {
  const journal = openJournal(path);
  const rows = journal.db.prepare('SELECT version FROM schema_version WHERE namespace = ? ORDER BY version').all(namespace);
  journal.close();
  return rows.map((row) => Number(row.version));
}

describe('migrations registered by other layers', () => {
  it('applies each migration once, in order, and records it in schema_version', () => {
    const path = tempJournalPath();
    const journal = openJournal(path);
    journal.registerMigrations('execution', executionMigrations.slice(0, 1));
    journal.registerMigrations('execution', executionMigrations.slice(0, 1));
    journal.close();
    expect(versions(path, 'execution')).toEqual([1]);
    const later = openJournal(path);
    later.registerMigrations('execution', executionMigrations);
    later.db.prepare("INSERT INTO orders VALUES ('ballast-cid-1', 'PENDING_SUBMIT', 0.001)").run();
    later.close();
    expect(versions(path, 'execution')).toEqual([1, 2]);
    expect(versions(path, 'journal')).toEqual([1]);
  });

  it('lets an order row and its audit event commit together', () => {
    const journal = openJournal(':memory:');
    journal.registerMigrations('execution', executionMigrations);
    expect(() =>
      journal.transaction(() => {
        journal.db.prepare("INSERT INTO orders VALUES ('ballast-cid-2', 'PENDING_SUBMIT', 0.5)").run();
        journal.append({ atMs: 1, kind: 'order', subject: 'ballast-cid-2', payload: { state: 'PENDING_SUBMIT' } }, { durability: 'sync' });
        throw new Error('precision check failed');
      }),
    ).toThrow('precision check failed');
    expect(journal.db.prepare('SELECT COUNT(*) AS n FROM orders').get()?.n).toBe(0);
    expect(journal.count()).toBe(0);
    journal.close();
  });

  it('rolls back a failing migration completely and does not record it', () => {
    const journal = openJournal(':memory:');
    const broken: Migration[] = [{ version: 1, description: 'broken', up: 'CREATE TABLE risk_state (x INTEGER) STRICT; CREATE TABLE risk_state (y)' }];
    expect(() => { journal.registerMigrations('risk', broken); }).toThrow();
    expect(journal.db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'risk_state'").get()?.n).toBe(0);
    expect(journal.db.prepare("SELECT COUNT(*) AS n FROM schema_version WHERE namespace = 'risk'").get()?.n).toBe(0);
    journal.close();
  });

  it('refuses versions out of order, a bad namespace, and the reserved "journal" namespace', () => {
    const journal = openJournal(':memory:');
    expect(() => { journal.registerMigrations('execution', [executionMigrations[1] as Migration]); }).toThrow(/out of order/);
    expect(() => { journal.registerMigrations('Execution!', executionMigrations); }).toThrow(JournalError);
    expect(() => { journal.registerMigrations('journal', []); }).toThrow(/reserved/);
    journal.close();
  });

  it('refuses to open a file written by a newer version of Ballast', () => {
    const path = tempJournalPath();
    openJournal(path).close();
    tamper(path, (db) => {
      db.prepare("INSERT INTO schema_version VALUES ('journal', 2, 'from the future', 0)").run();
    });
    expect(() => openJournal(path)).toThrow(expect.objectContaining({ code: 'JOURNAL_TOO_NEW' }) as Error);
    const journal = (() => {
      tamper(path, (db) => db.prepare("DELETE FROM schema_version WHERE version = 2 AND namespace = 'journal'").run());
      return openJournal(path);
    })();
    journal.registerMigrations('execution', executionMigrations);
    journal.close();
    const older = openJournal(path);
    expect(() => { older.registerMigrations('execution', executionMigrations.slice(0, 1)); }).toThrow(/newer version/);
    older.close();
  });
});
