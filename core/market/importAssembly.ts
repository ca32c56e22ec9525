import type { Candle } from './candle.ts';
import { MAX_LISTED_PROBLEMS, type ImportErrorCode, type ImportRowProblem, type RowNumbering } from './importProblems.ts';
import { findGaps, mostCommonSpacingMs, timeframeOfSpacing, type ImportLayout, type ImportNote } from './importReport.ts';
import type { TimestampFormat } from './importTimestamp.ts';
import { importFailure, utcLabel } from './importWording.ts';
import type { ImportResult } from './importResult.ts';

/** What the collector gathered while reading rows, in file order. */
export interface CollectedRows {
  readonly candles: Candle[];
  readonly rowNumbers: number[];
  /** The first problems by row number (one per row), at most `MAX_LISTED_PROBLEMS`. */
  readonly problems: ImportRowProblem[];
  problemCount: number;
  readonly formatCounts: Record<TimestampFormat, number>;
  firstSecondsRow: number;
  datesWithoutZone: number;
  commaDecimalRows: number;
  impossibleRows: number;
  timeMixRows: number;
  decimalMixRows: number;
}

export interface AssemblyContext {
  readonly layout: ImportLayout;
  /** Notes the reader made about the file's layout, before any about its rows. */
  readonly notes: readonly ImportNote[];
  readonly rowNumbering: RowNumbering;
  readonly separator: string | null;
}

type Order = 'ascending' | 'descending' | 'mixed';

function orderOf(candles: readonly Candle[]): { order: Order; strictlyAscending: boolean; rowsAfterLaterBar: number } {
  let ascending = true;
  let descending = true;
  let strictlyAscending = true;
  let rowsAfterLaterBar = 0;
  let latestMs = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < candles.length; i++) {
    const t = (candles[i] as Candle).openTimeMs;
    if (i > 0) {
      const previous = (candles[i - 1] as Candle).openTimeMs;
      if (t < previous) ascending = false;
      if (t <= previous) strictlyAscending = false;
      if (t > previous) descending = false;
    }
    if (t < latestMs) rowsAfterLaterBar++;
    else latestMs = t;
  }
  return { order: ascending ? 'ascending' : descending ? 'descending' : 'mixed', strictlyAscending, rowsAfterLaterBar };
}

function sameValues(a: Candle, b: Candle): boolean {
  return a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volumeBase === b.volumeBase && a.quoteVolume === b.quoteVolume;
}

interface Merged {
  readonly candles: Candle[];
  readonly rows: number[];
  readonly duplicates: number;
  readonly firstDuplicateRow: number;
  readonly conflicts: ImportRowProblem[];
}

/** Sorts by time (then row) and keeps each bar once; a repeated time with other values is a conflict. */
function mergeByTime(collected: CollectedRows, order: Order): Merged {
  const { candles, rowNumbers } = collected;
  const indices = Array.from({ length: candles.length }, (_, i) => i);
  if (order === 'descending') indices.reverse();
  if (order === 'mixed') {
    indices.sort((a, b) => (candles[a] as Candle).openTimeMs - (candles[b] as Candle).openTimeMs || (rowNumbers[a] as number) - (rowNumbers[b] as number));
  }
  const kept: Candle[] = [];
  const rows: number[] = [];
  const conflicts: ImportRowProblem[] = [];
  let duplicates = 0;
  let firstDuplicateRow = Number.POSITIVE_INFINITY;
  for (const index of indices) {
    const candle = candles[index] as Candle;
    const row = rowNumbers[index] as number;
    const last = kept[kept.length - 1];
    if (last === undefined || last.openTimeMs !== candle.openTimeMs) {
      kept.push(candle);
      rows.push(row);
      continue;
    }
    const keptRow = rows[rows.length - 1] as number;
    if (sameValues(last, candle)) {
      duplicates++;
      firstDuplicateRow = Math.min(firstDuplicateRow, Math.max(row, keptRow));
    } else {
      const time = utcLabel(candle.openTimeMs);
      conflicts.push({ code: 'SAME_TIME_DIFFERENT_VALUES', params: { row: Math.max(row, keptRow), otherRow: Math.min(row, keptRow), time, atMs: candle.openTimeMs } });
    }
  }
  return { candles: kept, rows, duplicates, firstDuplicateRow, conflicts };
}

