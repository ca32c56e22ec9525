import type { OrderSide } from '../risk/index.ts';
import type { OrderBookLevel } from '../market/index.ts';
import { ceilToStep, floorToStep, round8 } from './marketGrid.ts';

/**
 * How the paper exchange turns prices into fills when it only has candles. Every number here is
 * an assumption, stated so a person can see what paper results rest on.
 *
 * - Taking liquidity (market orders, limit orders that cross, triggered stops) costs half the
 *   spread plus a price impact proportional to the order's size against the bar's volume:
 *   price = reference × (1 ± (halfSpreadBps + impactBpsPerBarVolume × amount / barVolume) / 10 000),
 *   rounded to the tick against the trader (buys up, sells down). The reference is the last
 *   closed bar's close, or the open of the bar an order arrives in when it has latency.
 * - A resting limit order fills at its limit price, or at the bar's open when the bar opened
 *   beyond it (a gap gives the better price). It fills only when the bar trades through the
 *   limit (`trade_through`: a buy needs low < limit) or, with `touch`, when it reaches it.
 * - All of the account's fills in one bar together take at most `volumeShare` of the bar's
 *   volume, oldest order first; the rest waits for the next bar (a visible partial fill).
 * - A stop triggers when the bar reaches it (sell: low ≤ stop; buy: high ≥ stop), at the stop or
 *   at the open if the bar gapped past it. It then takes liquidity at that price down (up) to its
 *   limit; what is left rests as a limit order from the next bar on.
 * - With a live order book, orders take the book level by level instead of the formula.
 */
export interface FillModel {
  /** Half the bid–ask spread in basis points. Default 1 (cautious: BTC/USDT's real spread is one tick). */
  readonly halfSpreadBps: number;
  /** Price impact in basis points for an order as large as the bar's whole volume; linear in size. Default 1000. */
  readonly impactBpsPerBarVolume: number;
  /** Largest share of a bar's volume the account's orders may fill in that bar (0..1). Default 0.1. */
  readonly volumeShare: number;
  readonly limitFill: 'trade_through' | 'touch';
}

export const DEFAULT_FILL_MODEL: FillModel = { halfSpreadBps: 1, impactBpsPerBarVolume: 1000, volumeShare: 0.1, limitFill: 'trade_through' };

export interface Bar {
  readonly openTimeMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volumeBase: number;
}

export interface Grid {
  readonly amountStepBase: number;
  readonly priceTickQuote: number;
}

export interface Execution {
  readonly priceQuote: number;
  readonly amountBase: number;
}

/** The price paid (buy) or received (sell) for taking `amountBase` off a bar of `barVolumeBase`. */
export function takerPrice(side: OrderSide, referenceQuote: number, amountBase: number, barVolumeBase: number, model: FillModel, grid: Grid): number {
  const costBps = model.halfSpreadBps + (model.impactBpsPerBarVolume * amountBase) / barVolumeBase;
  if (side === 'buy') return ceilToStep(referenceQuote * (1 + costBps / 10_000), grid.priceTickQuote);
  return floorToStep(referenceQuote * (1 - costBps / 10_000), grid.priceTickQuote);
}

/**
 * One taker execution for up to `wantedBase`, within `capBase` (the bar's remaining volume
 * share), and no worse than `limitQuote` when given: the largest step-rounded amount whose model
 * price respects the limit. Undefined when nothing can execute.
 */
