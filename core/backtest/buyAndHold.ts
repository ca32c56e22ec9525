import type { BacktestBars } from './backtestBars.ts';
import type { SimulatedFillModel } from './fillModels.ts';

/**
 * What the same money would have done bought once and held, paying the same costs, from the
 * same start: the cash is put into the market at the first price the strategy could have filled
 * at after its warm-up (the next bar's open) with the taker fee and the model's slippage, held,
 * and valued at the last close net of the fee to sell. NaN before `startBar`; `cashQuote` at it.
 */
export function buyAndHoldEquity(bars: BacktestBars, startBar: number, cashQuote: number, model: SimulatedFillModel, endBar = bars.length): Float64Array {
  const equity = new Float64Array(endBar).fill(Number.NaN);
  if (startBar >= endBar) return equity;
  equity[startBar] = cashQuote;
  const buyBar = startBar + 1;
  if (buyBar >= endBar) return equity;
  const fee = model.costs.takerFeeRate;
  const entryQuote = (bars.open[buyBar] as number) * (1 + model.costs.slippage);
  const amountBase = cashQuote / (entryQuote * (1 + fee));
  for (let bar = buyBar; bar < endBar; bar++) equity[bar] = amountBase * (bars.close[bar] as number);
  const last = endBar - 1;
  equity[last] = amountBase * (bars.close[last] as number) * (1 - model.costs.slippage) * (1 - fee);
  return equity;
}
