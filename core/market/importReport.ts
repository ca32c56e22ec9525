import { timeframeForDurationMs, type Candle, type Timeframe } from './candle.ts';
import type { ImportParams } from './importProblems.ts';

/** Every change the importer made to what the file says, or choice it made where the file is silent. */
export const IMPORT_NOTE_CODES = [
  'SKIPPED_PREAMBLE_LINE',
  'HEADERLESS_BINANCE_KLINES',
  'HEADERLESS_OHLCV_ORDER',
  'UNNAMED_TIME_COLUMN',
  'VOLUME_COLUMNS_CHOSEN',
  'VOLUME_COLUMN_CHOSEN',
  'IGNORED_COLUMNS',
  'COMMA_DECIMALS',
  'DATES_READ_AS_UTC',
  'MIXED_SECONDS_AND_MILLISECONDS',
  'MICROSECOND_TIMESTAMPS',
  'SORTED_ASCENDING',
  'ROWS_SORTED_BY_TIME',
  'DUPLICATE_ROWS_MERGED',
] as const;
export type ImportNoteCode = (typeof IMPORT_NOTE_CODES)[number];

export interface ImportNote {
  readonly code: ImportNoteCode;
  readonly params: ImportParams;
}

/** How the file was laid out, as recognised. */
export type ImportLayout =
  | 'named-columns'
  | 'cryptodatadownload'
  | 'pandas-index'
  | 'binance-klines'
  | 'ohlcv-order'
  | 'json-lists'
  | 'json-objects';

/** Bars missing between two bars of the file: reported, never filled in. */
export interface ImportGap {
  /** Open time of the last bar before the gap. */
  readonly afterOpenTimeMs: number;
  /** Open time of the first bar after the gap. */
  readonly openTimeMs: number;
  readonly missingBars: number;
  /** 1-based row of the file that holds the bar after the gap. */
  readonly row: number;
}

export interface ImportReport {
  readonly layout: ImportLayout;
  /** Bar rows read from the file, duplicates included. */
  readonly rowsRead: number;
  /** Bars kept after merging duplicates. */
  readonly bars: number;
  /** The most common spacing between bars, null with fewer than two bars. */
  readonly barMs: number | null;
  readonly notes: readonly ImportNote[];
  readonly gaps: readonly ImportGap[];
  readonly missingBars: number;
}

/** The most common spacing between consecutive bars of an ascending list. */
export function mostCommonSpacingMs(candles: readonly Candle[]): number | null {
  const counts = new Map<number, number>();
  for (let i = 1; i < candles.length; i++) {
    const deltaMs = (candles[i] as Candle).openTimeMs - (candles[i - 1] as Candle).openTimeMs;
    counts.set(deltaMs, (counts.get(deltaMs) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestCount = 0;
  for (const [deltaMs, count] of counts) {
    if (count > bestCount) {
      best = deltaMs;
      bestCount = count;
    }
  }
  return best;
}

export function timeframeOfSpacing(spacingMs: number | null): Timeframe | null {
  return spacingMs === null ? null : timeframeForDurationMs(spacingMs);
}

/**
 * Holes in an ascending list of distinct bars, measured in bars of `spacingMs`: the same count
 * the validator gives (a hole of 5 h in 1 h bars is 4 missing bars).
 */
export function findGaps(candles: readonly Candle[], rows: readonly number[], spacingMs: number | null): ImportGap[] {
  const gaps: ImportGap[] = [];
  if (spacingMs === null || spacingMs <= 0) return gaps;
  for (let i = 1; i < candles.length; i++) {
    const before = (candles[i - 1] as Candle).openTimeMs;
    const after = (candles[i] as Candle).openTimeMs;
    const deltaMs = after - before;
    if (deltaMs > spacingMs) {
      gaps.push({ afterOpenTimeMs: before, openTimeMs: after, missingBars: Math.ceil(deltaMs / spacingMs) - 1, row: rows[i] as number });
    }
  }
  return gaps;
}
