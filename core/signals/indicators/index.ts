/**
 * Streaming technical indicators: each `update` is O(1) time and allocation-free for the
 * number-valued ones, so a strategy can run over millions of candles per second, live or in a
 * backtest, with the same code.
 *
 * Conventions (each checked against published reference vectors in the tests):
 * - Every indicator returns `undefined` until it has seen `warmUpSamples` inputs, then a value on
 *   every update; `value` repeats the last one, `isReady` says whether there is one.
 * - SMA, WMA: plain and linearly weighted means of the last `period` prices.
 * - EMA: alpha = 2 / (period + 1), seeded with the SMA of the first `period` prices by default;
 *   `{ seed: 'firstValue' }` starts at the first price (pandas `ewm(adjust=False)`).
 * - RSI and ATR: Wilder's smoothing (first value = plain mean, then avg·(n−1)/n + x/n).
 *   ATR counts the first candle's high − low as a true range by default (Wilder/StockCharts);
 *   `{ firstCandle: 'skip' }` gives the TA-Lib/technicalindicators convention.
 * - Bollinger Bands: SMA ± k·σ with the POPULATION standard deviation.
 * - MACD: fast EMA − slow EMA, signal = EMA of that line, histogram = line − signal; all three
 *   EMAs seeded the same way (`emaSeed`).
 * - Inputs that are not finite numbers, and malformed candles (low above high), throw an
 *   `IndicatorInputError` instead of corrupting the running state.
 *
 * Why our own and not the `trading-signals` package: measured against the same vectors, it has
 * only first-value-seeded EMAs (so its EMA/MACD disagree with SMA-seeded references) and only one
 * ATR convention, and its SMA, RSI, Bollinger and WMA re-scan the whole window on every price,
 * about ten times slower than these in the same loop (measured on the BTC/USDT 1h file).
 */
export { SMA } from './sma.ts';
export { EMA, type EmaOptions, type EmaSeed } from './ema.ts';
export { WMA } from './wma.ts';
export { RSI } from './rsi.ts';
export { ATR, trueRange, type AtrFirstCandle, type AtrOptions } from './atr.ts';
export { BollingerBands, type BollingerValue } from './bollingerBands.ts';
export { MACD, type MacdOptions, type MacdValue } from './macd.ts';
export { IndicatorInputError } from './inputGuards.ts';
