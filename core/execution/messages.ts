/**
 * English wording of what live trading's execution reports: code → i18next template. Amounts of
 * coin arrive raw in `amountBase`-like fields with the coin as `asset`, prices in quote currency; `reason` and `detail` are
 * the technical part, shown under the sentence.
 */
import type { ExitCode, KillCode, NoTradingCode, ProtectionCode, ReconciliationCode } from './liveCodes.ts';

/** `asset` is the coin of the market (BTC for BTC/USDT); live notices about a market carry it. */
const coins = (name: string): string => `{{${name}, number(maximumFractionDigits: 8)}} {{asset}}`;
const price = (name: string): string => `{{${name}, number(maximumFractionDigits: 8)}}`;

export const PROTECTION_MESSAGES = {
  STOP_PLACED: `A protective stop now rests on the exchange for your ${coins('amountBase')} position: if the price falls to ${price('stopPriceQuote')}, the exchange sells it, even when Ballast or this computer is off.`,
  STOP_SWEPT: 'Ballast’s {{symbol}} position is closed, so its leftover protective stop was cancelled on the exchange.',
  STOP_REFUSED: 'The exchange refused the protective stop for your {{symbol}} position (attempt {{attempt}}). Ballast tries once more, then sells the position rather than leave it unprotected.',
  STOP_NOT_CONFIRMED: 'Ballast sent the protective stop for your {{symbol}} position but the exchange has not listed it yet. It checks again at the next bar; if it still cannot see it, trading goes to safe mode.',
  STOP_CANCEL_UNCONFIRMED: 'Ballast could not confirm that the exchange cancelled the old protective stop for {{symbol}}, so it did not send another one (two stops could sell twice). It checks again at the next bar.',
  STOP_ALREADY_PASSED_EXITED: `The price (${price('priceQuote')}) was already below the stop (${price('stopPriceQuote')}) for your ${coins('amountBase')}, so a stop would have sold at once anyway: Ballast sold the position straight away, at a price close to the market.`,
  STOP_FAILED_EXITED: `The exchange refused the protective stop twice, so Ballast sold your ${coins('amountBase')} at a price close to the market rather than keep it unprotected. Trading is in safe mode (no new positions) until you review this.`,
  STOP_WATCHED_BY_BALLAST: `This exchange cannot hold a stop order for Ballast: the stop for your ${coins('amountBase')} is watched by Ballast itself and protects the position only while Ballast is running.`,
  POSITION_UNPROTECTED: `Your ${coins('amountBase')} has no protective stop on the exchange and Ballast could not sell it either. Trading is in safe mode. Check the position on the exchange now; Ballast keeps trying.`,
  POSITION_TOO_SMALL_FOR_STOP: `Ballast holds ${coins('amountBase')}, less than the smallest order this market accepts: no stop can be placed and it cannot be sold until it grows.`,
  POSITION_TOO_SMALL_FOR_STOP_SOLD: `Your ${coins('amountBase')} was too small for a stop at ${price('stopPriceQuote')} (the exchange's minimum order), so Ballast sold it rather than keep a position it cannot protect.`,
  NO_STOP_PRICE: `Ballast holds ${coins('amountBase')} from an order that came without a stop price, so it cannot choose a stop for you. Trading is in safe mode until you decide: close the position or set a stop.`,
  MARKET_RULES_UNKNOWN: `Ballast could not read the trading rules of {{symbol}}, so it cannot place a stop for your ${coins('amountBase')}. Trading is in safe mode.`,
  PROTECTION_UNCONFIRMED_TOO_LONG: 'For {{passes}} bars in a row the exchange has not confirmed a protective stop for your {{symbol}} position. Trading is in safe mode (no new positions) until it does.',
} as const satisfies Record<ProtectionCode, string>;

export const EXIT_MESSAGES = {
  EXITED: `Sold ${coins('amountBase')} at an average of ${price('averagePriceQuote')}.`,
  EXIT_PARTLY_FILLED: `Only ${coins('soldBase')} of ${coins('amountBase')} sold at once. The rest was not left waiting on the exchange: its protective stop is back on what you still hold.`,
  EXIT_NOT_FILLED: 'The sale of your {{symbol}} did not go through, so its protective stop was put back on the exchange. Nothing was sold.',
  EXIT_NOTHING_TO_SELL: 'Ballast holds no {{symbol}} it could sell, so nothing was sent. Coins you hold outside Ballast are never sold by it.',
  EXIT_NOT_READY: 'Ballast has not finished checking your account against the exchange, so it sold nothing. Your protective stops on the exchange are unchanged; Kill still works.',
  EXIT_STOP_NOT_CANCELLED: 'The protective stop holds your {{symbol}} on the exchange and Ballast could not confirm it was cancelled, so the sale was not sent. The stop still protects the position.',
} as const satisfies Record<ExitCode, string>;