export function takeFromBar(
  side: OrderSide,
  referenceQuote: number,
  wantedBase: number,
  capBase: number,
  barVolumeBase: number,
  limitQuote: number | undefined,
  model: FillModel,
  grid: Grid,
): Execution | undefined {
  if (!(barVolumeBase > 0)) return undefined;
  let amountBase = floorToStep(Math.min(wantedBase, capBase), grid.amountStepBase);
  if (limitQuote !== undefined) {
    // Solve the impact formula for the size whose price equals the limit, then step down until
    // the tick-rounded price respects it.
    const headroomBps = side === 'buy' ? (limitQuote / referenceQuote - 1) * 10_000 : (1 - limitQuote / referenceQuote) * 10_000;
    const affordableBase = ((headroomBps - model.halfSpreadBps) * barVolumeBase) / model.impactBpsPerBarVolume;
    const mostBase = amountBase;
    const fits = (candidateBase: number): boolean => withinLimit(side, takerPrice(side, referenceQuote, candidateBase, barVolumeBase, model, grid), limitQuote);
    amountBase = floorToStep(Math.min(mostBase, affordableBase), grid.amountStepBase);
    // The float solution can land a step off either way; settle on the exact largest fitting step.
    while (amountBase > 0 && !fits(amountBase)) amountBase = floorToStep(amountBase - grid.amountStepBase, grid.amountStepBase);
    for (let extra = 0; extra < 3; extra += 1) {
      const next = floorToStep(amountBase + grid.amountStepBase, grid.amountStepBase);
      if (next > mostBase || !fits(next)) break;
      amountBase = next;
    }
  }
  if (amountBase <= 0) return undefined;
  return { priceQuote: takerPrice(side, referenceQuote, amountBase, barVolumeBase, model, grid), amountBase };
}

export function withinLimit(side: OrderSide, priceQuote: number, limitQuote: number): boolean {
  return side === 'buy' ? priceQuote <= limitQuote : priceQuote >= limitQuote;
}

/** The price a resting limit order fills at in this bar, or undefined when the bar does not reach it. */
export function restingFillPrice(side: OrderSide, limitQuote: number, bar: Bar, model: FillModel): number | undefined {
  if (side === 'buy') {
    const reached = model.limitFill === 'touch' ? bar.low <= limitQuote : bar.low < limitQuote;
    return reached ? Math.min(limitQuote, bar.open) : undefined;
  }
  const reached = model.limitFill === 'touch' ? bar.high >= limitQuote : bar.high > limitQuote;
  return reached ? Math.max(limitQuote, bar.open) : undefined;
}

/** The price at which a stop triggers in this bar, or undefined. */
export function stopTriggerPrice(side: OrderSide, stopQuote: number, bar: Bar): number | undefined {
  if (side === 'sell') return bar.low <= stopQuote ? Math.min(stopQuote, bar.open) : undefined;
  return bar.high >= stopQuote ? Math.max(stopQuote, bar.open) : undefined;
}

/** Has the price already reached the stop (so placing it would trigger at once)? */
export function stopIsReached(side: OrderSide, stopQuote: number, priceQuote: number): boolean {
  return side === 'sell' ? priceQuote <= stopQuote : priceQuote >= stopQuote;
}

/**
 * Takes a live order book level by level, best first, stopping at the limit or when the wanted
 * amount (or, for a buy, the quote budget) is used up.
 */
export function walkBook(
  levels: readonly OrderBookLevel[],
  side: OrderSide,
  wantedBase: number,
  budgetQuote: number,
  limitQuote: number | undefined,
  grid: Grid,
): Execution[] {
  const executions: Execution[] = [];
  let amountLeft = wantedBase;
  let budgetLeft = budgetQuote;
  for (const level of levels) {
    if (limitQuote !== undefined && !withinLimit(side, level.priceQuote, limitQuote)) break;
    const affordable = side === 'buy' ? budgetLeft / level.priceQuote : Number.POSITIVE_INFINITY;
    const amountBase = floorToStep(Math.min(level.amountBase, amountLeft, affordable), grid.amountStepBase);
    if (amountBase <= 0) break;
    executions.push({ priceQuote: level.priceQuote, amountBase });
    amountLeft = round8(amountLeft - amountBase);
    budgetLeft = round8(budgetLeft - amountBase * level.priceQuote);
    if (amountLeft <= 0) break;
  }
  return executions;
}
