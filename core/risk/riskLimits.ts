import { err, ok, type Result } from '../model/index.ts';
import { z } from 'zod';

/** The zone's own spelling ("utc" → "UTC", "europe/berlin" → "Europe/Berlin"), or null when there is no such zone. */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** A market as two coin codes with a slash, the way exchanges list spot markets: BTC/USDT. */
export const MARKET_SYMBOL_PATTERN = /^[A-Z0-9]{2,10}\/[A-Z0-9]{2,10}$/;

const fraction = z.number().gt(0).lte(1);
const wholeCount = z.number().int().min(1);

/**
 * The hard limits of the risk layer. Nothing above it (strategy, AI, a person's manual order)
 * can exceed them; only the person can change them, loosening with a confirmation that states
 * the consequence in money (see `compareRiskLimits`). Spot only: no leverage, no shorting.
 */
export const RiskLimitsSchema = z.strictObject({
  /** Largest single entry, as a share of equity including open P&L. */
  perTradeFractionOfEquity: fraction,
  /** Loss at the stop, as a share of equity: size = equity × this / |entry − stop|. */
  riskPerTradeFractionOfEquity: fraction,
  /** Without a stop, the stop distance assumed for risk sizing, in ATRs. */
  atrStopMultiple: z.number().gt(0).lte(50),
  /** Value of all positions plus resting buy orders, as a share of equity. */
  totalExposureFractionOfEquity: fraction,
  /** Loss since the start of the person's day (equity incl. open P&L) that stops new entries. */
  dailyLossFractionOfEquity: fraction,
  /** From this share of the daily loss used, entries shrink linearly down to zero at the limit. */
  dailyLossThrottleFromFraction: z.number().gte(0).lt(1),
  /**
   * IANA time zone whose midnight starts a new trading day for the daily loss limit, kept in the
   * zone's own spelling so "utc" and "UTC" are one zone, not a change.
   */
  dayBoundaryTimeZone: z.string().min(1).max(100).transform((name, context) => {
    const zone = canonicalTimeZone(name);
    if (zone !== null) return zone;
    context.addIssue({ code: 'custom', message: 'not an IANA time zone', input: name });
    return z.NEVER;
  }),
  /** Fall from the highest equity seen that stops new entries. */
  maxDrawdownFraction: fraction,
  /** Markets with a position or a resting entry order, at once. */
  maxOpenPositions: wholeCount.max(100),
  /** Positions worth less than this are dust and do not count as open. */
  dustPositionQuote: z.number().gte(0),
  maxOrdersPerMinute: wholeCount.max(1_000),
  /** Counted over any 24 hours, so the limit cannot be doubled around midnight. */
  maxOrdersPerDay: wholeCount.max(100_000),
  /** Spread (ask − bid over mid) above which a market order is refused. */
  maxSpreadForMarketOrderBps: z.number().gt(0).lte(1_000),
  /** Refuse market orders altogether. */
  limitOnly: z.boolean(),
  /** Markets new positions may be opened in. Exits are never blocked by this list. */
  allowedSymbols: z.array(z.string().regex(MARKET_SYMBOL_PATTERN)).max(200).readonly(),
  /** A listed market counts as liquid only with at least this much traded in 24 h. */
  minQuoteVolume24hQuote: z.number().gte(0),
  /** …and a spread no wider than this. */
  maxSpreadForEntryBps: z.number().gt(0).lte(1_000),
  /** No order priced further than this from the mid (stop-limit exits: from their stop). */
  priceBandBps: z.number().gt(0).lte(2_000),
  /** No entry larger than this share of the book depth on the side it trades against. */
  maxDepthFraction: fraction,
  /** Prices older than this (by the intent's time) are not used. */
  maxMarketDataAgeMs: z.number().int().gt(0).lte(300_000),
});

export type RiskLimits = z.infer<typeof RiskLimitsSchema>;

/**
 * Safe defaults for a beginner. Limit-only is on for live trading and off for paper, where a
 * market order costs nothing real and is a useful way to learn.
 */
