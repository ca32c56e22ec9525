import { TradingStateName } from '../../model/index.ts';
import { isTimeframe, type Candle, type Timeframe } from '../../market/index.ts';
import { reason, type AdviceReason } from './adviceReasons.ts';
import { adviceMessages, PROMPT_VERSION, type AdviceChatMessage } from './advisorPrompt.ts';
import { canonicalBriefJson, sha256Hex, type BriefValue } from './canonicalBriefJson.ts';

/** What the position in this market looks like to the advisor. */
export interface BriefPosition {
  readonly amountBase: number;
  readonly averageEntryPriceQuote: number | null;
  readonly unrealisedPnlQuote: number | null;
}

/** The risk limits and how much of them is used, as fractions of equity. */
export interface BriefLimits {
  readonly perTradeFractionOfEquity: number;
  readonly totalExposureFractionOfEquity: number;
  readonly dailyLossFractionOfEquity: number;
  readonly dailyLossUsedFractionOfEquity: number;
  readonly maxDrawdownFraction: number;
  readonly openPositions: number;
  readonly maxOpenPositions: number;
}

/** The rules the answer will be checked against, shown to the model so it can follow them. */
export interface BriefAnswerRules {
  readonly horizonMinBars: number;
  readonly horizonMaxBars: number;
  readonly maxInvalidationAtr: number;
  readonly neutralProbabilityBand: number;
}

/**
 * Everything the brief is built from: Ballast's own validated data, nothing from outside.
 * `candles` are closed bars in time order; the last one is the bar the question is about.
 */
export interface MarketBriefInput {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly candles: readonly Candle[];
  readonly atrQuote: number;
  /** Indicator readings by name (`rsi14`, `sma50`…); null while an indicator warms up. */
  readonly indicators: Readonly<Record<string, number | null>>;
  /** The trained model's probability that the price rises, when a model is in use. */
  readonly modelProbabilityUp: number | null;
  readonly position: BriefPosition;
  readonly limits: BriefLimits;
  readonly tradingState: TradingStateName;
}

export interface MarketBrief {
  readonly brief: BriefValue;
  /** sha256 (hex) of the brief's canonical JSON: what the model was shown, exactly. */
  readonly briefHash: string;
  readonly promptVersion: string;
  readonly messages: readonly AdviceChatMessage[];
  readonly symbol: string;
  readonly barOpenTimeMs: number;
  readonly lastCloseQuote: number;
  readonly atrQuote: number;
}

export type MarketBriefResult = ({ readonly ok: true } & MarketBrief) | { readonly ok: false; readonly reason: AdviceReason };

/** Bars shown one by one; the rest of the window is summarised. */
export const BRIEF_RECENT_BARS = 12;
/** The summary looks back at most this far. */
export const BRIEF_WINDOW_BARS = 200;
const MIN_BARS = 2;
const SYMBOL_PATTERN = /^[A-Z0-9]{1,20}\/[A-Z0-9]{1,20}$/;
const INDICATOR_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]{0,31}$/;
const MAX_INDICATORS = 24;
const LIMIT_FIELDS = [
  'perTradeFractionOfEquity', 'totalExposureFractionOfEquity', 'dailyLossFractionOfEquity',
  'dailyLossUsedFractionOfEquity', 'maxDrawdownFraction', 'openPositions', 'maxOpenPositions',
] as const satisfies readonly (keyof BriefLimits)[];
const RULE_FIELDS = ['horizonMinBars', 'horizonMaxBars', 'maxInvalidationAtr', 'neutralProbabilityBand'] as const satisfies readonly (keyof BriefAnswerRules)[];

/** Eight significant digits: enough for any price, and the same text for the same number. */
const sig = (value: number): number => Number(value.toPrecision(8));
const percent = (fraction: number): number => Math.round(fraction * 1_000_000) / 10_000;
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Builds the brief, its hash and the chat messages. Pure: the same input always gives the same
 * messages and hash. Every string in the brief is Ballast's own (a checked symbol, timeframe,
 * indicator names, trading state), so no outside text can carry an instruction into the prompt.
 * Input that is not finite or not in order refuses with `BRIEF_INPUT_INVALID`.
 */
