import type { Candle } from '../../market/index.ts';
import { ATR } from '../indicators/index.ts';

/**
 * Triple-barrier labels for a long entry at a bar's close (Ballast trades spot, long only):
 * take profit at close + m·ATR, stop at close − k·ATR, and a time limit of h bars. The label says
 * whether that trade would have made money after a round trip of fees and slippage.
 */
export interface TripleBarrierConfig {
  /** Take profit distance in ATRs (m). */
  readonly takeProfitAtr: number;
  /** Stop distance in ATRs (k). */
  readonly stopAtr: number;
  /** Time limit in bars (h); also the embargo after a test fold. */
  readonly horizonBars: number;
  /** ATR period used for the barriers. */
  readonly atrPeriod: number;
  /** Fee per side as a fraction of the traded value (0.001 = 0.1 %). */
  readonly feeRate: number;
  /** Slippage per side as a fraction of the price. */
  readonly slippageRate: number;
}

export const DEFAULT_TRIPLE_BARRIER: TripleBarrierConfig = {
  takeProfitAtr: 2,
  stopAtr: 2,
  horizonBars: 24,
  atrPeriod: 14,
  feeRate: 0.001,
  slippageRate: 0.0005,
};

export type BarrierHit = 'takeProfit' | 'stop' | 'timeLimit';

export interface TripleBarrierLabel {
  /** 1 when the trade made money after costs, else 0. */
  readonly label: 0 | 1;
  /** Bar whose close the entry uses (the decision bar). */
  readonly startIndex: number;
  /** Last bar the outcome depends on: the bar that touched a barrier, or the time limit. */
  readonly endIndex: number;
  readonly barrier: BarrierHit;
  /** Realised return of the round trip after fees and slippage on both sides. */
  readonly returnNet: number;
}

/**
 * One label per bar; null where the outcome is not known yet (the window runs past the data) or
 * the ATR is not warmed up or is zero (no barriers can be drawn).
 *
 * Rules, in order, for each later bar j = i+1 … i+h:
 * - if the bar opens beyond a barrier (a gap), the trade exits at that open;
 * - if its range touches both barriers, the stop is assumed first (the bar's path is unknown and
 *   the cautious reading must not flatter the model);
 * - otherwise the touched barrier's price;
 * - at bar i+h with no touch, the trade exits at that bar's close.
 */
export function tripleBarrierLabels(candles: readonly Candle[], config: TripleBarrierConfig = DEFAULT_TRIPLE_BARRIER): (TripleBarrierLabel | null)[] {
  const atr = new ATR(config.atrPeriod);
  const costPerSide = config.feeRate + config.slippageRate;
  const labels: (TripleBarrierLabel | null)[] = [];
  for (let i = 0; i < candles.length; i++) {
    const entry = candles[i];
    if (entry === undefined) break;
    const atrValue = atr.update(entry.high, entry.low, entry.close);
    labels.push(atrValue !== undefined && atrValue > 0 ? labelFrom(candles, i, atrValue, config, costPerSide) : null);
  }
  return labels;
}

function labelFrom(candles: readonly Candle[], startIndex: number, atrValue: number, config: TripleBarrierConfig, costPerSide: number): TripleBarrierLabel | null {
  const entryPrice = candles[startIndex]?.close ?? Number.NaN;
  const takeProfit = entryPrice + config.takeProfitAtr * atrValue;
  const stop = entryPrice - config.stopAtr * atrValue;
  const lastIndex = startIndex + config.horizonBars;
  for (let j = startIndex + 1; j <= lastIndex; j++) {
    const bar = candles[j];
    if (bar === undefined) return null;
    let exit: { price: number; barrier: BarrierHit } | null = null;
    if (bar.open <= stop) exit = { price: bar.open, barrier: 'stop' };
    else if (bar.open >= takeProfit) exit = { price: bar.open, barrier: 'takeProfit' };
    else if (bar.low <= stop) exit = { price: stop, barrier: 'stop' };
    else if (bar.high >= takeProfit) exit = { price: takeProfit, barrier: 'takeProfit' };
    else if (j === lastIndex) exit = { price: bar.close, barrier: 'timeLimit' };
    if (exit !== null) {
      const returnNet = roundTripReturn(entryPrice, exit.price, costPerSide);
      return { label: returnNet > 0 ? 1 : 0, startIndex, endIndex: j, barrier: exit.barrier, returnNet };
    }
  }
  return null;
}

/** Buy at entry paying costs, sell at exit paying costs: exit·(1 − c) / (entry·(1 + c)) − 1. */
export function roundTripReturn(entryPrice: number, exitPrice: number, costPerSide: number): number {
  return (exitPrice * (1 - costPerSide)) / (entryPrice * (1 + costPerSide)) - 1;
}
