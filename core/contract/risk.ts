import { z } from 'zod';
import { MARKET_SYMBOL_PATTERN } from '../model/index.ts';
import { StateCause, TradingStateSnapshot } from './tradingState.ts';

/**
 * The Risk limits screen: every limit with its value and current use, changes reviewed before
 * they apply (tightening is free, loosening needs a typed confirmation that states the money at
 * stake), the trading status behind safe mode, and manual paper orders through the same risk gate.
 */

/** How a limit's value is stored: shares of equity as fractions (0.03 = 3%), spreads in basis points. */
export const RiskLimitUnit = z.enum(['fraction', 'bps', 'count', 'quote', 'ms', 'atr', 'switch', 'symbols', 'timeZone']);
export type RiskLimitUnit = z.infer<typeof RiskLimitUnit>;

export const RiskLimitValue = z.union([z.number(), z.boolean(), z.string().max(100), z.array(z.string().max(40)).max(200)]);
export type RiskLimitValue = z.infer<typeof RiskLimitValue>;

export const LimitUse = z.strictObject({
  /** 0 = unused, 1 = at the limit; may exceed 1 when the account is already past it. */
  usedFraction: z.number(),
  /** e.g. "Daily loss 1.20% of 3.00% (120.00 USDT of 300.00 USDT)". */
  text: z.string(),
});
export type LimitUse = z.infer<typeof LimitUse>;

export const RiskLimitRow = z.strictObject({
  field: z.string(),
  label: z.string(),
  unit: RiskLimitUnit,
  value: RiskLimitValue,
  /** Null for limits that are not "used up" (e.g. the time zone), or when there is no account yet. */
  use: LimitUse.nullable(),
});
export type RiskLimitRow = z.infer<typeof RiskLimitRow>;

export const RiskLimitsView = z.strictObject({
  /** `damaged`: the saved file could not be read; the values are the safe defaults and safe mode is on. */
  source: z.enum(['saved', 'defaults', 'damaged', 'changed-outside']),
  problem: z.string().nullable(),
  /** The paper account the use is measured on; null when none has been opened yet. */
  account: z.strictObject({
    equityQuote: z.number(),
    quoteAsset: z.string(),
    /** The market the paper bot trades, and its latest replayed price (where manual orders are priced). */
    symbol: z.string(),
    priceQuote: z.number(),
    label: z.string(),
  }).nullable(),
  /** Plain words on where the use figures come from (or why there are none). */
  useNote: z.string(),
  limits: z.array(RiskLimitRow),
});
export type RiskLimitsView = z.infer<typeof RiskLimitsView>;

/** Only the limits to change; each is checked by the risk layer's own schema in main. */
export const RiskLimitChanges = z.record(z.string().max(60), RiskLimitValue).refine((changes) => Object.keys(changes).length <= 30, 'too many changes');
export type RiskLimitChanges = z.infer<typeof RiskLimitChanges>;

export const RiskLimitChangeView = z.strictObject({
  field: z.string(),
  label: z.string(),
  direction: z.enum(['tighten', 'loosen']),
  from: RiskLimitValue,
  to: RiskLimitValue,
  /** e.g. "Daily loss limit goes from 300.00 USDT (3.00%) to 500.00 USDT (5.00%)." */
  consequence: z.string(),
});
export type RiskLimitChangeView = z.infer<typeof RiskLimitChangeView>;

export const RiskLimitsProposal = z.strictObject({
  changes: z.array(RiskLimitChangeView),
  needsConfirmation: z.boolean(),
  /** Every loosening consequence in money at today's equity; empty when only tightening. */
  consequence: z.string(),
  /** What the person must type to loosen; empty when only tightening. */
  confirmationText: z.string(),
  /** The equity the money figures are based on, and where it comes from. */
  basis: z.string(),
});
export type RiskLimitsProposal = z.infer<typeof RiskLimitsProposal>;

export const ActiveTriggerView = z.strictObject({
  triggerId: z.string(),
  action: z.enum(['SAFE_MODE', 'PAUSED', 'KILLED']),
  cause: StateCause,
  sinceMs: z.number(),
});
export type ActiveTriggerView = z.infer<typeof ActiveTriggerView>;

export const TradingStatusView = z.strictObject({
  snapshot: TradingStateSnapshot,
  /** Why safe mode is latched (also while PAUSED or KILLED), or null. */
  safeModeCause: StateCause.nullable(),
  activeTriggers: z.array(ActiveTriggerView).max(50),
  /** The latest change of state could not be saved; it holds in memory. */
  persistenceProblem: z.string().nullable(),
});
export type TradingStatusView = z.infer<typeof TradingStatusView>;

/**
 * Measuring drawdown from today's equity instead of the account's high: what it changes, in
 * money, and the words to type. `done` is true once it has been reset.
 */
export const HighWaterMarkReset = z.strictObject({
  highWaterMarkQuote: z.number(),
  equityQuote: z.number(),
  quoteAsset: z.string().max(20),
  consequence: z.string().max(600),
  confirmationText: z.string().max(60),
  done: z.boolean(),
});
export type HighWaterMarkReset = z.infer<typeof HighWaterMarkReset>;

/** A person's order on the paper account. Give the size as an amount or as a share of equity, not both. */
export const ManualOrderRequest = z
  .strictObject({
    symbol: z.string().regex(MARKET_SYMBOL_PATTERN),
    side: z.enum(['buy', 'sell']),
    amountBase: z.number().positive().optional(),
    /** 0.02 = 2% of equity. */
    fractionOfEquity: z.number().gt(0).lte(1).optional(),
    limitPriceQuote: z.number().positive(),
  })
  .refine((order) => (order.amountBase === undefined) !== (order.fractionOfEquity === undefined), 'give either an amount or a share of equity');
export type ManualOrderRequest = z.infer<typeof ManualOrderRequest>;

export const ManualOrderResult = z.strictObject({
  decision: z.enum(['approved', 'shrunk', 'rejected']),
  /** One sentence for the person, e.g. "Made smaller: buy 0.002 BTC/USDT. …". */
  text: z.string(),
  reasons: z.array(z.strictObject({ code: z.string(), message: z.string() })),
  /** What was sent (after risk and rounding), or null when refused. */
  order: z.strictObject({ side: z.enum(['buy', 'sell']), symbol: z.string(), amountBase: z.number(), limitPriceQuote: z.number().nullable(), notionalQuote: z.number() }).nullable(),
  /** The paper exchange's answer when it was sent; null when the risk layer refused it. */
  sent: z.strictObject({ ok: z.boolean(), status: z.string(), message: z.string() }).nullable(),
});
export type ManualOrderResult = z.infer<typeof ManualOrderResult>;
