import type { MarketInfo } from '../market/index.ts';

/**
 * Rounding to a market's own precision. Float noise smaller than this (relative) is not a real
 * amount: 0.3 − 0.1 − 0.2 must still count as zero, 0.1 + 0.2 as 0.3.
 */
const RELATIVE_NOISE = 1e-12;

function decimalScale(decimals: number): number {
  return 10 ** Math.min(Math.max(decimals, 0), 15);
}

/** `steps × step` written as the exchange would (no 0.30000000000000004). */
function onGrid(steps: number, step: number, decimals: number): number {
  const scale = decimalScale(decimals);
  return Math.round(steps * step * scale) / scale;
}

/**
 * The largest multiple of `step` that is not above `value`: amounts always round DOWN, so an
 * approved order never exceeds what the limits allowed. Returns 0 for anything below one step.
 */
export function floorToStep(value: number, step: number, decimals: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 0;
  let steps = Math.floor(value / step);
  // Float division can land just below a whole step (0.3 / 0.1 = 2.9999999999999996).
  if (onGrid(steps + 1, step, decimals) <= value * (1 + RELATIVE_NOISE)) steps += 1;
  let rounded = onGrid(steps, step, decimals);
  while (steps > 0 && rounded > value * (1 + RELATIVE_NOISE)) {
    steps -= 1;
    rounded = onGrid(steps, step, decimals);
  }
  return steps > 0 ? rounded : 0;
}

/** The smallest multiple of `step` not below `value`. */
export function ceilToStep(value: number, step: number, decimals: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 0;
  let steps = Math.ceil(value / step);
  if (steps > 1 && onGrid(steps - 1, step, decimals) >= value * (1 - RELATIVE_NOISE)) steps -= 1;
  let rounded = onGrid(steps, step, decimals);
  while (rounded < value * (1 - RELATIVE_NOISE)) {
    steps += 1;
    rounded = onGrid(steps, step, decimals);
  }
  return rounded;
}

export function roundAmountDown(market: MarketInfo, amountBase: number): number {
  return floorToStep(amountBase, market.precision.amountStepBase, market.precision.amountDecimals);
}

/** Buys round their price down: never pay more than asked, never past the top of the band. */
export function roundBuyPrice(market: MarketInfo, priceQuote: number): number {
  return floorToStep(priceQuote, market.precision.priceTickQuote, market.precision.priceDecimals);
}

/** Sells round their price up: never sell cheaper than asked, never past the bottom of the band. */
export function roundSellPrice(market: MarketInfo, priceQuote: number): number {
  return ceilToStep(priceQuote, market.precision.priceTickQuote, market.precision.priceDecimals);
}

/** True when `value` is a whole multiple of `step` (up to float noise). */
export function isOnStep(value: number, step: number): boolean {
  const steps = value / step;
  return Math.abs(steps - Math.round(steps)) <= 1e-6;
}
