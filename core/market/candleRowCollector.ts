import { cellText, decimalMarkOf, readNumberCell } from './importCell.ts';
import { assembleCandles, type CollectedRows } from './importAssembly.ts';
import {
  IMPOSSIBLE_BAR_CODES,
  MAX_LISTED_PROBLEMS,
  type ImportParams,
  type ImportRowProblem,
  type ImportRowProblemCode,
  type RowNumbering,
} from './importProblems.ts';
import type { ImportLayout, ImportNote } from './importReport.ts';
import { parseTimestamp, type TimestampFailure } from './importTimestamp.ts';

export type { ImportedCandles, ImportResult } from './importResult.ts';
import type { ImportResult } from './importResult.ts';

const TIME_FAILURE_CODES: Readonly<Record<TimestampFailure, ImportRowProblemCode>> = {
  missing: 'TIME_EMPTY',
  empty: 'TIME_EMPTY',
  'implausible-unix': 'TIME_IMPLAUSIBLE',
  unreadable: 'TIME_UNREADABLE',
  'not-a-real-date': 'TIME_NOT_A_REAL_DATE',
};

export interface CollectorOptions {
  readonly rowNumbering: RowNumbering;
  /** The CSV separator, null for JSON. With ';' or a tab, `1234,56` can only be a decimal. */
  readonly separator: string | null;
}

/**
 * Turns rows into candles, or into a list of what is wrong: one problem per bad row, in row
 * order. It never returns a partial import: one bad row refuses the whole file, so a replay
 * cannot silently skip bars or trade on an impossible one.
 */
export class CandleRowCollector {
  private readonly rows: CollectedRows;
  private readonly options: CollectorOptions;
  private readonly commaDecimals: boolean;
  private problemRow = 0;
  private timeFamilyRow = 0;
  private timeFamily: 'unix' | 'date' | null = null;
  private firstCommaRow = 0;
  private lastCommaRow = 0;
  private firstPoint: { readonly row: number; readonly column: string; readonly value: string } | null = null;

  constructor(options: CollectorOptions) {
    this.options = options;
    this.commaDecimals = options.separator !== null && options.separator !== ',';
    this.rows = {
      candles: [],
      rowNumbers: [],
      problems: [],
      problemCount: 0,
      formatCounts: { 'unix-seconds': 0, 'unix-milliseconds': 0, 'unix-microseconds': 0, 'iso-8601': 0 },
      firstSecondsRow: 0,
      datesWithoutZone: 0,
      commaDecimalRows: 0,
      impossibleRows: 0,
      timeMixRows: 0,
      decimalMixRows: 0,
    };
  }

  /** Records a problem for `row` unless that row already has one: people see one problem per row. */
  problem(row: number, code: ImportRowProblemCode, params: ImportParams = {}): void {
    if (row === this.problemRow) return;
    this.problemRow = row;
    this.rows.problemCount++;
    if (IMPOSSIBLE_BAR_CODES.has(code)) this.rows.impossibleRows++;
    else if (code === 'TIME_DATE_AMONG_UNIX_TIMES' || code === 'TIME_UNIX_AMONG_DATES') this.rows.timeMixRows++;
    else if (code === 'DECIMAL_POINT_AMONG_COMMAS') this.rows.decimalMixRows++;
    if (this.rows.problems.length < MAX_LISTED_PROBLEMS) this.rows.problems.push({ code, params: { ...params, row } } satisfies ImportRowProblem);
  }

  private time(row: number, raw: unknown): number | undefined {
    const parsed = parseTimestamp(raw);
    if (!parsed.ok) {
      this.problem(row, TIME_FAILURE_CODES[parsed.failure], { value: cellText(raw) });
      return undefined;
    }
    const family = parsed.format === 'iso-8601' ? 'date' : 'unix';
    if (this.timeFamily === null) {
      this.timeFamily = family;
      this.timeFamilyRow = row;
    } else if (family !== this.timeFamily) {
      this.problem(row, family === 'date' ? 'TIME_DATE_AMONG_UNIX_TIMES' : 'TIME_UNIX_AMONG_DATES', { value: cellText(raw), firstRow: this.timeFamilyRow });
      return undefined;
    }
    const counts = this.rows.formatCounts;
    counts[parsed.format]++;
    if (parsed.format === 'unix-seconds' && this.rows.firstSecondsRow === 0) this.rows.firstSecondsRow = row;
    if (!parsed.zoned) this.rows.datesWithoutZone++;
    return parsed.atMs;
  }

