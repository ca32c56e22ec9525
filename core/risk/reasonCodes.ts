import { amount, basisPointsAsPercent, money, percent } from './riskWording.ts';

export { RISK_REASON_CODES, type RiskReasonCode } from '../model/index.ts';
import type { RiskReasonCode } from '../model/index.ts';

/** Numbers and names behind a reason, for the decision feed's detail view and the journal. */
export type ReasonDetails = Readonly<Record<string, number | string | boolean | null>>;

/** `veto`: only ever rejects; `shrink`: only makes the order smaller; `both`: depends on how much room is left. */
export type ReasonEffect = 'veto' | 'shrink' | 'both';

const num = (details: ReasonDetails, key: string): number => {
  const value = details[key];
  return typeof value === 'number' ? value : Number.NaN;
};
const text = (details: ReasonDetails, key: string, fallback: string): string => {
  const value = details[key];
  return typeof value === 'string' ? value : fallback;
};
const cash = (details: ReasonDetails, key: string): string => money(num(details, key), text(details, 'quoteAsset', 'quote currency'));
const base = (details: ReasonDetails, key: string): string => amount(num(details, key), text(details, 'baseAsset', 'units')).trim();

interface ReasonEntry {
  readonly effect: ReasonEffect;
  readonly sentence: (details: ReasonDetails) => string;
}

