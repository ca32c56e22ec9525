import type { Candle } from '../../market/index.ts';

/**
 * Generated prices for the Demo market, so a fresh install shows a working paper bot within
 * seconds without shipping or fetching real data. They are labelled as generated everywhere
 * they appear: trends and crashes here prove nothing about a real market.
 */
export interface SyntheticMarketOptions {
  readonly seed: number;
  readonly bars: number;
  readonly timeframeMs: number;
  /** Open time of the last bar. */
  readonly endOpenTimeMs: number;
  readonly startPriceQuote: number;
}

export const SYNTHETIC_MARKET_DEFAULTS: Omit<SyntheticMarketOptions, 'endOpenTimeMs'> = {
  seed: 20_240_601,
  bars: 6_000,
  timeframeMs: 3_600_000,
  startPriceQuote: 30_000,
};

/** A small, fast, seedable generator (mulberry32): the same seed gives the same market. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function normal(random: () => number): number {
  // Box–Muller; 1 − u keeps the logarithm away from zero.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Geometric random walk with trending and ranging regimes and volatility clustering, so trend
 * and mean-reversion strategies both meet conditions they like and conditions they do not.
 */
export function generateSyntheticCandles(options: SyntheticMarketOptions): Candle[] {
  const random = seededRandom(options.seed);
  const candles: Candle[] = [];
  const firstOpenTimeMs = options.endOpenTimeMs - (options.bars - 1) * options.timeframeMs;
  let close = options.startPriceQuote;
  let driftPerBar = 0;
  let volatility = 0.008;
  for (let i = 0; i < options.bars; i += 1) {
    if (i % 240 === 0) driftPerBar = (random() - 0.5) * 0.0016; // a new regime about every 10 days
    volatility = Math.min(0.03, Math.max(0.003, volatility * (0.97 + random() * 0.06)));
    const open = close;
    close = Math.max(1, open * Math.exp(driftPerBar + volatility * normal(random)));
    const wickUp = Math.abs(normal(random)) * volatility * 0.5;
    const wickDown = Math.abs(normal(random)) * volatility * 0.5;
    const high = Math.max(open, close) * (1 + wickUp);
    const low = Math.min(open, close) * (1 - wickDown);
    candles.push({
      openTimeMs: firstOpenTimeMs + i * options.timeframeMs,
      open,
      high,
      low,
      close,
      volumeBase: 50 + random() * 450,
    });
  }
  return candles;
}
