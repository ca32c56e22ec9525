import type { RiskLimitUnit } from '../../contract/index.ts';
import type { LimitField, LimitIssue } from '../../risk/index.ts';

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

const isLimitField = (name: string): name is LimitField => Object.hasOwn(RISK_LIMIT_FIELDS, name);

/** A stored bound in the unit the person types and reads: 1 (fraction) → "100%", 300000 (ms) → "300 seconds". */
function inPersonUnits(unit: RiskLimitUnit, value: number, quoteAsset: string): string {
  const plain = (number: number): string => String(Number(number.toPrecision(10)));
  switch (unit) {
    case 'fraction':
      return `${plain(value * 100)}%`;
    case 'bps':
      return `${plain(value / 100)}%`;
    case 'ms':
      return `${plain(value / 1000)} seconds`;
    case 'quote':
      return `${plain(value)} ${quoteAsset}`;
    case 'atr':
      return `${plain(value)} times the average bar range`;
    default:
      return plain(value);
  }
}

const KIND_WORDS: Readonly<Record<string, string>> = {
  number: 'it needs a number',
  switch: 'it can only be on or off',
  text: 'it needs text',
  list: 'it needs a list of markets',
};

/** Why one value was refused, in the person's units, after the limit's label. */
function reasonInWords(issue: Exclude<LimitIssue, { kind: 'unknown_limit' }>, unit: RiskLimitUnit, quoteAsset: string): string {
  switch (issue.kind) {
    case 'too_big':
      return issue.inclusive ? `the most allowed is ${inPersonUnits(unit, issue.bound, quoteAsset)}` : `it must be below ${inPersonUnits(unit, issue.bound, quoteAsset)}`;
    case 'too_small':
      return issue.inclusive ? `the least allowed is ${inPersonUnits(unit, issue.bound, quoteAsset)}` : `it must be above ${inPersonUnits(unit, issue.bound, quoteAsset)}`;
    case 'too_many':
      return `at most ${issue.most} markets can be listed`;
    case 'not_whole':
      return unit === 'ms' ? 'use at most three decimals of a second' : 'it must be a whole number, like 3';
    case 'not_a_market':
      return `“${issue.value}” is not a market Ballast can read. Type each market as two coin codes with a slash, like BTC/USDT`;
    case 'not_a_time_zone':
      return `“${issue.value}” is not a time zone Ballast knows. Type a name such as UTC, Europe/Berlin or America/New_York`;
    case 'wrong_kind':
      return KIND_WORDS[issue.expected] ?? 'it needs a different kind of value';
    case 'missing':
      return 'it has no value';
  }
}

/**
 * Refused limit values in the person's words, naming each limit by its label and each bound in
 * the unit the person typed ("Daily loss limit: this value is not allowed; the most allowed is
 * 100%."). No schema wording: the screens show this as it is.
 */
export function describeLimitProblems(issues: readonly LimitIssue[], quoteAsset = 'USDT'): string {
  return `Nothing was changed. ${describeLimitIssues(issues, quoteAsset)}`;
}

/** The refusals alone, at most three sentences, and how many more there were. */
export function describeLimitIssues(issues: readonly LimitIssue[], quoteAsset = 'USDT'): string {
  const sentences = issues.slice(0, 3).map((issue) => {
    if (issue.kind === 'unknown_limit') return `Ballast has no limit called "${issue.name.slice(0, 40)}".`;
    if (!isLimitField(issue.field)) return 'One of the limits has a value Ballast cannot use.';
    const { label, unit } = RISK_LIMIT_FIELDS[issue.field];
    return `${label}: this value is not allowed; ${reasonInWords(issue, unit, quoteAsset)}.`;
  });
  const more = issues.length - sentences.length;
  return `${sentences.join(' ')}${more > 0 ? ` ${more === 1 ? 'One more value was' : `${more} more values were`} refused too.` : ''}`;
}
