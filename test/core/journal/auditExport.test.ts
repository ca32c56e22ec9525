import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { auditExportChunks, auditRowHash, CSV_COLUMNS, csvField, exportAuditLog, GENESIS_PREV_HASH, openJournal, type Journal } from '../../../core/journal/index.ts';
import { appendSamples, tempJournalPath } from './journalFixtures.ts';

/** A strict RFC 4180 reader, independent of the writer under test. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const character = text.charAt(i);
    if (quoted) {
      if (character === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"' && field === '') quoted = true;
    else if (character === ',') { record.push(field); field = ''; }
    else if (character === '\r' && text[i + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; i++; }
    else field += character;
  }
  if (field !== '' || record.length > 0) throw new Error('CSV does not end with CRLF');
  return records;
}

const exportSchema = z.object({
  format: z.literal('ballast-audit-log'),
  version: z.literal(1),
  hashAlgorithm: z.literal('sha256'),
  genesisPrevHash: z.string(),
  events: z.array(z.object({
    seq: z.number(), atMs: z.number(), atUtc: z.string(), kind: z.string(), subject: z.string().nullable(),
    payload: z.unknown(), prevHash: z.string(), hash: z.string(),
  })),
});

function trickyJournal(): Journal {
  const journal = openJournal(':memory:');
  journal.append({ atMs: 0, kind: 'person_action', subject: '=HYPERLINK("http://evil.test")', payload: { note: 'pressed "Kill", then said: ok,\nsure\r\nline' } });
  journal.append({ atMs: 1_600_000_000_000, kind: 'order', subject: 'ballast-cid-1', payload: { side: 'buy', amountBase: 0.00078, priceQuote: 43_120.5 } });
  journal.append({ atMs: 1_600_000_060_000, kind: 'alert', payload: ['a', 'b,c'] });
  return journal;
}

describe('audit export', () => {
  it('CSV: header, one record per row, payload JSON quoted so it parses back exactly', () => {
    const journal = trickyJournal();
    const text = [...auditExportChunks(journal, 'csv')].join('');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const events = journal.query({ limit: 10 }).events.reverse();
    rows.forEach((row, i) => {
      const event = events[i];
      expect(row[0]).toBe(String(event?.seq));
      expect(row[5]).toBe(event?.payloadJson);
      expect(row[7]).toBe(event?.hash);
    });
    expect(rows[0]?.[1]).toBe('1970-01-01T00:00:00.000Z');
    expect(rows[0]?.[4]).toBe('\'=HYPERLINK("http://evil.test")');
    expect(JSON.parse(rows[0]?.[5] ?? '')).toEqual({ note: 'pressed "Kill", then said: ok,\nsure\r\nline' });
    journal.close();
  });

  it('csvField quotes only what needs quoting', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('JSON: the chain can be recomputed from the export alone', () => {
    const journal = trickyJournal();
    const parsed = exportSchema.parse(JSON.parse([...auditExportChunks(journal, 'json')].join('')));
    expect(parsed.events).toHaveLength(3);
    let prevHash = parsed.genesisPrevHash;
    expect(prevHash).toBe(GENESIS_PREV_HASH);
    for (const event of parsed.events) {
      expect(event.prevHash).toBe(prevHash);
      const recomputed = auditRowHash({ ...event, payloadJson: JSON.stringify(event.payload) });
      expect(recomputed).toBe(event.hash);
      prevHash = event.hash;
    }
    journal.close();
  });

  it('exports only the filtered rows, and an empty export is still valid', () => {
    const journal = trickyJournal();
    const orders = exportSchema.parse(JSON.parse([...auditExportChunks(journal, 'json', { kinds: ['order'] })].join('')));
    expect(orders.events.map((event) => event.kind)).toEqual(['order']);
    const none = exportSchema.parse(JSON.parse([...auditExportChunks(journal, 'json', { subject: 'nothing' })].join('')));
    expect(none.events).toEqual([]);
    expect(parseCsv([...auditExportChunks(journal, 'csv', { subject: 'nothing' })].join(''))).toHaveLength(1);
    journal.close();
  });

  it('streams a long journal to a file page by page, leaving out rows appended during the export', async () => {
    const journal = openJournal(tempJournalPath());
    appendSamples(journal, 1_234);
    const chunks = auditExportChunks(journal, 'csv');
    const firstChunks = [chunks.next(), chunks.next()];
    expect(firstChunks.every((chunk) => chunk.done !== true)).toBe(true);
    appendSamples(journal, 10);
    const rest = [...chunks];
    expect(rest).toHaveLength(1_234 - 1);
    const path = tempJournalPath('export.json');
    const { rows } = await exportAuditLog(journal, path, 'json');
    expect(rows).toBe(1_244);
    expect(exportSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).events).toHaveLength(1_244);
    const csvPath = tempJournalPath('export.csv');
    expect(await exportAuditLog(journal, csvPath, 'csv', { kinds: ['order'] })).toEqual({ rows: 310 });
    expect(parseCsv(readFileSync(csvPath, 'utf8'))).toHaveLength(311);
    journal.close();
  });
});