/** One plain sentence per code: what happened and what it means for the person's money. */
export const RISK_REASONS: { readonly [C in RiskReasonCode]: ReasonEntry } = {
  STATE_PAUSED: { effect: 'veto', sentence: () => 'Trading is paused: Pause holds back new positions and the strategy\'s own sales too; only protective stops and their exits are sent. Press Resume to trade again.' },
  STATE_KILLED: { effect: 'veto', sentence: () => 'Trading was stopped with Kill: nothing is sent except closing positions. Re-arm to trade again.' },
  SAFE_MODE_REDUCE_ONLY: {
    effect: 'veto',
    sentence: (d) => `Safe mode is on (${text(d, 'safeModeReason', 'a safety check tripped')}): orders may only make positions smaller, so this one was not sent.`,
  },
  DAILY_LOSS_LIMIT: {
    effect: 'veto',
    sentence: (d) => `Today's loss (${cash(d, 'lossQuote')}) has reached the daily limit of ${percent(num(d, 'limitFraction'))} (${cash(d, 'limitQuote')}); no new trades until tomorrow.`,
  },
  DAILY_LOSS_BUDGET: {
    effect: 'shrink',
    sentence: (d) => `Risk shrank to ${percent(num(d, 'scaledPerTradeFraction'))} of equity per trade: the daily loss budget is ${percent(num(d, 'usedFraction'), 0)} used.`,
  },
  DRAWDOWN_LIMIT: {
    effect: 'veto',
    sentence: (d) => `Your account is ${percent(num(d, 'drawdownFraction'))} below its highest value (${cash(d, 'highWaterMarkQuote')}); the limit is ${percent(num(d, 'limitFraction'))}, so no new trades are started.`,
  },
  PER_TRADE_SIZE: {
    effect: 'both',
    sentence: (d) => `One trade may use at most ${percent(num(d, 'limitFraction'))} of your equity (${cash(d, 'capQuote')}); the order was made smaller to fit.`,
  },
  TOTAL_EXPOSURE: {
    effect: 'both',
    sentence: (d) => `All open positions together may be worth at most ${percent(num(d, 'limitFraction'))} of your equity (${cash(d, 'limitQuote')}); ${cash(d, 'exposureQuote')} is already used, leaving ${cash(d, 'headroomQuote')}.`,
  },
  MAX_OPEN_POSITIONS: {
    effect: 'veto',
    sentence: (d) => `You already hold ${num(d, 'openPositions')} position(s), the most allowed at once (${num(d, 'limit')}); a new market is not opened.`,
  },
  ORDER_RATE_MINUTE: {
    effect: 'veto',
    sentence: (d) => `${num(d, 'ordersInWindow')} orders were sent in the last minute, the most allowed (${num(d, 'limit')}); this guards against a runaway bot.`,
  },
  ORDER_RATE_DAY: {
    effect: 'veto',
    sentence: (d) => `${num(d, 'ordersInWindow')} orders were sent in the last 24 hours, the most allowed (${num(d, 'limit')}).`,
  },
  INSUFFICIENT_BALANCE: {
    effect: 'both',
    sentence: (d) => `Only ${cash(d, 'freeQuote')} is free to spend (after fees); the order was sized to what is available.`,
  },
  NO_SHORTING: {
    effect: 'veto',
    sentence: () => 'Ballast trades spot only and never sells what it does not hold, so it cannot open a short position.',
  },
  NO_POSITION: {
    effect: 'veto',
    sentence: (d) => `There is no ${text(d, 'symbol', 'position')} position left to reduce, or resting sell orders already cover all of it (cancel them first).`,
  },
  EXIT_CAPPED_TO_POSITION: {
    effect: 'shrink',
    sentence: (d) => `The exit asked to sell more than is held and free; it was cut to the filled position (${base(d, 'availableBase')}).`,
  },
  ACCOUNT_DATA_INVALID: {
    effect: 'veto',
    sentence: (d) => `Ballast could not make sense of your account figures (${text(d, 'problem', 'missing or impossible values')}), so it sends nothing until they are read again.`,
  },
  QUOTE_CURRENCY_MISMATCH: {
    effect: 'veto',
    sentence: (d) => `This market is priced in ${text(d, 'marketQuote', 'another currency')}, but your account is measured in ${text(d, 'quoteAsset', 'a different one')}; Ballast only trades markets in your account currency.`,
  },
  PAIR_NOT_ALLOWED: {
    effect: 'veto',
    sentence: (d) => `${text(d, 'symbol', 'This market')} is not on your list of allowed markets, so no trade is opened there. This protects you if someone misuses your key.`,
  },
  PAIR_ILLIQUID: {
    effect: 'veto',
    sentence: (d) => `${text(d, 'symbol', 'This market')} is not liquid enough right now (${text(d, 'problem', 'too little trading')}), so no trade is opened there.`,
  },
  SPREAD_TOO_WIDE: {
    effect: 'veto',
    sentence: (d) => `The gap between buyers and sellers is ${basisPointsAsPercent(num(d, 'spreadBps'))}, more than the ${basisPointsAsPercent(num(d, 'limitBps'))} allowed for a market order; a market order now would lose too much.`,
  },
  PRICE_BAND: {
    effect: 'veto',
    sentence: (d) => `The order price is ${basisPointsAsPercent(num(d, 'distanceBps'))} away from the current price; orders may be at most ${basisPointsAsPercent(num(d, 'limitBps'))} away.`,
  },
  DEPTH: {
    effect: 'both',
    sentence: (d) => `The order book near the price holds only ${cash(d, 'depthQuote')}; one order may take at most ${percent(num(d, 'limitFraction'), 0)} of it (${cash(d, 'capQuote')}).`,
  },
  LIMIT_ONLY: {
    effect: 'veto',
    sentence: () => 'Limit-only mode is on: orders must state a price. Market orders are not sent.',
  },
  MISSING_MARKET_DATA: {
    effect: 'veto',
    sentence: (d) => `Ballast does not have the market data it needs (${text(d, 'problem', 'prices or trading rules are missing')}), so it sends nothing.`,
  },
  STALE_MARKET_DATA: {
    effect: 'veto',
    sentence: (d) => `The latest prices are ${Math.round(num(d, 'ageMs') / 1000)} s old (allowed: ${Math.round(num(d, 'limitMs') / 1000)} s); Ballast waits for fresh prices.`,
  },
  MARKET_INACTIVE: {
    effect: 'veto',
    sentence: (d) => `The exchange has suspended trading in ${text(d, 'symbol', 'this market')}.`,
  },
  MAX_AMOUNT: {
    effect: 'shrink',
    sentence: (d) => `The exchange accepts at most ${base(d, 'maxAmountBase')} in one order; the order was made smaller.`,
  },
  BELOW_MIN_NOTIONAL: {
    effect: 'veto',
    sentence: (d) => `After rounding, the order is worth ${cash(d, 'notionalQuote')}, below the exchange minimum of ${cash(d, 'minNotionalQuote')}, so it was not sent.`,
  },
  BELOW_MIN_AMOUNT: {
    effect: 'veto',
    sentence: (d) => `After rounding, the order is for ${base(d, 'amountBase')}, below the exchange minimum of ${base(d, 'minAmountBase')}, so it was not sent.`,
  },
  ROUNDS_TO_ZERO: {
    effect: 'veto',
    sentence: () => 'After the limits and the exchange\'s rounding, nothing is left to trade, so no order was sent.',
  },
  INVALID_STOP: {
    effect: 'veto',
    sentence: (d) => `The stop price does not make sense for this order (${text(d, 'problem', 'it is on the wrong side of the price')}).`,
  },
  INVALID_INTENT: {
    effect: 'veto',
    sentence: (d) => `The trade request is incomplete or contradictory (${text(d, 'problem', 'a value is missing')}), so it was not sent.`,
  },
  SIZE_NOT_GIVEN: {
    effect: 'veto',
    sentence: () => 'The trade request says neither how much to trade nor where its stop is, so Ballast cannot size it safely.',
  },
};

export function describeRiskReason(code: RiskReasonCode, details: ReasonDetails): string {
  return RISK_REASONS[code].sentence(details);
}
