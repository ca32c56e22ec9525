import { err, ok, type Result } from '../model/index.ts';
import { z } from 'zod';

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

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
  /** IANA time zone whose midnight starts a new trading day for the daily loss limit. */
  dayBoundaryTimeZone: z.string().min(1).refine(isTimeZone, 'not an IANA time zone'),
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
  allowedSymbols: z.array(z.string().min(3).max(40)).max(200).readonly(),
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

export type RiskLimitsParse = Result<RiskLimits, readonly string[]>;

/** Parses limits from settings or the UI; anything out of range is refused, never clamped. */
export function parseRiskLimits(input: unknown): RiskLimitsParse {
  const parsed = RiskLimitsSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return err(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'limits'}: ${issue.message}`));
}
