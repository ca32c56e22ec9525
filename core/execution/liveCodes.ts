/**
 * Codes of what live trading's execution reports to the person. Parameters travel with each code;
 * the words are in messages.ts.
 */
export const PROTECTION_CODES = [
  'STOP_PLACED',
  'STOP_SWEPT',
  'STOP_REFUSED',
  'STOP_NOT_CONFIRMED',
  'STOP_CANCEL_UNCONFIRMED',
  'STOP_ALREADY_PASSED_EXITED',
  'STOP_FAILED_EXITED',
  'STOP_WATCHED_BY_BALLAST',
  'POSITION_UNPROTECTED',
  'POSITION_TOO_SMALL_FOR_STOP',
  'POSITION_TOO_SMALL_FOR_STOP_SOLD',
  'NO_STOP_PRICE',
  'MARKET_RULES_UNKNOWN',
  'PROTECTION_UNCONFIRMED_TOO_LONG',
] as const;
export type ProtectionCode = (typeof PROTECTION_CODES)[number];

export const EXIT_CODES = ['EXITED', 'EXIT_PARTLY_FILLED', 'EXIT_NOT_FILLED', 'EXIT_NOTHING_TO_SELL', 'EXIT_STOP_NOT_CANCELLED', 'EXIT_NOT_READY'] as const;
export type ExitCode = (typeof EXIT_CODES)[number];

/** What the live check found; `explained` ones are adopted, any other one means safe mode. */
export const RECONCILIATION_CODES = [
  'EXTERNAL_ORDER',
  'EXTERNAL_TRADE',
  'ORDER_CHANGED_WHILE_AWAY',
  'ORDER_NEVER_REACHED_EXCHANGE',
  'FILLS_ADDED',
  'BALANCE_CHANGED_OUTSIDE_BALLAST',
  'STOP_REPLACED',
  'BALLAST_ORDER_NOT_IN_JOURNAL',
  'BALLAST_TRADE_NOT_IN_JOURNAL',
  'POSITION_EXCEEDS_BALANCE',
  'POSITION_NOT_PROTECTED',
  'TOO_MANY_UNKNOWN_TRADES',
] as const;
export type ReconciliationCode = (typeof RECONCILIATION_CODES)[number];

/** Why the live check ends in "no trading at all": something it must read could not be read. */
export const NO_TRADING_CODES = [
  'EXCHANGE_UNREACHABLE',
  'KEY_REFUSED',
  'MARKETS_UNREADABLE',
  'ORDERS_UNREADABLE',
  'ORDER_STATUS_UNKNOWN',
  'FILLS_INCOMPLETE',
  'BALANCES_UNREADABLE',
  'JOURNAL_FAILED',
  'TRADES_UNREADABLE',
] as const;
export type NoTradingCode = (typeof NO_TRADING_CODES)[number];

export const KILL_CODES = [
  'KILL_STOPS_KEPT',
  'KILL_EVERYTHING_SOLD',
  'KILL_ALL_CANCELLED',
  'KILL_ORDER_NOT_CANCELLED',
  'KILL_POSITION_NOT_SOLD',
  'KILL_LISTING_UNREADABLE',
  'KILL_EXTERNAL_ORDERS_LEFT',
] as const;
export type KillCode = (typeof KILL_CODES)[number];

export type LiveCode = ProtectionCode | ExitCode | ReconciliationCode | NoTradingCode | KillCode;
