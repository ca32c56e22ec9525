import { z } from 'zod';
import {
  ActivityExport, ActivityExportFormat, ActivityFilters, ActivityJournal, ActivityJournalId, ActivityPage, ActivityQuery, ActivityVerification,
} from '../activity.ts';
import { command, NoInput } from '../command.ts';

/** The Activity screen: read, filter, verify and export the audit trail. */
export const activityCommands = {
  listJournals: command({
    summary: 'Ballast’s own journal and every paper run’s journal, newest run first, with plain labels.',
    input: NoInput,
    output: z.array(ActivityJournal),
  }),
  queryActivity: command({
    summary: 'One page of a journal’s entries, newest first, filtered, each with a one-line summary and its details.',
    input: ActivityQuery,
    output: ActivityPage,
  }),
  verifyActivity: command({
    summary: 'Check every entry of a journal against its fingerprint; report the first one changed.',
    input: z.strictObject({ journal: ActivityJournalId }),
    output: ActivityVerification,
  }),
  exportActivity: command({
    summary: 'A journal’s entries (filtered, oldest first) as CSV or JSON text for the page to save; at most about 20 MB.',
    input: z.strictObject({ journal: ActivityJournalId, format: ActivityExportFormat, filters: ActivityFilters.default({}) }),
    output: ActivityExport,
  }),
};
