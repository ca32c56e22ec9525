import { timeframeForDurationMs, type Candle, type Timeframe } from './candle.ts';
import { TIMESTAMP_FORMAT_WORDS, parseTimestamp, type TimestampFormat } from './importTimestamp.ts';

export type ImportErrorCode =
  | 'EMPTY_FILE'
  | 'UNREADABLE_FILE'
  | 'MISSING_COLUMNS'
  | 'INVALID_ROWS'
  | 'MIXED_TIMESTAMP_FORMATS'
  | 'UNORDERED_ROWS';

export interface ImportError {
  readonly code: ImportErrorCode;
  /** One plain sentence saying what is wrong and that nothing was imported. */
  readonly message: string;
  /** Row-numbered problems, at most `MAX_LISTED_PROBLEMS` of them. */
  readonly problems: readonly string[];
  /** Problems found but not listed. */
  readonly moreProblems: number;
}

export interface ImportedCandles {
  /** Always in ascending time order. */
  readonly candles: Candle[];
  readonly timestampFormat: TimestampFormat;
  /** True when the file was newest-first and has been turned around. */
  readonly wasDescending: boolean;
  /** The timeframe of the most common spacing between bars, null if none matches. */
  readonly timeframe: Timeframe | null;
}

export type ImportResult = { readonly ok: true; readonly value: ImportedCandles } | { readonly ok: false; readonly error: ImportError };

export const MAX_LISTED_PROBLEMS = 20;

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** Words exports write for "no value"; allowed only in optional columns (the quote volume). */
const MISSING_MARKER = /^(nan|null|none|na|n\/a)$/i;

/**
 * Fast path for the common cell: Number() of a string that starts like a decimal and is
 * finite. Number() alone would also accept '', ' ', '0x1F' and 'Infinity', hence the checks.
 */
function isPlainDecimal(text: string): boolean {
  if (text.length === 0) return false;
  const first = text.charCodeAt(0);
  const startsLikeDecimal = (first >= 48 && first <= 57) || first === 45 || first === 46 || first === 43;
  if (!startsLikeDecimal) return false;
  const second = text.charCodeAt(1) | 32;
  if (second === 120 || second === 98 || second === 111) return false; // 0x, 0b, 0o
  return Number.isFinite(Number(text)) && text.charCodeAt(text.length - 1) > 32;
}

