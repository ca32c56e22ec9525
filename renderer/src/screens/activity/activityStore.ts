import { create } from 'zustand';
import {
  ACTIVITY_KINDS,
  type ActivityExportFormat,
  type ActivityFilters,
  type ActivityJournal,
  type ActivityKind,
  type ActivityRow,
  type ActivityVerification,
  type ContractErrorPayload,
} from '#core/contract/index.ts';
import { ballast } from '../../ballast.ts';
import { fileNameTime, timeRange, type RangeProblem, type TimeBound } from './localDateTime.ts';
import { saveTextFile } from './saveTextFile.ts';

const PAGE_SIZE = 50;

export interface ActivityFilterState {
  readonly kinds: readonly ActivityKind[];
  readonly text: string;
  readonly fromMs: number | undefined;
  readonly toMs: number | undefined;
  readonly subject: string | undefined;
}

export const NO_FILTERS: ActivityFilterState = { kinds: ACTIVITY_KINDS, text: '', fromMs: undefined, toMs: undefined, subject: undefined };

export type ExportNotice =
  | { readonly kind: 'saved'; readonly fileName: string; readonly entries: number }
  | { readonly kind: 'empty' }
  | { readonly kind: 'truncated'; readonly fileName: string; readonly entries: number; readonly matching: number };

interface ActivityState {
  readonly journals: readonly ActivityJournal[] | null;
  readonly journalId: string | null;
  readonly filters: ActivityFilterState;
  /** Changes when the filters are reset from outside the filter form, so the form starts afresh. */
  readonly filtersEpoch: number;
  readonly rows: readonly ActivityRow[];
  readonly nextBeforeSeq: number | null;
  /** Set when the list starts at an older entry (after "Show entry N") instead of the newest. */
  readonly startBeforeSeq: number | null;
  /** The entry "Show entry N" asked for, brought into view once its page is there. */
  readonly focusSeq: number | null;
  readonly matchingEntries: number;
  readonly totalEntries: number;
  readonly loadingRows: boolean;
  readonly verification: ActivityVerification | null;
  readonly verifying: boolean;
  readonly exporting: boolean;
  readonly exportNotice: ExportNotice | null;
  readonly error: ContractErrorPayload | null;
  /** The time range typed cannot be used: no entries are shown until it is fixed, so none look like its answer. */
  readonly rangeProblem: RangeProblem | null;
}

interface ActivityActions {
  readonly load: () => Promise<void>;
  readonly selectJournal: (journalId: string) => Promise<void>;
  readonly setFilters: (changes: Partial<ActivityFilterState>) => Promise<void>;
  /** The time range as typed; applied when it can be used, otherwise the entries are held back with the reason. */
  readonly setTimeRange: (from: TimeBound, to: TimeBound) => Promise<void>;
  readonly loadOlder: () => Promise<void>;
  readonly showEntry: (seq: number) => Promise<void>;
  readonly showNewest: () => Promise<void>;
  readonly verify: () => Promise<void>;
  readonly exportAs: (format: ActivityExportFormat) => Promise<void>;
}

/** The filters as the contract takes them: kinds only when some are left out, text only when typed. */
export function contractFilters(filters: ActivityFilterState): ActivityFilters {
  const text = filters.text.trim();
  return {
    ...(filters.kinds.length === ACTIVITY_KINDS.length ? {} : { kinds: [...filters.kinds] }),
    ...(text === '' ? {} : { text }),
    ...(filters.fromMs === undefined ? {} : { fromMs: filters.fromMs }),
    ...(filters.toMs === undefined ? {} : { toMs: filters.toMs }),
    ...(filters.subject === undefined ? {} : { subject: filters.subject }),
  };
}

export const timeRangeInOrder = (filters: ActivityFilterState): boolean =>
  filters.fromMs === undefined || filters.toMs === undefined || filters.fromMs < filters.toMs;

/**
 * A file name a person can read: the journal (Ballast itself, or a paper run by its start) and
 * the time it was saved, in their own time zone, e.g. ballast-activity-paper-run-2026-12-04_16-43-filtered.csv.
 */
export function exportFileName(journal: ActivityJournal | undefined, format: ActivityExportFormat, filtered: boolean, savedAtMs: number): string {
  const which = journal?.startedAtMs === null || journal === undefined ? 'app' : `paper-run-${fileNameTime(journal.startedAtMs)}`;
  return `ballast-activity-${which}-saved-${fileNameTime(savedAtMs)}${filtered ? '-filtered' : ''}.${format}`;
}

/** The journal to open first: the bot's current run, else the newest run, else Ballast's own. */
function defaultJournal(journals: readonly ActivityJournal[]): string | null {
  return (journals.find((j) => j.isCurrent) ?? journals.find((j) => j.kind === 'paper') ?? journals[0])?.id ?? null;
}

