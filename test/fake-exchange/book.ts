import { ceilToTick, floorToStep, floorToTick } from './decimals.ts';

/**
 * A synthetic order book around the replayed price: the candle files carry no depth, so depth is
 * a stated assumption (spread, level spacing, liquidity per level) that tests can change.
 */
export interface BookShape {
  /** distance between best bid and best ask, in basis points of the price */
  spreadBps: number;
  /** distance between consecutive levels on one side, in basis points */
  levelStepBps: number;
  /** levels on each side */
  levels: number;
  /** liquidity at each level, in quote currency (so depth means the same in 2017 and 2021) */
  depthPerLevelQuote: number;
}

export const DEFAULT_BOOK_SHAPE: BookShape = { spreadBps: 2, levelStepBps: 1, levels: 100, depthPerLevelQuote: 20_000 };

export interface BookLevel {
  priceQuote: number;
  amountBase: number;
}

export interface OrderBookSnapshot {
  bids: BookLevel[];
  asks: BookLevel[];
}

export function syntheticBook(midPrice: number | undefined, tickSize: number, stepSize: number, shape: BookShape): OrderBookSnapshot {
  if (midPrice === undefined || !(midPrice > 0)) return { bids: [], asks: [] };
  const halfSpread = (midPrice * shape.spreadBps) / 20_000;
  const levelStep = Math.max((midPrice * shape.levelStepBps) / 10_000, tickSize);
  const bestBid = floorToTick(midPrice - halfSpread, tickSize);
  const bestAsk = Math.max(ceilToTick(midPrice + halfSpread, tickSize), bestBid + tickSize);
  const bids: BookLevel[] = [];
  const asks: BookLevel[] = [];
  for (let level = 0; level < shape.levels; level += 1) {
    const bidPrice = floorToTick(bestBid - level * levelStep, tickSize);
    const askPrice = ceilToTick(bestAsk + level * levelStep, tickSize);
    if (bidPrice > 0) bids.push({ priceQuote: bidPrice, amountBase: floorToStep(shape.depthPerLevelQuote / bidPrice, stepSize) });
    asks.push({ priceQuote: askPrice, amountBase: floorToStep(shape.depthPerLevelQuote / askPrice, stepSize) });
  }
  return { bids, asks };
}
