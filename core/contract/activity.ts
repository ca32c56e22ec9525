import { z } from 'zod';

/**
 * The Activity screen: the audit trail of a journal, read, filtered, verified and exported.
 * A journal is named by an id, never by a path, so the page cannot point Ballast at a file.
 */

/** What an audit entry is about (mirrors core/journal's AUDIT_KINDS, checked by a test). */
export const ACTIVITY_KINDS = [
  'signal',
  'risk_decision',
  'order',
  'fill',
  'exchange_response',
  'state_change',
  'person_action',
  'alert',
  'system',
] as const;
export const ActivityKind = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof ActivityKind>;

/** `app`: Ballast's own journal. `paper-<start time in ms>`: one paper run's journal. */
export const ActivityJournalId = z.string().regex(/^(app|paper-\d{1,16})$/, 'not a journal id');
export type ActivityJournalId = z.infer<typeof ActivityJournalId>;

export const ActivityJournal = z.strictObject({
  id: ActivityJournalId,
  kind: z.enum(['app', 'paper']),
  /** e.g. "Paper run: Trend follower on DEMO/USDT" or "Ballast app". */
  label: z.string().max(200),
  /** What this journal holds, in plain words. */
  description: z.string().max(500),
  /** When the run was started (wall clock), null for the app journal. */
  startedAtMs: z.number().int().nonnegative().nullable(),
  /** The paper run the bot has open now (running or stopped, with its account). */
  isCurrent: z.boolean(),
  /** Entries in the journal, or null when the file cannot be read (see `problem`). */
  entries: z.number().int().nonnegative().nullable(),
  problem: z.string().max(500).nullable(),
});
export type ActivityJournal = z.infer<typeof ActivityJournal>;

/** Every field narrows; none given means every entry. `kinds: []` matches nothing. */
const filterFields = {
  kinds: z.array(ActivityKind).max(ACTIVITY_KINDS.length).optional(),
  /** Exact subject: a market such as BTC/USDT, or an order id. */
  subject: z.string().min(1).max(200).optional(),
  /** Words found anywhere in the entry's details or subject (not case-sensitive). */
  text: z.string().max(200).optional(),
  /** Inclusive start, by the bot's clock. */
  fromMs: z.number().int().nonnegative().optional(),
  /** Exclusive end, by the bot's clock. */
  toMs: z.number().int().nonnegative().optional(),
};

const timeRangeInOrder = (filters: { fromMs?: number | undefined; toMs?: number | undefined }): boolean =>
  filters.fromMs === undefined || filters.toMs === undefined || filters.fromMs < filters.toMs;
const TIME_RANGE_ISSUE = { message: 'the start of the time range must be before its end', path: ['toMs'] };

export const ActivityFilters = z.strictObject(filterFields).refine(timeRangeInOrder, TIME_RANGE_ISSUE);
export type ActivityFilters = z.infer<typeof ActivityFilters>;

export const MAX_ACTIVITY_PAGE = 200;

export const ActivityQuery = z
  .strictObject({
    journal: ActivityJournalId,
    ...filterFields,
    /** Cursor: only entries older than this one (the previous page's `nextBeforeSeq`). */
    beforeSeq: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(MAX_ACTIVITY_PAGE).default(50),
  })
  .refine(timeRangeInOrder, TIME_RANGE_ISSUE);
export type ActivityQueryInput = z.input<typeof ActivityQuery>;

/** Most characters of one entry's details sent to the page; the export always has all of them. */
export const MAX_ACTIVITY_DETAILS_CHARS = 50_000;

export const ActivityRow = z.strictObject({
  /** Position in the chain: entry 1, 2, 3… */
  seq: z.number().int().positive(),
  /** By the bot's clock: in a replay, the time of the replayed prices. */
  atMs: z.number().int().nonnegative(),
  kind: ActivityKind,
  /** A market, an order id, or null for the bot as a whole. */
  subject: z.string().max(200).nullable(),
  /** One line in plain words, built from the details. */
  summary: z.string().max(400),
  /** The entry's details as stored (JSON, secrets already removed). */
  details: z.string().max(MAX_ACTIVITY_DETAILS_CHARS),
  detailsTruncated: z.boolean(),
  /** The entry's fingerprint in the hash chain. */
  hash: z.string().max(64),
});
export type ActivityRow = z.infer<typeof ActivityRow>;

export const ActivityPage = z.strictObject({
  /** Newest first. */
  rows: z.array(ActivityRow).max(MAX_ACTIVITY_PAGE),
  /** Pass as `beforeSeq` to get older entries; null when this page reached the oldest. */
  nextBeforeSeq: z.number().int().positive().nullable(),
  /** Entries matching the filters, and in the whole journal. */
  matchingEntries: z.number().int().nonnegative(),
  totalEntries: z.number().int().nonnegative(),
});
export type ActivityPage = z.infer<typeof ActivityPage>;

export const ActivityVerification = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('intact'),
    entriesChecked: z.number().int().nonnegative(),
    /** The newest entry and its fingerprint: note it down to prove later that nothing was cut off. */
    head: z.strictObject({ seq: z.number().int().positive(), hash: z.string().max(64) }).nullable(),
    /**
     * Also compared with the last entry Ballast itself wrote to this journal since it started,
     * so entries removed at the end, or a chain rewritten from some entry on, would be noticed.
     */
    anchored: z.boolean(),
    checkedAtMs: z.number().int().nonnegative(),
  }),
  z.strictObject({
    status: z.literal('broken'),
    /** The first entry that is not what was originally written; null when the file cannot be read. */
    firstBrokenSeq: z.number().int().positive().nullable(),
    reason: z.string().max(64),
    /** What was found, in plain words. */
    message: z.string().max(500),
    /** Technical detail, one click away. */
    detail: z.string().max(1000),
    checkedAtMs: z.number().int().nonnegative(),
  }),
]);
export type ActivityVerification = z.infer<typeof ActivityVerification>;

/** Largest export handed to the page (about 20 MB); beyond it, the oldest entries are kept and the rest left out. */
export const MAX_ACTIVITY_EXPORT_CHARS = 20_000_000;

export const ActivityExportFormat = z.enum(['csv', 'json']);
export type ActivityExportFormat = z.infer<typeof ActivityExportFormat>;

export const ActivityExport = z.strictObject({
  fileName: z.string().max(120),
  mimeType: z.enum(['text/csv', 'application/json']),
  content: z.string().max(MAX_ACTIVITY_EXPORT_CHARS),
  /** Entries in the file, and entries the filters matched (more when the export was cut at the size limit). */
  entries: z.number().int().nonnegative(),
  matchingEntries: z.number().int().nonnegative(),
  truncated: z.boolean(),
});
export type ActivityExport = z.infer<typeof ActivityExport>;
