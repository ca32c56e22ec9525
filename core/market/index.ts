// Public face of the market data layer: other layers import from here only.
export {
  TIMEFRAMES,
  TIMEFRAME_MS,
  barOpenTimeMs,
  isTimeframe,
  lastClosedBarOpenTimeMs,
  timeframeForDurationMs,
  timeframeMs,
  type Candle,
  type Timeframe,
} from './candle.ts';
export {
  candleAt,
  candleSeriesFromCandles,
  candlesFromSeries,
  createCandleSeries,
  writeCandle,
  type CandleSeries,
} from './candleSeries.ts';
export {
  countMissingBars,
  countOutageBars,
  describeCandleIssue,
  type CandleIssue,
  type CandleIssueKind,
  type CandlePosition,
  type DuplicateIssue,
  type ExchangeOutageIssue,
  type GapIssue,
  type ImpossibleBarIssue,
  type ImpossibleBarReason,
  type MisalignedIssue,
  type OutlierJumpIssue,
  type OutOfOrderIssue,
  type PositionedCandleIssue,
  type StaleFeedIssue,
} from './candleIssue.ts';
export { DEFAULT_VALIDATION, validateCandleSeries, validateCandles, type CandleValidationOptions } from './candleValidation.ts';
export { checkStaleness } from './staleness.ts';
export type { ImportResult, ImportedCandles } from './candleRowCollector.ts';
export {
  IMPORT_ERROR_CODES,
  IMPORT_ROW_PROBLEM_CODES,
  MAX_IMPORT_FILE_BYTES,
  MAX_LISTED_PROBLEMS,
  type ImportError,
  type ImportErrorCode,
  type ImportParams,
  type ImportRowProblem,
  type ImportRowProblemCode,
  type RowNumbering,
} from './importProblems.ts';
export {
  IMPORT_NOTE_CODES,
  type ImportGap,
  type ImportLayout,
  type ImportNote,
  type ImportNoteCode,
  type ImportReport,
} from './importReport.ts';
export { describeImportGap, describeImportNote, describeImportProblem, describeImportReport, renderMarketMessage } from './importWording.ts';
export { marketMessages, type MarketMessageKey } from './messages.ts';
export type { TimestampFormat } from './importTimestamp.ts';
export { CsvCandleReader, importCandlesFromCsv, importCandlesFromCsvFile } from './csvImport.ts';
export { importCandlesFromJson, importCandlesFromJsonFile } from './jsonImport.ts';
export { CandleCache, type CandleKey, type StoreOptions } from './candleCache.ts';
export { barsInHoles, holesBetween, type CandleHole, type TimeRange } from './coverage.ts';
export {
  marketError,
  marketOk,
  type MarketCatalogue,
  type MarketDataError,
  type MarketDataErrorCode,
  type MarketDataPort,
  type MarketInfo,
  type MarketResult,
  type OrderBookLevel,
  type OrderBookSnapshot,
  type TickerSnapshot,
} from './marketDataPort.ts';
export { createCcxtMarketData, type CcxtMarketDataOptions } from './ccxtMarketData.ts';
export { DEFAULT_DEPTH_WITHIN_BPS, fetchLiquidityView, liquidityViewFrom, type LiquidityView } from './liquidity.ts';
export {
  DEFAULT_PAGE_LIMIT,
  DEFAULT_RETRY,
  backfillCandles,
  updateCandles,
  type BackfillOptions,
  type BackfillProgress,
  type BackfillReport,
  type BackfillResult,
  type RetryPolicy,
  type UpdateOptions,
} from './backfill.ts';
export { PRECISION_MODE, catalogueFromCcxt, marketInfoFromCcxt } from './ccxtMarkets.ts';