export function buildMarketBrief(input: MarketBriefInput, rules: BriefAnswerRules): MarketBriefResult {
  const invalid = firstInvalidField(input, rules);
  if (invalid !== null) return { ok: false, reason: reason('BRIEF_INPUT_INVALID', { field: invalid }) };
  const window = input.candles.slice(-BRIEF_WINDOW_BARS);
  const last = window[window.length - 1] as Candle;
  const brief: BriefValue = {
    symbol: input.symbol,
    timeframe: input.timeframe,
    barOpenTime: new Date(last.openTimeMs).toISOString(),
    lastClose: sig(last.close),
    atr: sig(input.atrQuote),
    atrPercentOfClose: percent(input.atrQuote / last.close),
    window: windowSummary(window),
    lastBarsColumns: ['open', 'high', 'low', 'close', 'volumeBase'],
    lastBars: window.slice(-BRIEF_RECENT_BARS).map((bar) => [sig(bar.open), sig(bar.high), sig(bar.low), sig(bar.close), sig(bar.volumeBase)]),
    indicators: Object.fromEntries(Object.entries(input.indicators).map(([name, value]) => [name, value === null ? null : sig(value)])),
    modelProbabilityUp: input.modelProbabilityUp === null ? null : sig(input.modelProbabilityUp),
    position: {
      amountBase: sig(input.position.amountBase),
      averageEntryPrice: input.position.averageEntryPriceQuote === null ? null : sig(input.position.averageEntryPriceQuote),
      unrealisedPnl: input.position.unrealisedPnlQuote === null ? null : sig(input.position.unrealisedPnlQuote),
    },
    // Named fields only: a wider object passed in (with text in it) cannot widen the brief.
    limits: Object.fromEntries(LIMIT_FIELDS.map((name) => [name, sig(input.limits[name])])),
    tradingState: input.tradingState,
    answerRules: Object.fromEntries(RULE_FIELDS.map((name) => [name, rules[name]])),
  };
  const briefJson = canonicalBriefJson(brief);
  return {
    ok: true,
    brief,
    briefHash: sha256Hex(briefJson),
    promptVersion: PROMPT_VERSION,
    messages: adviceMessages(briefJson),
    symbol: input.symbol,
    barOpenTimeMs: last.openTimeMs,
    lastCloseQuote: last.close,
    atrQuote: input.atrQuote,
  };
}

/** Change of the close over 1, 6 and 24 bars and the whole window, the window's range and volume. */
function windowSummary(window: readonly Candle[]): BriefValue {
  const closeBack = (bars: number): number | null => {
    const then = window[window.length - 1 - bars];
    const now = window[window.length - 1] as Candle;
    return then === undefined ? null : percent(now.close / then.close - 1);
  };
  let highest = -Infinity;
  let lowest = Infinity;
  let volume = 0;
  for (const bar of window) {
    if (bar.high > highest) highest = bar.high;
    if (bar.low < lowest) lowest = bar.low;
    volume += bar.volumeBase;
  }
  const averageVolume = volume / window.length;
  const lastVolume = (window[window.length - 1] as Candle).volumeBase;
  return {
    bars: window.length,
    closeChangePercent: { lastBar: closeBack(1), last6Bars: closeBack(6), last24Bars: closeBack(24), window: closeBack(window.length - 1) },
    highestHigh: sig(highest),
    lowestLow: sig(lowest),
    lastVolumeVsAverage: averageVolume > 0 ? sig(lastVolume / averageVolume) : null,
  };
}

function firstInvalidField(input: MarketBriefInput, rules: BriefAnswerRules): string | null {
  if (!SYMBOL_PATTERN.test(input.symbol)) return 'symbol';
  if (!isTimeframe(input.timeframe)) return 'timeframe';
  if (!TradingStateName.safeParse(input.tradingState).success) return 'tradingState';
  if (input.candles.length < MIN_BARS) return 'candles';
  let previousOpenMs = -Infinity;
  for (const bar of input.candles) {
    const values = [bar.openTimeMs, bar.open, bar.high, bar.low, bar.close, bar.volumeBase];
    if (!values.every(isFiniteNumber) || bar.low > bar.high || bar.close <= 0 || bar.low <= 0 || bar.volumeBase < 0) return 'candles';
    if (bar.openTimeMs <= previousOpenMs) return 'candles';
    previousOpenMs = bar.openTimeMs;
  }
  if (!(isFiniteNumber(input.atrQuote) && input.atrQuote > 0)) return 'atrQuote';
  const indicators = Object.entries(input.indicators);
  if (indicators.length > MAX_INDICATORS) return 'indicators';
  for (const [name, value] of indicators) {
    if (!INDICATOR_NAME_PATTERN.test(name) || !(value === null || isFiniteNumber(value))) return 'indicators';
  }
  const probability = input.modelProbabilityUp;
  if (probability !== null && !(isFiniteNumber(probability) && probability >= 0 && probability <= 1)) return 'modelProbabilityUp';
  const position = input.position;
  if (!isFiniteNumber(position.amountBase) || ![position.averageEntryPriceQuote, position.unrealisedPnlQuote].every((value) => value === null || isFiniteNumber(value))) return 'position';
  if (!LIMIT_FIELDS.every((name) => isFiniteNumber(input.limits[name]))) return 'limits';
  if (!RULE_FIELDS.every((name) => isFiniteNumber(rules[name]))) return 'answerRules';
  return null;
}
