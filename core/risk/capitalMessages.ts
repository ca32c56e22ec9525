/**
 * English wording of Ballast's share of the account and the capital ladder: code → i18next
 * template. Amounts arrive raw with their currency code as `quoteAsset`.
 */
import type { LadderCode } from './capitalLadder.ts';
import type { CapitalShareCode } from './capitalShare.ts';

const money = (name: string): string => `{{${name}, number(maximumFractionDigits: 2)}} {{quoteAsset}}`;

export const CAPITAL_SHARE_MESSAGES = {
  SHARE_INVALID:
    'The most money Ballast may use is not set to a positive amount, so live trading sends nothing. Set it in Settings (by default the smaller of 100 {{quoteAsset}} and a tenth of your balance).',
  ACCOUNT_UNREADABLE: 'Ballast could not read your balance on the exchange, so it does not know how much of its share is free and sends nothing until it can.',
  SHARE_USED_UP: `Ballast's losses (${money('lossQuote')}) have used up the ${money('shareQuote')} you let it trade with, so it opens nothing new. Your other money on the exchange is untouched.`,
  POSITION_FIGURES_INVALID: 'The figures of Ballast’s {{symbol}} position or orders do not make sense, so Ballast sends nothing until they are read again.',
} as const satisfies Record<CapitalShareCode, string>;

export const CAPITAL_LADDER_MESSAGES = {
  LADDER_TOO_EARLY: 'Ballast has traded live for {{daysLive, number}} days. More money can be offered only after {{daysNeeded, number}} days, so a bad week costs little.',
  LADDER_TOO_SOON_AFTER_RAISE: 'The share was raised {{daysSinceRaise, number}} days ago. The next raise can be offered after {{daysNeeded, number}} days at this amount.',
  LADDER_TOO_FEW_ROUND_TRIPS: 'Ballast has completed {{roundTrips, number}} trades (bought and sold again) at this amount; {{roundTripsNeeded, number}} are needed before more money is offered.',
  LADDER_UNRESOLVED_FINDINGS: 'The check against the exchange found differences nobody has reviewed yet ({{findings, number}}). Review them first: more money is never offered while Ballast’s record and the exchange disagree.',
  LADDER_SLIPPAGE_UNKNOWN: 'Ballast has not yet measured how far its fills land from the prices it decided on, so it cannot tell whether larger orders would cost more. More money is not offered yet.',
  LADDER_SLIPPAGE_ABOVE_LIMIT:
    'Ballast’s fills have landed on average {{slippageBps, number(maximumFractionDigits: 1)}} basis points away from the prices it decided on, more than the {{limitBps, number}} allowed. Larger orders would likely cost more, so more money is not offered.',
  LADDER_EVIDENCE_INVALID: 'Ballast could not read its own live record or your balance on the exchange just now, so it offers no more money until it can.',
  LADDER_NOT_A_RAISE: `${money('toQuote')} is not more than the current ${money('fromQuote')}. To use less, lower the share instead: that takes effect at once.`,
  LADDER_RAISE_TOO_LARGE: `One step may at most double the share: up to ${money('maxQuote')}, not ${money('toQuote')}.`,
  LADDER_ABOVE_BALANCE: `${money('toQuote')} is more than the {{balanceQuote}} {{quoteAsset}} in your account.`,
  LADDER_CONFIRMATION_MISMATCH: 'The confirmation did not match, so the share stays as it is. Type exactly: {{expected}}',
  LADDER_NOT_A_DECREASE: `${money('toQuote')} is not less than the current ${money('fromQuote')}; lowering needs a smaller amount.`,
  LADDER_AMOUNT_INVALID: 'The amount {{shareQuote}} is not a positive number, so nothing changed.',
  LADDER_NOT_TRADING: 'The live bot is not trading normally now (stopped, killed, in safe mode or waiting for its check), so more money is not offered. Lowering the share is always possible.',
} as const satisfies Record<LadderCode, string>;

/** The raise dialog's lines: the money at stake, said plainly before the person types the confirmation. */
export const CAPITAL_RAISE_DIALOG_MESSAGES = {
  RAISE_SUMMARY: `Raise the money Ballast may trade with from ${money('fromQuote')} to ${money('toQuote')}.`,
  RAISE_AT_STAKE: `In the worst case you could lose ${money('extraAtStakeQuote')} more than today. Ballast still stops new trades for the day after losing ${money('dailyLossLimitQuote')}, and one trade uses at most ${money('largestEntryQuote')}.`,
  RAISE_CONFIRM: 'To confirm, type: {{confirmationPhrase}}',
  LOWER_SUMMARY: `The share is now ${money('toQuote')} (was ${money('fromQuote')}). Positions already open stay open; new trades use the smaller amount.`,
} as const;