export const DEFAULT_RISK_LIMITS: RiskLimits = Object.freeze({
  perTradeFractionOfEquity: 0.01,
  riskPerTradeFractionOfEquity: 0.0025,
  atrStopMultiple: 2,
  totalExposureFractionOfEquity: 0.25,
  dailyLossFractionOfEquity: 0.03,
  dailyLossThrottleFromFraction: 0.5,
  dayBoundaryTimeZone: 'UTC',
  maxDrawdownFraction: 0.1,
  maxOpenPositions: 3,
  dustPositionQuote: 5,
  maxOrdersPerMinute: 10,
  maxOrdersPerDay: 100,
  maxSpreadForMarketOrderBps: 30,
  limitOnly: false,
  allowedSymbols: Object.freeze(['BTC/USDT', 'ETH/USDT']),
  minQuoteVolume24hQuote: 10_000_000,
  maxSpreadForEntryBps: 50,
  priceBandBps: 100,
  maxDepthFraction: 0.1,
  maxMarketDataAgeMs: 15_000,
});

export function defaultRiskLimits(mode: 'paper' | 'live', timeZone = 'UTC'): RiskLimits {
  return RiskLimitsSchema.parse({
    ...DEFAULT_RISK_LIMITS,
    allowedSymbols: [...DEFAULT_RISK_LIMITS.allowedSymbols],
    limitOnly: mode === 'live',
    dayBoundaryTimeZone: timeZone,
  });
}

/**
 * Why a value was refused, as data, so the words for a person can be written where the limit's
 * label and unit are known (the schema's own messages are for developers).
 */
export type LimitIssue =
  | { readonly kind: 'unknown_limit'; readonly name: string }
  | { readonly kind: 'too_big' | 'too_small'; readonly field: string; readonly bound: number; readonly inclusive: boolean }
  | { readonly kind: 'too_many'; readonly field: string; readonly most: number }
  | { readonly kind: 'not_whole'; readonly field: string }
  | { readonly kind: 'not_a_market'; readonly field: string; readonly value: string }
  | { readonly kind: 'not_a_time_zone'; readonly field: string; readonly value: string }
  | { readonly kind: 'wrong_kind'; readonly field: string; readonly expected: 'number' | 'switch' | 'text' | 'list' }
  | { readonly kind: 'missing'; readonly field: string };

/** Refused limits: the schema's words for the log, and each problem as data for the person's words. */
export interface LimitProblems {
  readonly problems: readonly string[];
  readonly issues: readonly LimitIssue[];
}

export type RiskLimitsParse = Result<RiskLimits, LimitProblems>;

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined), input);

const EXPECTED_KIND: Readonly<Record<string, 'number' | 'switch' | 'text' | 'list'>> = { number: 'number', boolean: 'switch', string: 'text', array: 'list' };

function limitIssue(issue: z.core.$ZodIssue, input: unknown): LimitIssue[] {
  const field = String(issue.path[0] ?? '');
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((name) => ({ kind: 'unknown_limit' as const, name }));
    case 'too_big':
      if (issue.origin === 'array') return [{ kind: 'too_many', field, most: Number(issue.maximum) }];
      return [{ kind: 'too_big', field, bound: Number(issue.maximum), inclusive: issue.inclusive === true }];
    case 'too_small':
      return [{ kind: 'too_small', field, bound: Number(issue.minimum), inclusive: issue.inclusive === true }];
    case 'invalid_format':
      return [{ kind: 'not_a_market', field, value: String(valueAt(input, issue.path)).slice(0, 40) }];
    case 'custom':
      return [{ kind: 'not_a_time_zone', field, value: String(valueAt(input, issue.path)).slice(0, 40) }];
    case 'invalid_type':
      if (issue.expected === 'int') return [{ kind: 'not_whole', field }];
      if (valueAt(input, issue.path) === undefined) return [{ kind: 'missing', field }];
      return [{ kind: 'wrong_kind', field, expected: EXPECTED_KIND[issue.expected] ?? 'text' }];
    default:
      return [{ kind: 'wrong_kind', field, expected: 'text' }];
  }
}

/** Parses limits from settings or the UI; anything out of range is refused, never clamped. */
export function parseRiskLimits(input: unknown): RiskLimitsParse {
  const parsed = RiskLimitsSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return err({
    problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'limits'}: ${issue.message}`),
    issues: parsed.error.issues.flatMap((issue) => limitIssue(issue, input)),
  });
}