function headlineCode(collected: CollectedRows, conflicts: number, total: number): ImportErrorCode {
  if (collected.impossibleRows === total) return 'IMPOSSIBLE_BARS';
  if (conflicts === total) return 'CONFLICTING_ROWS';
  if (collected.timeMixRows === total) return 'MIXED_TIMESTAMP_FORMATS';
  if (collected.decimalMixRows === total) return 'MIXED_DECIMAL_MARKS';
  return 'INVALID_ROWS';
}

function listedProblems(streamed: readonly ImportRowProblem[], late: readonly ImportRowProblem[]): ImportRowProblem[] {
  const all = [...streamed, ...late].sort((a, b) => a.params.row - b.params.row);
  const oneEach = all.filter((problem, i) => i === 0 || (all[i - 1] as ImportRowProblem).params.row !== problem.params.row);
  return oneEach.slice(0, MAX_LISTED_PROBLEMS);
}

function rowNotes(collected: CollectedRows, context: AssemblyContext): ImportNote[] {
  const notes: ImportNote[] = [];
  const counts = collected.formatCounts;
  if (collected.commaDecimalRows > 0) notes.push({ code: 'COMMA_DECIMALS', params: { separator: context.separator === '\t' ? 'tab' : (context.separator ?? '') } });
  if (collected.datesWithoutZone > 0) notes.push({ code: 'DATES_READ_AS_UTC', params: {} });
  if (counts['unix-seconds'] > 0 && counts['unix-milliseconds'] > 0) {
    notes.push({
      code: 'MIXED_SECONDS_AND_MILLISECONDS',
      params: { secondRows: counts['unix-seconds'], millisecondRows: counts['unix-milliseconds'], firstSecondsRow: collected.firstSecondsRow },
    });
  }
  if (counts['unix-microseconds'] > 0) notes.push({ code: 'MICROSECOND_TIMESTAMPS', params: { count: counts['unix-microseconds'] } });
  return notes;
}

function mainFormat(counts: Readonly<Record<TimestampFormat, number>>): TimestampFormat {
  let best: TimestampFormat = 'unix-milliseconds';
  let bestCount = -1;
  for (const format of Object.keys(counts) as TimestampFormat[]) {
    if (counts[format] > bestCount) {
      best = format;
      bestCount = counts[format];
    }
  }
  return best;
}

/**
 * Puts the bars in time order, merges exact repeats and refuses conflicting ones, then reports
 * every normalisation and every gap. Either all rows are sound or nothing is imported.
 */
export function assembleCandles(collected: CollectedRows, context: AssemblyContext): ImportResult {
  const { order, strictlyAscending, rowsAfterLaterBar } = orderOf(collected.candles);
  const merged: Merged = strictlyAscending
    ? { candles: collected.candles, rows: collected.rowNumbers, duplicates: 0, firstDuplicateRow: 0, conflicts: [] }
    : mergeByTime(collected, order);
  const total = collected.problemCount + merged.conflicts.length;
  if (total > 0) {
    const problems = listedProblems(collected.problems, merged.conflicts);
    const code = headlineCode(collected, merged.conflicts.length, total);
    return importFailure(code, { count: total }, problems, total - problems.length, context.rowNumbering);
  }
  const { candles, rows } = merged;
  const first = candles[0];
  const last = candles[candles.length - 1];
  if (first === undefined || last === undefined) return importFailure('NO_CANDLE_ROWS');

  const notes = [...context.notes, ...rowNotes(collected, context)];
  const wasDescending = order === 'descending' && candles.length > 1;
  if (wasDescending) notes.push({ code: 'SORTED_ASCENDING', params: {} });
  if (order === 'mixed') notes.push({ code: 'ROWS_SORTED_BY_TIME', params: { count: rowsAfterLaterBar } });
  if (merged.duplicates > 0) notes.push({ code: 'DUPLICATE_ROWS_MERGED', params: { count: merged.duplicates, firstRow: merged.firstDuplicateRow } });

  const spacingMs = mostCommonSpacingMs(candles);
  const gaps = findGaps(candles, rows, spacingMs);
  let missingBars = 0;
  for (const gap of gaps) missingBars += gap.missingBars;
  return {
    ok: true,
    value: {
      candles,
      timestampFormat: mainFormat(collected.formatCounts),
      wasDescending,
      timeframe: timeframeOfSpacing(spacingMs),
      report: { layout: context.layout, rowsRead: collected.candles.length, bars: candles.length, barMs: spacingMs, notes, gaps, missingBars },
    },
  };
}