  /** A required number, or null after recording why the cell is not one. */
  private number(row: number, column: string, raw: unknown): number | null {
    const read = readNumberCell(raw, this.commaDecimals);
    if (typeof read === 'number') {
      if (this.commaDecimals) this.noteDecimalMark(row, column, raw);
      return read;
    }
    this.problem(row, read, { column, value: cellText(raw) });
    return null;
  }

  /** An optional number: undefined when the cell is absent, empty or says "no value". */
  private optionalNumber(row: number, column: string, raw: unknown): number | undefined | null {
    if (raw === undefined) return undefined;
    const read = readNumberCell(raw, this.commaDecimals);
    if (typeof read === 'number') {
      if (this.commaDecimals) this.noteDecimalMark(row, column, raw);
      return read;
    }
    if (read === 'VALUE_EMPTY' || read === 'VALUE_MISSING') return undefined;
    this.problem(row, read, { column, value: cellText(raw) });
    return null;
  }

  private noteDecimalMark(row: number, column: string, raw: unknown): void {
    const mark = decimalMarkOf(raw);
    if (mark === 'comma' && this.lastCommaRow !== row) {
      if (this.firstCommaRow === 0) this.firstCommaRow = row;
      this.lastCommaRow = row;
      this.rows.commaDecimalRows++;
    } else if (mark === 'point' && this.firstPoint === null) {
      this.firstPoint = { row, column, value: cellText(raw) };
    }
  }

  /**
   * One row's cells, as text (CSV) or JSON values. Positional rather than an object because
   * this runs once per row of files with hundreds of thousands of rows.
   */
  add(row: number, time: unknown, open: unknown, high: unknown, low: unknown, close: unknown, volume: unknown, quoteVolume?: unknown): void {
    const openTimeMs = this.time(row, time);
    if (openTimeMs === undefined) return;
    const o = this.number(row, 'open', open);
    if (o === null) return;
    const h = this.number(row, 'high', high);
    if (h === null) return;
    const l = this.number(row, 'low', low);
    if (l === null) return;
    const c = this.number(row, 'close', close);
    if (c === null) return;
    const v = this.number(row, 'volume', volume);
    if (v === null) return;
    const q = this.optionalNumber(row, 'quote volume', quoteVolume);
    if (q === null) return;
    if (!this.possible(row, o, h, l, c, v, q)) return;
    this.rows.candles.push(
      q === undefined
        ? { openTimeMs, open: o, high: h, low: l, close: c, volumeBase: v }
        : { openTimeMs, open: o, high: h, low: l, close: c, volumeBase: v, quoteVolume: q },
    );
    this.rows.rowNumbers.push(row);
  }

  /** Refuses a bar no market can produce, naming the first rule it breaks. */
  private possible(row: number, o: number, h: number, l: number, c: number, v: number, q: number | undefined): boolean {
    if (!(o > 0 && h > 0 && l > 0 && c > 0)) {
      const [column, value] = o <= 0 ? ['open', o] : h <= 0 ? ['high', h] : l <= 0 ? ['low', l] : ['close', c];
      this.problem(row, 'PRICE_NOT_POSITIVE', { column, value });
      return false;
    }
    if (v < 0) this.problem(row, 'VOLUME_NEGATIVE', { column: 'volume', value: v });
    else if (q !== undefined && q < 0) this.problem(row, 'VOLUME_NEGATIVE', { column: 'quote volume', value: q });
    else if (h < l) this.problem(row, 'HIGH_BELOW_LOW', { high: h, low: l });
    else if (h < o) this.problem(row, 'HIGH_BELOW_OPEN', { high: h, open: o });
    else if (h < c) this.problem(row, 'HIGH_BELOW_CLOSE', { high: h, close: c });
    else if (l > o) this.problem(row, 'LOW_ABOVE_OPEN', { low: l, open: o });
    else if (l > c) this.problem(row, 'LOW_ABOVE_CLOSE', { low: l, close: c });
    else return true;
    return false;
  }

  /** The import result: sorted, merged and reported, or refused with every bad row. */
  finish(layout: ImportLayout, notes: readonly ImportNote[]): ImportResult {
    if (this.firstCommaRow > 0 && this.firstPoint !== null) {
      const { row, column, value } = this.firstPoint;
      this.problem(row, 'DECIMAL_POINT_AMONG_COMMAS', { column, value, commaRow: this.firstCommaRow });
    }
    return assembleCandles(this.rows, { layout, notes, rowNumbering: this.options.rowNumbering, separator: this.options.separator });
  }
}
