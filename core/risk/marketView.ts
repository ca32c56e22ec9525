import type { LiquidityView, MarketInfo } from '../market/index.ts';

/**
 * What the risk layer needs to know about one market right now: its trading rules and how
 * liquid it is. Built by the runtime from the market layer (`fetchLiquidityView` with
 * `depthWithinBps` no wider than the price band) and the strategy's ATR.
 */
export interface MarketView {
  readonly market: MarketInfo;
  readonly liquidity: LiquidityView;
  /** Recent average true range of the traded timeframe, in quote; null when not known. */
  readonly atrQuote: number | null;
}

/** Why the market view cannot be used for an order at `atMs`, or null. Fail closed. */
export function marketViewProblem(view: MarketView, symbol: string): string | null {
  const { market, liquidity } = view;
  if (market.symbol !== symbol || liquidity.symbol !== symbol) {
    return `the market data is for ${market.symbol}/${liquidity.symbol}, not ${symbol}`;
  }
  const { amountStepBase, priceTickQuote } = market.precision;
  if (!(amountStepBase > 0) || !(priceTickQuote > 0) || !Number.isFinite(amountStepBase) || !Number.isFinite(priceTickQuote)) {
    return 'the exchange\'s rounding rules are unknown';
  }
  const { bidQuote, askQuote, midQuote } = liquidity;
  if (!(bidQuote > 0) || !(askQuote > bidQuote) || !Number.isFinite(askQuote) || !(midQuote > 0)) {
    return 'there is no sensible bid and ask';
  }
  if (!Number.isFinite(liquidity.spreadBps) || !Number.isFinite(liquidity.bidDepthQuote) || !Number.isFinite(liquidity.askDepthQuote)) {
    return 'the order book depth is unknown';
  }
  if (!(liquidity.depthWithinBps > 0)) return 'the order book depth is unknown';
  if (liquidity.atMs === null || !Number.isFinite(liquidity.atMs)) return 'the prices carry no time';
  if (!Number.isFinite(market.fees.takerRate) || !Number.isFinite(market.fees.makerRate)) return 'the trading fees are unknown';
  return null;
}
