import type { Candle, LiquidityView, MarketInfo } from '../../market/index.ts';
import type { FillModel } from '../../paper/index.ts';
import type { MarketView } from '../../risk/index.ts';

/**
 * The market as the risk layer sees it during a candle replay, built from the same assumptions
 * the paper exchange fills with: the close as mid, the fill model's half spread, and depth
 * within the band as the share of a bar's traded value the paper exchange lets an order take.
 */
export interface ReplayMarketViewInput {
  readonly market: MarketInfo;
  readonly candle: Candle;
  readonly closeTimeMs: number;
  /** Traded value over the last 24 hours of bars, in quote. */
  readonly quoteVolume24h: number;
  readonly atrQuote: number | null;
  readonly fillModel: FillModel;
  readonly depthWithinBps: number;
}

export function replayMarketView(input: ReplayMarketViewInput): MarketView {
  const { candle, fillModel } = input;
  const mid = candle.close;
  const half = (mid * fillModel.halfSpreadBps) / 10_000;
  const barValueQuote = candle.volumeBase * mid;
  const depthQuote = barValueQuote * fillModel.volumeShare;
  const liquidity: LiquidityView = {
    symbol: input.market.symbol,
    atMs: input.closeTimeMs,
    quoteVolume24h: input.quoteVolume24h,
    bidQuote: mid - half,
    askQuote: mid + half,
    midQuote: mid,
    spreadBps: fillModel.halfSpreadBps * 2,
    depthWithinBps: input.depthWithinBps,
    bidDepthQuote: depthQuote,
    askDepthQuote: depthQuote,
  };
  return { market: input.market, liquidity, atrQuote: input.atrQuote };
}

/** Rolling 24-hour traded value of a bar series, updated one bar at a time. */
export function createRollingQuoteVolume(barsPerDay: number): { push(candle: Candle): number } {
  const window = new Float64Array(Math.max(1, barsPerDay));
  let next = 0;
  let sum = 0;
  return {
    push(candle) {
      const value = candle.volumeBase * candle.close;
      sum += value - (window[next] ?? 0);
      window[next] = value;
      next = (next + 1) % window.length;
      return sum;
    },
  };
}
