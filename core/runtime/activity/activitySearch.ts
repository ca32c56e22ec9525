import type { AuditEvent, AuditExportSource, AuditFilter, JournalReader } from '../../journal/index.ts';
import { summarizeActivity } from './activitySummary.ts';

/**
 * The Activity search finds what the table shows. A person types the words they read there
 * ("bought", "Trend follower", "scored"), and those words exist only in the one-line summary,
 * which is built from the stored details as each entry is shown. So an entry matches when the
 * words are in its summary, its subject or its stored details (an order id, a reason code),
 * ignoring case; the journal's own text filter sees only the stored details.
 *
 * Matching reads every entry the other filters let through, one page at a time: a search is
 * one request when the person presses Search, not one per keystroke.
 */

const SCAN_PAGE = 1_000;

/** Unicode minus and hyphen alike, so "-0.15" finds "−0.15". */
const folded = (text: string): string => text.toLowerCase().replaceAll('−', '-');

export function matchesShownWords(event: AuditEvent, text: string): boolean {
  const wanted = folded(text.trim());
  if (wanted === '') return true;
  return (
    folded(event.payloadJson).includes(wanted) ||
    folded(event.subject ?? '').includes(wanted) ||
    folded(summarizeActivity(event.kind, event.subject, event.payloadJson)).includes(wanted)
  );
}

export interface WordsPage {
  /** Newest first, at most `limit`. */
  readonly events: AuditEvent[];
  readonly nextBeforeSeq: number | undefined;
  /** Every entry that matches, in the whole journal. */
  readonly matching: number;
}

/** Entries newest first, matching `filter` and the words, starting below `beforeSeq`. */
export function searchShownWords(reader: Pick<JournalReader, 'query'>, filter: AuditFilter, text: string, limit: number, beforeSeq?: number): WordsPage {
  const events: AuditEvent[] = [];
  let matching = 0;
  let more = false;
  let cursor: number | undefined;
  for (;;) {
    const page = reader.query({ ...filter, limit: SCAN_PAGE, ...(cursor === undefined ? {} : { beforeSeq: cursor }) });
    for (const event of page.events) {
      if (!matchesShownWords(event, text)) continue;
      matching += 1;
      if (beforeSeq !== undefined && event.seq >= beforeSeq) continue;
      if (events.length < limit) events.push(event);
      else more = true;
    }
    if (page.nextBeforeSeq === undefined) break;
    cursor = page.nextBeforeSeq;
  }
  const last = events.at(-1);
  return { events, nextBeforeSeq: more && last !== undefined ? last.seq : undefined, matching };
}

/** An export source that yields only the entries matching the words, so the file holds what the table showed. */
export function shownWordsSource(source: AuditExportSource, text: string): AuditExportSource {
  return {
    head: () => source.head(),
    readAscending(filter, afterSeq, maxSeq, limit) {
      const kept: AuditEvent[] = [];
      let cursor = afterSeq;
      while (kept.length < limit) {
        const page = source.readAscending(filter, cursor, maxSeq, SCAN_PAGE);
        for (const event of page) {
          if (kept.length < limit && matchesShownWords(event, text)) kept.push(event);
          cursor = event.seq;
          if (kept.length === limit) break;
        }
        if (page.length < SCAN_PAGE) break;
      }
      return kept;
    },
  };
}
