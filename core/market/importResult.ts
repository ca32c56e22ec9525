import type { Result } from '../model/index.ts';
import type { Candle, Timeframe } from './candle.ts';
import type { ImportError } from './importProblems.ts';
import type { ImportReport } from './importReport.ts';
import type { TimestampFormat } from './importTimestamp.ts';

export interface ImportedCandles {
  /** Ascending by time, one bar per time. */
  readonly candles: Candle[];
  /** The time format most rows use. */
  readonly timestampFormat: TimestampFormat;
  /** True when the file was newest-first and has been turned around. */
  readonly wasDescending: boolean;
  /** The timeframe of the most common spacing between bars, null if none matches. */
  readonly timeframe: Timeframe | null;
  /** Every normalisation the import made, and the gaps it found. */
  readonly report: ImportReport;
}

export type ImportResult = Result<ImportedCandles, ImportError>;
