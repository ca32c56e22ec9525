import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach } from 'vitest';
import type { AuditEventInput, Journal } from '../../../core/journal/index.ts';

const folders: string[] = [];

/** A fresh folder per test, removed afterwards; returns a journal path inside it. */
export function tempJournalPath(name = 'journal.sqlite'): string {
  const folder = mkdtempSync(join(tmpdir(), 'ballast-journal-'));
  folders.push(folder);
  return join(folder, name);
}

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

export function sampleEvent(i: number): AuditEventInput {
  const kinds = ['signal', 'risk_decision', 'order', 'exchange_response'] as const;
  const kind = kinds[i % kinds.length] ?? 'signal';
  return {
    atMs: 1_600_000_000_000 + i * 60_000,
    kind,
    subject: kind === 'order' || kind === 'exchange_response' ? `ballast-cid-${Math.floor(i / 4)}` : 'BTC/USDT',
    payload: { i, score: (i % 7) / 7 - 0.5, rationale: `step ${i}`, features: { rsi: 40 + (i % 20), smaFast: 43_120.5 + i } },
  };
}

export function appendSamples(journal: Journal, count: number): void {
  journal.batch(() => {
    for (let i = 0; i < count; i++) journal.append(sampleEvent(i));
  });
}

/**
 * Edits the file as a person with another SQLite tool would: first drops the append-only
 * triggers, then runs `edit` on a separate connection.
 */
export function tamper(path: string, edit: (db: DatabaseSync) => void): void {
  const db = new DatabaseSync(path);
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_events_no_update; DROP TRIGGER IF EXISTS audit_events_no_delete;');
    edit(db);
  } finally {
    db.close();
  }
}

export interface RawAuditRow {
  seq: number;
  at_ms: number;
  kind: string;
  subject: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

export function rawRow(db: DatabaseSync, seq: number): RawAuditRow {
  const row = db.prepare('SELECT seq, at_ms, kind, subject, payload, prev_hash, hash FROM audit_events WHERE seq = ?').get(seq);
  if (row === undefined) throw new Error(`no row ${seq}`);
  return row as unknown as RawAuditRow;
}
