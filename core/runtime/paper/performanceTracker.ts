import type { EquityPoint } from '../../contract/index.ts';

/**
 * Equity curve, buy-and-hold and drawdown of a paper run. Buy-and-hold puts the same starting
 * money into the market at the first bar's close, paying the same taker fee, and holds: both
 * lines are marked the same way, so the comparison is fair.
 */
export interface PerformanceTracker {
  /** `exposureQuote`: what the bot holds in the market at this bar's close (0 for leftovers too small to trade). */
  onBar(atMs: number, closeQuote: number, equityQuote: number, exposureQuote: number): void;
  readonly startingQuote: number;
  readonly lastEquityQuote: number;
  readonly buyAndHoldQuote: number;
  readonly maxDrawdownPct: number;
  /** Share of bars with money in the market, 0–100. */
  readonly timeInMarketPct: number;
  /** Average share of the account in the market over all bars, 0–100: how much money was at work. */
  readonly averageExposurePct: number;
  /** At most `maxPoints` points, evenly thinned, always including the latest. */
  points(maxPoints: number): EquityPoint[];
}

export function createPerformanceTracker(startingQuote: number, takerFeeRate: number): PerformanceTracker {
  const times: number[] = [];
  const equity: number[] = [];
  const hold: number[] = [];
  let holdAmountBase: number | null = null;
  let peak = startingQuote;
  let maxDrawdown = 0;
  let barsInMarket = 0;
  let exposureShareSum = 0;
  return {
    startingQuote,
    get lastEquityQuote() {
      return equity.at(-1) ?? startingQuote;
    },
    get buyAndHoldQuote() {
      return hold.at(-1) ?? startingQuote;
    },
    get maxDrawdownPct() {
      return maxDrawdown * 100;
    },
    get timeInMarketPct() {
      return times.length === 0 ? 0 : (barsInMarket / times.length) * 100;
    },
    get averageExposurePct() {
      return times.length === 0 ? 0 : (exposureShareSum / times.length) * 100;
    },
    onBar(atMs, closeQuote, equityQuote, exposureQuote) {
      if (exposureQuote > 0) barsInMarket += 1;
      if (equityQuote > 0) exposureShareSum += exposureQuote / equityQuote;
      holdAmountBase ??= (startingQuote * (1 - takerFeeRate)) / closeQuote;
      times.push(atMs);
      equity.push(equityQuote);
      hold.push(holdAmountBase * closeQuote);
      if (equityQuote > peak) peak = equityQuote;
      const drawdown = peak > 0 ? (peak - equityQuote) / peak : 0;
      if (drawdown > maxDrawdown) maxDrawdown = drawdown;
    },
    points(maxPoints) {
      const count = times.length;
      const stride = Math.max(1, Math.ceil(count / maxPoints));
      const result: EquityPoint[] = [];
      for (let i = 0; i < count; i += stride) {
        result.push({ atMs: times[i] ?? 0, equityQuote: equity[i] ?? 0, buyAndHoldQuote: hold[i] ?? 0 });
      }
      const last = count - 1;
      if (count > 0 && (last % stride) !== 0) {
        result.push({ atMs: times[last] ?? 0, equityQuote: equity[last] ?? 0, buyAndHoldQuote: hold[last] ?? 0 });
      }
      return result;
    },
  };
}
