import {
  MAX_ACTIVITY_DETAILS_CHARS,
  type ActivityFilters,
  type ActivityJournalId,
  type ActivityRow,
  type ActivityVerification,
  type CommandHandlers,
} from '../../contract/index.ts';
import { verifyJournal, type AuditEvent, type AuditFilter } from '../../journal/index.ts';
import { cappedExport } from './activityExport.ts';
import { searchShownWords, shownWordsSource } from './activitySearch.ts';
import { listActivityJournals, resolveJournal, withReader, type ActivitySources } from './activityJournals.ts';
import { summarizeActivity } from './activitySummary.ts';

type ActivityCommand = 'listJournals' | 'queryActivity' | 'verifyActivity' | 'exportActivity';

/**
 * Only the fields given: the journal reads `undefined` and "absent" alike, but this keeps
 * requests exact. The words searched for are matched here (activitySearch.ts), against what
 * the table shows, not by the journal.
 */
function auditFilter(filters: ActivityFilters): AuditFilter {
  return {
    ...(filters.kinds === undefined ? {} : { kinds: filters.kinds }),
    ...(filters.subject === undefined ? {} : { subject: filters.subject }),
    ...(filters.fromMs === undefined ? {} : { fromMs: filters.fromMs }),
    ...(filters.toMs === undefined ? {} : { toMs: filters.toMs }),
  };
}

const searchedWords = (filters: ActivityFilters): string => filters.text?.trim() ?? '';

function activityRow(event: AuditEvent): ActivityRow {
  const truncated = event.payloadJson.length > MAX_ACTIVITY_DETAILS_CHARS;
  return {
    seq: event.seq,
    atMs: event.atMs,
    kind: event.kind,
    subject: event.subject,
    summary: summarizeActivity(event.kind, event.subject, event.payloadJson),
    details: truncated ? event.payloadJson.slice(0, MAX_ACTIVITY_DETAILS_CHARS) : event.payloadJson,
    detailsTruncated: truncated,
    hash: event.hash,
  };
}

function verify(sources: ActivitySources, id: ActivityJournalId): ActivityVerification {
  const journal = resolveJournal(sources, id);
  const result = verifyJournal(journal.path, journal.anchor === undefined ? {} : { anchor: journal.anchor });
  const checkedAtMs = sources.nowMs();
  if (result.ok) {
    return { status: 'intact', entriesChecked: result.rows, head: result.head ?? null, anchored: journal.anchor !== undefined, checkedAtMs };
  }
  return {
    status: 'broken',
    firstBrokenSeq: result.firstBrokenSeq,
    reason: result.reason,
    message: result.message,
    // The technical detail names rows and hashes; a file path would mean nothing to the person.
    detail: result.detail.replaceAll(journal.path, 'the journal file').slice(0, 1000),
    checkedAtMs,
  };
}

/** Handlers behind the Activity screen. Every journal is read through its own read-only connection. */
export function activityHandlers(sources: ActivitySources): Pick<CommandHandlers, ActivityCommand> {
  return {
    listJournals: () => listActivityJournals(sources),
    queryActivity: ({ journal, beforeSeq, limit, ...filters }) =>
      withReader(resolveJournal(sources, journal), (reader) => {
        const filter = auditFilter(filters);
        const words = searchedWords(filters);
        if (words !== '') {
          const found = searchShownWords(reader, filter, words, limit, beforeSeq);
          return { rows: found.events.map(activityRow), nextBeforeSeq: found.nextBeforeSeq ?? null, matchingEntries: found.matching, totalEntries: reader.count() };
        }
        const page = reader.query({ ...filter, limit, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
        return {
          rows: page.events.map(activityRow),
          nextBeforeSeq: page.nextBeforeSeq ?? null,
          matchingEntries: reader.count(filter),
          totalEntries: reader.count(),
        };
      }),
    verifyActivity: ({ journal }) => verify(sources, journal),
    exportActivity: ({ journal, format, filters }) =>
      withReader(resolveJournal(sources, journal), (reader) => {
        const filter = auditFilter(filters);
        const words = searchedWords(filters);
        const exported = cappedExport(words === '' ? reader : shownWordsSource(reader, words), format, filter);
        const filtered = Object.keys(filter).length > 0 || words !== '';
        return {
          fileName: `ballast-activity-${journal}${filtered ? '-filtered' : ''}.${format}`,
          mimeType: format === 'csv' ? 'text/csv' : 'application/json',
          content: exported.content,
          entries: exported.entries,
          matchingEntries: words === '' ? reader.count(filter) : searchShownWords(reader, filter, words, 1).matching,
          truncated: exported.truncated,
        };
      }),
  };
}
