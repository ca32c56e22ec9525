import { splitMarketSymbol } from '../../model/index.ts';
import type { MarketInfo } from '../../market/index.ts';

/**
 * Trading rules for a market replayed offline, where the exchange cannot be asked. They are
 * Ballast's demo defaults, modelled on a typical spot market, and say so: a real exchange's
 * rules for the same symbol may differ.
 */
export const DEMO_RULES_NOTE = 'Trading rules are Ballast demo defaults (typical spot rules); the real exchange’s rules may differ.';

export const DEMO_MIN_NOTIONAL_QUOTE = 5;
export const DEMO_FEE_RATE = 0.001;

const decimalsOf = (step: number): number => Math.max(0, -Math.floor(Math.log10(step) + 1e-9));

/**
 * Amount step: a hundredth of the largest power of ten below the amount worth the minimum
 * order (BTC at 4,000 USDT gets 0.00001, as on Binance), so sizes are fine-grained and fee
 * leftovers stay tiny. Price tick: six significant digits at the reference price.
 */
export function demoMarketRules(symbol: string, referencePriceQuote: number): MarketInfo {
  const { base, quote } = splitMarketSymbol(symbol);
  const amountStepBase = 10 ** (Math.floor(Math.log10(DEMO_MIN_NOTIONAL_QUOTE / referencePriceQuote)) - 2);
  const priceTickQuote = 10 ** (Math.floor(Math.log10(referencePriceQuote)) - 5);
  return {
    exchange: 'paper',
    symbol,
    base,
    quote,
    active: true,
    precision: {
      amountStepBase,
      amountDecimals: decimalsOf(amountStepBase),
      priceTickQuote,
      priceDecimals: decimalsOf(priceTickQuote),
    },
    limits: { minAmountBase: amountStepBase, maxAmountBase: null, minNotionalQuote: DEMO_MIN_NOTIONAL_QUOTE },
    fees: { makerRate: DEMO_FEE_RATE, takerRate: DEMO_FEE_RATE },
  };
}