export const RECONCILIATION_MESSAGES = {
  EXTERNAL_ORDER: 'An order Ballast did not place is open on your account ({{side}} {{amountBase, number(maximumFractionDigits: 8)}} {{asset}} on {{symbol}}). It is yours or another app’s: Ballast leaves it alone and never counts it as its own.',
  EXTERNAL_TRADE: 'A trade Ballast did not make happened on your account ({{side}} {{amountBase, number(maximumFractionDigits: 8)}} {{asset}} on {{symbol}}). Ballast does not count it as its own.',
  ORDER_CHANGED_WHILE_AWAY: 'While Ballast was not watching, one of its orders changed on the exchange (it had {{journalHad}}, the exchange has {{exchangeHas}}). Ballast took the exchange’s record.',
  ORDER_NEVER_REACHED_EXCHANGE: 'An order Ballast had prepared never reached the exchange (the exchange has no trace of it). It was closed and not sent again.',
  FILLS_ADDED: 'Trades on one of Ballast’s orders were missing from its record; they were read from the exchange and added.',
  BALANCE_CHANGED_OUTSIDE_BALLAST: 'Your {{asset}} balance changed outside Ballast (expected {{expected, number(maximumFractionDigits: 8)}}, the exchange has {{actual, number(maximumFractionDigits: 8)}}): a deposit, a withdrawal or a trade by hand. Ballast takes the exchange’s figure.',
  STOP_REPLACED: 'The exchange had no protective stop for your {{symbol}} position, as Ballast expected, so it placed one again and saw it confirmed.',
  BALLAST_ORDER_NOT_IN_JOURNAL: 'An order with Ballast’s mark is on the exchange but not in Ballast’s record. Ballast took it into its record, and trading is in safe mode until you review it.',
  BALLAST_TRADE_NOT_IN_JOURNAL: 'A trade on an order with Ballast’s mark ({{side}} {{amountBase, number(maximumFractionDigits: 8)}} {{asset}} on {{symbol}}) was missing from Ballast’s record. It was added; trading is in safe mode until you review it.',
  POSITION_EXCEEDS_BALANCE: 'Ballast’s record says it holds {{positionBase, number(maximumFractionDigits: 8)}} {{asset}}, but the account has only {{balanceBase, number(maximumFractionDigits: 8)}}. Someone may have sold or moved them. Trading is in safe mode until you review it.',
  POSITION_NOT_PROTECTED: 'Ballast’s {{symbol}} position ({{amountBase, number(maximumFractionDigits: 8)}} {{asset}}) has no confirmed protective stop on the exchange. Trading is in safe mode until it has one.',
  TOO_MANY_UNKNOWN_TRADES: 'More trades on {{symbol}} than Ballast can check one by one came from orders it does not know, so it cannot be sure none of them are its own. Trading is in safe mode until you review your account.',
} as const satisfies Record<ReconciliationCode, string>;

export const NO_TRADING_MESSAGES = {
  EXCHANGE_UNREACHABLE: 'Ballast could not reach the exchange to check your orders and balances, so it is not trading at all. It will check again; nothing was sent.',
  KEY_REFUSED: 'The exchange refused the API key while Ballast was checking your orders, so it is not trading. Check the key in Settings.',
  MARKETS_UNREADABLE: 'Ballast could not read the exchange’s trading rules, so it is not trading.',
  ORDERS_UNREADABLE: 'Ballast could not read your open orders on the exchange, so it cannot be sure what is already placed and is not trading.',
  ORDER_STATUS_UNKNOWN: 'Ballast could not find out whether an order it sent before was placed, so it is not trading until it knows. It never assumes an order is gone because a lookup failed.',
  FILLS_INCOMPLETE: 'Ballast could not read all the trades on its orders, so it does not know its exact position and is not trading.',
  BALANCES_UNREADABLE: 'Ballast could not read your balances on the exchange, so it is not trading.',
  JOURNAL_FAILED: 'Ballast could not save to its record, so it is not trading: every order must be recorded before it is sent.',
  TRADES_UNREADABLE: 'Ballast could not read the trades made on your account since it last ran, so it cannot be sure of its position and is not trading.',
} as const satisfies Record<NoTradingCode, string>;

export const KILL_MESSAGES = {
  KILL_STOPS_KEPT: 'Kill: every order of Ballast’s is cancelled except its {{stops}} protective stop(s), which stay on the exchange and still protect your positions. The exchange’s own list confirms it.',
  KILL_EVERYTHING_SOLD: 'Kill: Ballast’s positions were sold at prices close to the market and all its orders are cancelled. The exchange’s own list shows none left.',
  KILL_ALL_CANCELLED: 'Kill: every order of Ballast’s is cancelled, protective stops included; nothing was sold. {{positions}} position(s) stay on the exchange without a stop. Delete the API key on the exchange now.',
  KILL_ORDER_NOT_CANCELLED: 'The exchange did not confirm that one of Ballast’s {{symbol}} orders was cancelled. It may still be open: check it on the exchange. Ballast keeps trying.',
  KILL_POSITION_NOT_SOLD: 'Ballast could not sell all of its {{symbol}} position ({{amountBase, number(maximumFractionDigits: 8)}} {{asset}} left). Its protective stop is back on the exchange; you can sell it there yourself.',
  KILL_LISTING_UNREADABLE: 'Ballast could not read your open orders on the exchange after Kill, so it cannot confirm what is left. Check the exchange now; Ballast keeps trying.',
  KILL_EXTERNAL_ORDERS_LEFT: '{{count}} order(s) Ballast did not place are still open on your account. Kill never touches them: cancel them on the exchange if you want them gone.',
} as const satisfies Record<KillCode, string>;