export const useActivityStore = create<ActivityState & ActivityActions>()((set, get) => {
  /** Answers to an older request (another journal, other filters) are dropped. */
  let generation = 0;

  const loadFirstPage = async (beforeSeq: number | null, focusSeq: number | null = null): Promise<void> => {
    const { journalId, filters, rangeProblem } = get();
    if (journalId === null) return;
    const mine = ++generation;
    if (rangeProblem !== null || !timeRangeInOrder(filters)) {
      set({ loadingRows: false, rows: [], nextBeforeSeq: null, matchingEntries: 0, error: null });
      return;
    }
    set({ loadingRows: true, error: null, startBeforeSeq: beforeSeq, focusSeq });
    const result = await ballast().queryActivity({
      journal: journalId, ...contractFilters(filters), limit: PAGE_SIZE, ...(beforeSeq === null ? {} : { beforeSeq }),
    });
    if (mine !== generation) return;
    if (!result.ok) {
      set({ loadingRows: false, rows: [], nextBeforeSeq: null, error: result.error });
      return;
    }
    const { rows, nextBeforeSeq, matchingEntries, totalEntries } = result.value;
    set({ loadingRows: false, rows, nextBeforeSeq, matchingEntries, totalEntries });
  };

  return {
    journals: null,
    journalId: null,
    filters: NO_FILTERS,
    filtersEpoch: 0,
    rows: [],
    nextBeforeSeq: null,
    startBeforeSeq: null,
    focusSeq: null,
    matchingEntries: 0,
    totalEntries: 0,
    loadingRows: false,
    verification: null,
    verifying: false,
    exporting: false,
    exportNotice: null,
    error: null,
    rangeProblem: null,

    async load() {
      const result = await ballast().listJournals();
      if (!result.ok) {
        set({ error: result.error });
        return;
      }
      const journals = result.value;
      const kept = journals.some((j) => j.id === get().journalId) ? get().journalId : defaultJournal(journals);
      set({ journals });
      if (kept !== null) await get().selectJournal(kept);
    },
    async selectJournal(journalId) {
      set({ journalId, verification: null, exportNotice: null, filters: { ...get().filters, subject: undefined }, rows: [], nextBeforeSeq: null });
      await Promise.all([loadFirstPage(null), get().verify()]);
    },
    async setFilters(changes) {
      const cleared = changes.fromMs === undefined && changes.toMs === undefined && 'fromMs' in changes && 'toMs' in changes;
      set({ filters: { ...get().filters, ...changes }, exportNotice: null, ...(cleared ? { rangeProblem: null } : {}) });
      await loadFirstPage(null);
    },
    async setTimeRange(from, to) {
      const range = timeRange(from, to);
      if (!range.ok) {
        set({ rangeProblem: range.problem, exportNotice: null });
        await loadFirstPage(null);
        return;
      }
      set({ rangeProblem: null, filters: { ...get().filters, fromMs: range.fromMs, toMs: range.toMs }, exportNotice: null });
      await loadFirstPage(null);
    },
    async loadOlder() {
      const { journalId, filters, nextBeforeSeq, rows } = get();
      if (journalId === null || nextBeforeSeq === null) return;
      const mine = generation;
      set({ loadingRows: true });
      const result = await ballast().queryActivity({ journal: journalId, ...contractFilters(filters), limit: PAGE_SIZE, beforeSeq: nextBeforeSeq });
      if (mine !== generation) return;
      if (!result.ok) {
        set({ loadingRows: false, error: result.error });
        return;
      }
      set({ loadingRows: false, rows: [...rows, ...result.value.rows], nextBeforeSeq: result.value.nextBeforeSeq, matchingEntries: result.value.matchingEntries });
    },
    async showEntry(seq) {
      set({ filters: NO_FILTERS, filtersEpoch: get().filtersEpoch + 1, rangeProblem: null });
      // A few newer entries stay visible above it, for context.
      await loadFirstPage(seq + 3, seq);
    },
    async showNewest() {
      await loadFirstPage(null);
    },
    async verify() {
      const { journalId } = get();
      if (journalId === null) return;
      set({ verifying: true });
      const result = await ballast().verifyActivity({ journal: journalId });
      if (get().journalId !== journalId) return;
      set(result.ok ? { verifying: false, verification: result.value } : { verifying: false, error: result.error });
    },
    async exportAs(format) {
      const { journalId, filters, journals, rangeProblem } = get();
      if (journalId === null || rangeProblem !== null) return;
      set({ exporting: true, exportNotice: null, error: null });
      const result = await ballast().exportActivity({ journal: journalId, format, filters: contractFilters(filters) });
      if (!result.ok) {
        set({ exporting: false, error: result.error });
        return;
      }
      const { mimeType, content, entries, matchingEntries, truncated } = result.value;
      // A file with no entries would only look like evidence: nothing is saved, and the person is told.
      if (entries === 0) {
        set({ exporting: false, exportNotice: { kind: 'empty' } });
        return;
      }
      const contract = contractFilters(filters);
      const fileName = exportFileName(journals?.find((journal) => journal.id === journalId), format, Object.keys(contract).length > 0, Date.now());
      saveTextFile(fileName, mimeType, content);
      set({
        exporting: false,
        exportNotice: truncated ? { kind: 'truncated', fileName, entries, matching: matchingEntries } : { kind: 'saved', fileName, entries },
      });
    },
  };
});
