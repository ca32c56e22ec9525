import type { FillModel } from '../paper/index.ts';

/**
 * How the simulated exchange turns an order into fills. Two models:
 *
 * - `realistic` (the default): an order decided on a closed bar reaches the market at the next
 *   bar's open. Taking liquidity (market orders, marketable limits, triggered stops) pays the
 *   taker fee, half the spread and a price impact that grows with the order's share of the bar's
 *   volume; all of the account's fills in one bar take at most `volumeShare` of its volume, and
 *   what a market order cannot get expires (a visible partial fill). Resting limits fill at
 *   their price when a bar trades through them and pay the maker fee. These are the paper
 *   exchange's formulas (core/paper fillModel), with the same defaults.
 * - `next-open`: the convention of common Python backtesters, for comparison. Market orders fill
 *   at the next bar's open, whole, with no spread, impact or volume cap (plus `slippage`, 0 by
 *   default); limits fill when a bar touches them.
 *
 * Fees are a fraction of the traded value, charged in the quote currency on both sides.
 */
export type FillModelName = 'realistic' | 'next-open';

export const FILL_MODEL_NAMES: readonly FillModelName[] = ['realistic', 'next-open'];

export interface TradingCosts {
  /** Fee on fills that take liquidity (market orders, triggered stops), e.g. 0.001 = 0.1 %. */
  readonly takerFeeRate: number;
  /** Fee on resting limit orders that are filled. */
  readonly makerFeeRate: number;
  /** realistic: half the bid–ask spread; next-open: a price move against every taker fill. Fractions of the price. */
  readonly slippage: number;
}

export interface SimulatedFillModel {
  readonly name: FillModelName;
  readonly costs: TradingCosts;
  /** realistic: price impact for an order as large as the whole bar's volume, in basis points (linear in size). */
  readonly impactBpsPerBarVolume: number;
  /** realistic: the largest share of a bar's volume the account may fill in that bar. */
  readonly volumeShare: number;
}

/** Binance's standard spot fee, both sides. */
export const DEFAULT_FEE_RATE = 0.001;
/** The paper exchange's half spread (1 bp): cautious for BTC/USDT, whose spread is one tick. */
export const DEFAULT_REALISTIC_SLIPPAGE = 0.0001;

export function defaultFillModel(name: FillModelName): SimulatedFillModel {
  return {
    name,
    costs: { takerFeeRate: DEFAULT_FEE_RATE, makerFeeRate: DEFAULT_FEE_RATE, slippage: name === 'realistic' ? DEFAULT_REALISTIC_SLIPPAGE : 0 },
    impactBpsPerBarVolume: 1000,
    volumeShare: 0.1,
  };
}

/** The same model with fees, spread and impact all multiplied by `multiple` (0 = free trading). */
export function withCostMultiple(model: SimulatedFillModel, multiple: number): SimulatedFillModel {
  const { costs } = model;
  return {
    ...model,
    costs: { takerFeeRate: costs.takerFeeRate * multiple, makerFeeRate: costs.makerFeeRate * multiple, slippage: costs.slippage * multiple },
    impactBpsPerBarVolume: model.impactBpsPerBarVolume * multiple,
  };
}

/** The paper exchange's parameters for the realistic model (its formulas take basis points). */
export function paperFillModelOf(model: SimulatedFillModel): FillModel {
  return {
    halfSpreadBps: model.costs.slippage * 10_000,
    impactBpsPerBarVolume: model.impactBpsPerBarVolume,
    volumeShare: model.volumeShare,
    limitFill: model.name === 'realistic' ? 'trade_through' : 'touch',
  };
}
