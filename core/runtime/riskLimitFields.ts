import type { RiskLimitUnit } from '../contract/index.ts';
import type { LimitField } from '../risk/index.ts';

interface FieldSpec {
  readonly label: string;
  readonly unit: RiskLimitUnit;
}

/**
 * Every limit of `RiskLimitsSchema`, in the order the Risk limits screen shows them (the ones a
 * beginner meets first at the top), with a plain label and the unit its value is stored in.
 */
export const RISK_LIMIT_FIELDS: Readonly<Record<LimitField, FieldSpec>> = {
  perTradeFractionOfEquity: { label: 'Largest single trade', unit: 'fraction' },
  dailyLossFractionOfEquity: { label: 'Daily loss limit', unit: 'fraction' },
  maxDrawdownFraction: { label: 'Largest fall from the account’s high', unit: 'fraction' },
  totalExposureFractionOfEquity: { label: 'Value of all positions together', unit: 'fraction' },
  maxOpenPositions: { label: 'Positions open at once', unit: 'count' },
  maxOrdersPerMinute: { label: 'Orders per minute', unit: 'count' },
  maxOrdersPerDay: { label: 'Orders per 24 hours', unit: 'count' },
  riskPerTradeFractionOfEquity: { label: 'Loss at the stop per trade', unit: 'fraction' },
  dailyLossThrottleFromFraction: { label: 'Trades shrink after this share of the daily loss limit', unit: 'fraction' },
  atrStopMultiple: { label: 'Assumed stop distance without a stop', unit: 'atr' },
  limitOnly: { label: 'Limit orders only', unit: 'switch' },
  maxSpreadForMarketOrderBps: { label: 'Widest spread for a market order', unit: 'bps' },
  allowedSymbols: { label: 'Markets new positions may be opened in', unit: 'symbols' },
  minQuoteVolume24hQuote: { label: 'Least 24-hour trading for a market to be used', unit: 'quote' },
  maxSpreadForEntryBps: { label: 'Widest spread for opening a position', unit: 'bps' },
  priceBandBps: { label: 'Furthest an order may be priced from the current price', unit: 'bps' },
  maxDepthFraction: { label: 'Largest share of the visible order book per order', unit: 'fraction' },
  maxMarketDataAgeMs: { label: 'Oldest prices an order may be based on', unit: 'ms' },
  dustPositionQuote: { label: 'Positions ignored as dust below', unit: 'quote' },
  dayBoundaryTimeZone: { label: 'Time zone of the trading day', unit: 'timeZone' },
};

export const RISK_LIMIT_FIELD_ORDER = Object.keys(RISK_LIMIT_FIELDS) as LimitField[];

const BOUND_WORDS: Readonly<Record<string, string>> = { '<=': 'the most allowed is', '<': 'it must be below', '>=': 'the least allowed is', '>': 'it must be above' };

/** The schema's bound ("<=1") in the unit the person typed (100%), or null when there is none. */
function boundInWords(unit: RiskLimitUnit, detail: string): string | null {
  if (/expected int/i.test(detail)) return 'it must be a whole number';
  const match = /(<=|>=|<|>)\s*(-?[\d.]+)/.exec(detail);
  if (match === null) return null;
  const [, operator = '', raw = ''] = match;
  const value = Number(raw);
  const shown = unit === 'fraction' ? `${String(Number((value * 100).toPrecision(10)))}%`
    : unit === 'bps' ? `${String(value / 100)}%`
      : unit === 'ms' ? `${String(value / 1000)} seconds`
        : String(value);
  return `${BOUND_WORDS[operator] ?? operator} ${shown}`;
}

const isLimitField = (name: string): name is LimitField => Object.hasOwn(RISK_LIMIT_FIELDS, name);

/**
 * `parseRiskLimits` problems ("dailyLossFractionOfEquity: Too big: expected number to be <=1") in
 * the person's words, naming the limit by its label; the schema's own wording stays as detail.
 */
export function describeLimitProblems(problems: readonly string[]): string {
  const sentences = problems.slice(0, 3).map((problem) => {
    const colon = problem.indexOf(':');
    const field = colon > 0 ? problem.slice(0, colon).split('.')[0] ?? '' : '';
    const detail = colon > 0 ? problem.slice(colon + 1).trim() : problem;
    if (/unrecognized key/i.test(detail)) return `Ballast has no limit called ${detail.replace(/^.*?"/, '"').slice(0, 60)}.`;
    if (!isLimitField(field)) return `A limit is not valid (${detail}).`;
    const { label, unit } = RISK_LIMIT_FIELDS[field];
    const bound = boundInWords(unit, detail);
    return `${label}: this value is not allowed${bound === null ? '' : `; ${bound}`} (${detail}).`;
  });
  return `Nothing was changed. ${sentences.join(' ')}`;
}