function quoted(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function importFailure(code: ImportErrorCode, message: string, problems: readonly string[] = []): ImportResult {
  return {
    ok: false,
    error: { code, message, problems: problems.slice(0, MAX_LISTED_PROBLEMS), moreProblems: Math.max(0, problems.length - MAX_LISTED_PROBLEMS) },
  };
}

/**
 * Turns rows into candles, or into a complete list of what is wrong. It never returns a
 * partial import: one bad row fails the whole file, so a replay cannot silently skip bars.
 */
export class CandleRowCollector {
  private readonly candles: Candle[] = [];
  private readonly rowNumbers: number[] = [];
  private readonly problems: string[] = [];
  private problemCount = 0;
  private mixedFormatCount = 0;
  private format: TimestampFormat | null = null;
  private formatRow = 0;
  private readonly rowWord: string;

  constructor(rowWord = 'Row') {
    this.rowWord = rowWord;
  }

  problem(rowNumber: number, reason: string): void {
    this.problemCount++;
    if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push(`${this.rowWord} ${rowNumber}: ${reason}`);
  }

  private number(rowNumber: number, column: string, value: unknown, optional: boolean): number | undefined {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && isPlainDecimal(value)) return Number(value);
    const text = typeof value === 'string' ? value.trim() : value;
    if (text === '' || text === undefined || text === null) {
      if (!optional) this.problem(rowNumber, `'${column}' is empty`);
      return undefined;
    }
    if (typeof text === 'string' && MISSING_MARKER.test(text)) {
      if (!optional) this.problem(rowNumber, `'${column}' has no value ('${text}')`);
      return undefined;
    }
    if (typeof text === 'string' && DECIMAL.test(text)) return Number(text);
    this.problem(rowNumber, `'${column}' is not a number ('${quoted(value)}')`);
    return undefined;
  }

  /**
   * One row's cells, as text (CSV) or JSON values. Positional rather than an object because
   * this runs once per row of files with tens of thousands of rows.
   */
  add(rowNumber: number, time: unknown, open: unknown, high: unknown, low: unknown, close: unknown, volume: unknown, quoteVolume?: unknown): void {
    const before = this.problemCount;
    const parsedTime = parseTimestamp(time);
    let atMs = 0;
    if (!parsedTime.ok) {
      this.problem(rowNumber, `the time '${quoted(time)}' ${parsedTime.reason}`);
    } else if (this.format !== null && parsedTime.format !== this.format) {
      this.mixedFormatCount++;
      this.problem(
        rowNumber,
        `the time '${quoted(time)}' is in ${TIMESTAMP_FORMAT_WORDS[parsedTime.format]} but row ${this.formatRow} uses ${TIMESTAMP_FORMAT_WORDS[this.format]}`,
      );
    } else {
      this.format ??= parsedTime.format;
      if (this.formatRow === 0) this.formatRow = rowNumber;
      atMs = parsedTime.atMs;
    }
    const openQuote = this.number(rowNumber, 'open', open, false);
    const highQuote = this.number(rowNumber, 'high', high, false);
    const lowQuote = this.number(rowNumber, 'low', low, false);
    const closeQuote = this.number(rowNumber, 'close', close, false);
    const volumeBase = this.number(rowNumber, 'volume', volume, false);
    const quoteVolumeValue = this.number(rowNumber, 'quote volume', quoteVolume, true);
    if (this.problemCount !== before) return;
    if (openQuote === undefined || highQuote === undefined || lowQuote === undefined || closeQuote === undefined || volumeBase === undefined) return;
    this.candles.push(
      quoteVolumeValue === undefined
        ? { openTimeMs: atMs, open: openQuote, high: highQuote, low: lowQuote, close: closeQuote, volumeBase }
        : { openTimeMs: atMs, open: openQuote, high: highQuote, low: lowQuote, close: closeQuote, volumeBase, quoteVolume: quoteVolumeValue },
    );
    this.rowNumbers.push(rowNumber);
  }

  finish(): ImportResult {
    if (this.problemCount > 0) {
      const code: ImportErrorCode = this.mixedFormatCount === this.problemCount ? 'MIXED_TIMESTAMP_FORMATS' : 'INVALID_ROWS';
      const rows = this.problemCount === 1 ? '1 problem was' : `${this.problemCount} problems were`;
      const what = code === 'MIXED_TIMESTAMP_FORMATS' ? 'The file mixes time formats: ' : '';
      return this.failWith(code, `${what}${rows} found in the file, so nothing was imported.`);
    }
    if (this.candles.length === 0 || this.format === null) {
      return importFailure('EMPTY_FILE', 'The file has no candle rows, so nothing was imported.');
    }
    return this.ordered(this.format);
  }

  private failWith(code: ImportErrorCode, message: string): ImportResult {
    return { ok: false, error: { code, message, problems: [...this.problems], moreProblems: this.problemCount - this.problems.length } };
  }

  /** Accepts strictly ascending or strictly descending files; anything else is refused. */
  private ordered(format: TimestampFormat): ImportResult {
    const { candles, rowNumbers } = this;
    const first = candles[0];
    const last = candles[candles.length - 1];
    const descending = first !== undefined && last !== undefined && last.openTimeMs < first.openTimeMs;
    const direction = descending ? -1 : 1;
    for (let i = 1; i < candles.length; i++) {
      const deltaMs = ((candles[i] as Candle).openTimeMs - (candles[i - 1] as Candle).openTimeMs) * direction;
      const row = rowNumbers[i] as number;
      const previousRow = rowNumbers[i - 1] as number;
      if (deltaMs === 0) this.problem(row, `has the same time as row ${previousRow}`);
      else if (deltaMs < 0) {
        this.problem(row, `is out of order: its time comes ${descending ? 'after' : 'before'} row ${previousRow} in a file sorted ${descending ? 'newest first' : 'oldest first'}`);
      }
    }
    if (this.problemCount > 0) {
      const rows = this.problemCount === 1 ? '1 row is' : `${this.problemCount} rows are`;
      return this.failWith('UNORDERED_ROWS', `The rows must be sorted by time without repeats; ${rows} not, so nothing was imported.`);
    }
    if (descending) candles.reverse();
    return { ok: true, value: { candles, timestampFormat: format, wasDescending: descending, timeframe: mostCommonTimeframe(candles) } };
  }
}

function mostCommonTimeframe(candles: readonly Candle[]): Timeframe | null {
  const counts = new Map<number, number>();
  for (let i = 1; i < candles.length; i++) {
    const deltaMs = (candles[i] as Candle).openTimeMs - (candles[i - 1] as Candle).openTimeMs;
    counts.set(deltaMs, (counts.get(deltaMs) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [deltaMs, count] of counts) {
    if (count > bestCount) {
      best = deltaMs;
      bestCount = count;
    }
  }
  return timeframeForDurationMs(best);
}
