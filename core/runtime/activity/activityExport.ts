import { MAX_ACTIVITY_EXPORT_CHARS, type ActivityExportFormat } from '../../contract/index.ts';
import { auditExportChunks, type AuditExportSource, type AuditFilter } from '../../journal/index.ts';

export interface CappedExport {
  readonly content: string;
  readonly entries: number;
  readonly truncated: boolean;
}

/**
 * The journal's own export format (core/journal), held in memory for the page to save, cut at a
 * size limit so one request can never ask for an unbounded string. When cut, the oldest entries
 * are kept, whole, and a JSON export is still closed properly, so the file stays readable.
 *
 * The export yields a header chunk, one chunk per entry, and for JSON a closing chunk.
 */
export function cappedExport(source: AuditExportSource, format: ActivityExportFormat, filter: AuditFilter, maxChars = MAX_ACTIVITY_EXPORT_CHARS): CappedExport {
  const chunks = auditExportChunks(source, format, filter);
  const header = chunks.next();
  let content = header.done === true ? '' : header.value;
  let entries = 0;
  // One chunk of look-ahead: for JSON the last chunk closes the file and is not an entry.
  let pending: string | undefined;
  const closing = format === 'json' ? closingOf(source) : '';
  for (const chunk of chunks) {
    if (pending !== undefined) {
      if (content.length + pending.length + closing.length > maxChars) {
        return { content: content + closing, entries, truncated: true };
      }
      content += pending;
      entries += 1;
    }
    pending = chunk;
  }
  if (pending === undefined) return { content, entries, truncated: false };
  if (format === 'json') return { content: content + pending, entries, truncated: false };
  if (content.length + pending.length > maxChars) return { content, entries, truncated: true };
  return { content: content + pending, entries: entries + 1, truncated: false };
}

/** What closes a JSON export, taken from an export that matches nothing, so the format stays defined in one place. */
function closingOf(source: AuditExportSource): string {
  const empty = [...auditExportChunks(source, 'json', { kinds: [] })];
  return empty.length > 1 ? (empty.at(-1) ?? '') : '';
}
