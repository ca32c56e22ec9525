/**
 * Why the risk layer vetoed or shrank an intent. Each code is journaled with the decision and
 * shown in the decision feed, worded from the reason's numbers.
 */
export const RISK_REASON_CODES = [
  // trading state
  'STATE_PAUSED',
  'STATE_KILLED',
  'SAFE_MODE_REDUCE_ONLY',
  // account limits
  'DAILY_LOSS_LIMIT',
  'DAILY_LOSS_BUDGET',
  'DRAWDOWN_LIMIT',
  'PER_TRADE_SIZE',
  'TOTAL_EXPOSURE',
  'MAX_OPEN_POSITIONS',
  'ORDER_RATE_MINUTE',
  'ORDER_RATE_DAY',
  'INSUFFICIENT_BALANCE',
  'NO_SHORTING',
  'NO_POSITION',
  'EXIT_CAPPED_TO_POSITION',
  'ACCOUNT_DATA_INVALID',
  'QUOTE_CURRENCY_MISMATCH',
  // market checks (the stolen-trade-only-key defence among them)
  'PAIR_NOT_ALLOWED',
  'PAIR_ILLIQUID',
  'SPREAD_TOO_WIDE',
  'PRICE_BAND',
  'DEPTH',
  'LIMIT_ONLY',
  'MISSING_MARKET_DATA',
  'STALE_MARKET_DATA',
  'MARKET_INACTIVE',
  'MAX_AMOUNT',
  // the order itself
  'BELOW_MIN_NOTIONAL',
  'BELOW_MIN_AMOUNT',
  'ROUNDS_TO_ZERO',
  'INVALID_STOP',
  'INVALID_INTENT',
  'SIZE_NOT_GIVEN',
] as const;

export type RiskReasonCode = (typeof RISK_REASON_CODES)[number];
