import { err, ok, type Result } from './result.ts';

/** A spot market as two coin codes with a slash (BTC/USDT), parsed once and then trusted. */
export interface MarketSymbol {
  /** The unified symbol, e.g. `BTC/USDT`. */
  readonly symbol: string;
  /** What is bought and sold, e.g. `BTC`. */
  readonly base: string;
  /** What it is priced in, e.g. `USDT`. */
  readonly quote: string;
}

export const MARKET_SYMBOL_PATTERN = /^[A-Z0-9]{2,10}\/[A-Z0-9]{2,10}$/;

export const isMarketSymbol = (text: string): boolean => MARKET_SYMBOL_PATTERN.test(text);

export type MarketSymbolProblem = 'NOT_A_MARKET_SYMBOL';

/** Reads `BTC/USDT` (after trimming); anything else is refused, never guessed. */
export function parseMarketSymbol(text: string): Result<MarketSymbol, MarketSymbolProblem> {
  const symbol = text.trim();
  if (!isMarketSymbol(symbol)) return err('NOT_A_MARKET_SYMBOL');
  const slash = symbol.indexOf('/');
  return ok({ symbol, base: symbol.slice(0, slash), quote: symbol.slice(slash + 1) });
}

/**
 * The two halves of a symbol the code already holds (a market's own rules, a journal row). A
 * symbol without a slash gives itself as the base and an empty quote, so nothing is invented.
 */
export function splitMarketSymbol(symbol: string): MarketSymbol {
  const slash = symbol.indexOf('/');
  return slash < 0 ? { symbol, base: symbol, quote: '' } : { symbol, base: symbol.slice(0, slash), quote: symbol.slice(slash + 1) };
}
