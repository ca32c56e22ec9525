import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GENESIS_PREV_HASH, HASH_ALGORITHM, HASH_INPUT_FORMAT } from './auditChain.ts';
import type { AuditFilter } from './auditQuery.ts';
import type { AuditEvent } from './auditTypes.ts';
import type { Journal } from './journal.ts';

export type AuditExportFormat = 'csv' | 'json';

/** What an export reads from: the writing `Journal`, or a `JournalReader` on the same file. */
export type AuditExportSource = Pick<Journal, 'head' | 'readAscending'>;

const PAGE_SIZE = 500;

export const CSV_COLUMNS = ['seq', 'at_utc', 'at_ms', 'kind', 'subject', 'payload', 'prev_hash', 'hash'] as const;

/** RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A spreadsheet would run a cell starting with = + - @ as a formula. Only the subject can start
 * that way (the payload is JSON, the other columns are generated), so only it gets a leading
 * apostrophe; verify hashes from the JSON export, which is exact.
 */
function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvLine(event: AuditEvent): string {
  return `${[
    String(event.seq),
    new Date(event.atMs).toISOString(),
    String(event.atMs),
    event.kind,
    csvField(spreadsheetSafe(event.subject ?? '')),
    csvField(event.payloadJson),
    event.prevHash,
    event.hash,
  ].join(',')}\r\n`;
}

/** The stored canonical payload is embedded as is, so hashes can be recomputed from the file. */
function jsonEvent(event: AuditEvent): string {
  return (
    `{"seq":${event.seq},"atMs":${event.atMs},"atUtc":"${new Date(event.atMs).toISOString()}","kind":${JSON.stringify(event.kind)},` +
    `"subject":${JSON.stringify(event.subject)},"payload":${event.payloadJson},"prevHash":"${event.prevHash}","hash":"${event.hash}"}`
  );
}

function* eventsOldestFirst(journal: AuditExportSource, filter: AuditFilter): Generator<AuditEvent> {
  // Rows appended while the export runs are left out, so the file is one consistent snapshot.
  const lastSeq = journal.head()?.seq ?? 0;
  let afterSeq = 0;
  for (;;) {
    const page = journal.readAscending(filter, afterSeq, lastSeq, PAGE_SIZE);
    yield* page;
    const last = page[page.length - 1];
    if (page.length < PAGE_SIZE || last === undefined) return;
    afterSeq = last.seq;
  }
}

interface RowCounter {
  rows: number;
}

function* exportChunks(journal: AuditExportSource, format: AuditExportFormat, filter: AuditFilter, counter: RowCounter): Generator<string> {
  if (format === 'csv') {
    yield `${CSV_COLUMNS.join(',')}\r\n`;
    for (const event of eventsOldestFirst(journal, filter)) {
      counter.rows++;
      yield csvLine(event);
    }
    return;
  }
  const header = { format: 'ballast-audit-log', version: 1, hashAlgorithm: HASH_ALGORITHM, hashInput: HASH_INPUT_FORMAT, genesisPrevHash: GENESIS_PREV_HASH };
  yield `${JSON.stringify(header).slice(0, -1)},"events":[`;
  for (const event of eventsOldestFirst(journal, filter)) {
    yield `${counter.rows === 0 ? '\n' : ',\n'}${jsonEvent(event)}`;
    counter.rows++;
  }
  yield '\n]}\n';
}

/**
 * The export as text chunks, oldest row first, one page of rows read at a time: memory stays
 * flat however long the journal is. CSV has a header line; JSON is one object describing the
 * hash chain with an `events` array, one event per line.
 */
export function auditExportChunks(journal: AuditExportSource, format: AuditExportFormat, filter: AuditFilter = {}): Generator<string> {
  return exportChunks(journal, format, filter, { rows: 0 });
}

/** Writes the export to a file with back-pressure; resolves with the number of rows written. */
export async function exportAuditLog(journal: AuditExportSource, filePath: string, format: AuditExportFormat, filter: AuditFilter = {}): Promise<{ rows: number }> {
  const counter: RowCounter = { rows: 0 };
  await pipeline(Readable.from(exportChunks(journal, format, filter, counter)), createWriteStream(filePath));
  return { rows: counter.rows };
}
