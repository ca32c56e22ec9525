import type { Order, Position } from '../execution/index.ts';
import type { LiquidityView, MarketInfo } from '../market/index.ts';
import type { AccountView, EquityMarks, MarketView } from '../risk/index.ts';
import type { PolicyPosition } from '../signals/index.ts';
import type { BacktestBars } from './backtestBars.ts';
import type { SimulatedFillModel } from './fillModels.ts';

/**
 * What the risk layer sees at a backtest's decision point, built from the same assumptions the
 * simulated exchange fills with, in the shape the paper bot builds for its replays.
 *
 * - realistic (decided at a close): the close is the mid, the fill model’s half spread (at least
 *   half a price tick) on each side, and as depth within the band the share of the bar's traded value the model lets an
 *   order take (the paper replay's view).
 * - next-open (decided at the next open; at the last close when closing at the end): every order
 *   fills at that price (plus any slippage set), so it is the ask and the worst fill. The risk
 *   layer sizes a market buy at the worst price within its depth band, and the band (1 bp) sits
 *   just below it. Depth is the last closed bar's traded value: the model has no volume cap,
 *   and the bar being entered has not traded yet.
 */
const NEXT_OPEN_BAND_BPS = 1;
/** The paper replay's depth band, kept inside the price band. */
const REPLAY_DEPTH_WITHIN_BPS = 50;

export interface MarketViewInput {
  readonly market: MarketInfo;
  readonly bars: BacktestBars;
  readonly bar: number;
  readonly phase: 'open' | 'close';
  readonly atMs: number;
  readonly model: SimulatedFillModel;
  readonly priceBandBps: number;
  readonly atrQuote: number | null;
}

function tradedValue(bars: BacktestBars, fromBar: number, toBar: number): number {
  const prefix = bars.tradedValuePrefix;
  return (prefix[Math.max(0, toBar)] as number) - (prefix[Math.max(0, fromBar)] as number);
}

export function decisionMarketView(input: MarketViewInput): MarketView {
  const { market, bars, bar, phase, model } = input;
  const barsPerDay = Math.max(1, Math.round(86_400_000 / bars.intervalMs));
  // Bars closed at the decision: up to this one at a close, up to the previous one at an open.
  const closedUpTo = phase === 'close' ? bar + 1 : bar;
  const quoteVolume24h = tradedValue(bars, closedUpTo - barsPerDay, closedUpTo);
  const referenceQuote = phase === 'close' ? (bars.close[bar] as number) : (bars.open[bar] as number);
  let liquidity: LiquidityView;
  if (model.name === 'realistic') {
    const mid = referenceQuote;
    // A book is never tighter than one price tick: with no spread set (free trading, the 0× cost
    // run) the quote is a tick wide, so risk sees a sensible bid and ask instead of refusing
    // the decision as missing market data. Fills still come from the model, at no spread.
    const half = Math.max((mid * model.costs.slippage * 10_000) / 10_000, market.precision.priceTickQuote / 2);
    const halfSpreadBps = (half / mid) * 10_000;
    const depthQuote = (bars.volumeBase[bar] as number) * mid * model.volumeShare;
    liquidity = {
      symbol: market.symbol, atMs: input.atMs, quoteVolume24h, bidQuote: mid - half, askQuote: mid + half, midQuote: mid,
      spreadBps: halfSpreadBps * 2, depthWithinBps: Math.min(input.priceBandBps, REPLAY_DEPTH_WITHIN_BPS), bidDepthQuote: depthQuote, askDepthQuote: depthQuote,
    };
  } else {
    const ask = referenceQuote * (1 + model.costs.slippage);
    const mid = ask / (1 + NEXT_OPEN_BAND_BPS / 10_000);
    const bid = 2 * mid - ask;
    const depthQuote = tradedValue(bars, closedUpTo - 1, closedUpTo);
    liquidity = {
      symbol: market.symbol, atMs: input.atMs, quoteVolume24h, bidQuote: bid, askQuote: ask, midQuote: mid,
      spreadBps: ((ask - bid) / mid) * 10_000, depthWithinBps: NEXT_OPEN_BAND_BPS, bidDepthQuote: depthQuote, askDepthQuote: depthQuote,
    };
  }
  return { market, liquidity, atrQuote: input.atrQuote };
}

/** Cash and coins of the simulated account, from the OrderManager's fills. */
export interface Holdings {
  readonly cashQuote: number;
  readonly base: number;
}

export interface AccountViewInput {
  readonly market: MarketInfo;
  readonly holdings: Holdings;
  readonly positions: readonly Position[];
  /** Orders still open, without any the caller is about to replace. */
  readonly openOrders: readonly Order[];
  readonly markQuote: number;
  readonly marks: EquityMarks | null;
  /** Ascending; covers more than the last 24 hours, which the risk layer allows. */
  readonly orderTimesMs: readonly number[];
}

/** The account as the risk layer judges it: marked at `markQuote`, cash locked by open buys. */
export function decisionAccountView(input: AccountViewInput): AccountView {
  const { markQuote, holdings } = input;
  let lockedQuote = 0;
  for (const order of input.openOrders) if (order.side === 'buy') lockedQuote += (order.amountBase - order.filledBase) * (order.limitPriceQuote ?? markQuote);
  const equityQuote = holdings.cashQuote + holdings.base * markQuote;
  return {
    quoteAsset: input.market.quote,
    equityQuote,
    freeQuote: Math.max(0, holdings.cashQuote - lockedQuote),
    positions: input.positions
      .filter((position) => position.amountBase > 0)
      .map((position) => ({ symbol: position.symbol, amountBase: position.amountBase, averageEntryQuote: position.averageEntryPriceQuote ?? markQuote, markPriceQuote: markQuote })),
    openOrders: input.openOrders.map((order) => ({
      symbol: order.symbol,
      side: order.side,
      purpose: order.purpose,
      remainingBase: order.amountBase - order.filledBase,
      priceQuote: order.limitPriceQuote ?? order.stopPriceQuote ?? markQuote,
    })),
    dayStartEquityQuote: input.marks?.dayStartEquityQuote ?? equityQuote,
    highWaterMarkQuote: input.marks?.highWaterMarkQuote ?? equityQuote,
    orderTimesMs: input.orderTimesMs,
  };
}

/**
 * The position as the policy sees it; dust (too little to sell, or below `dustQuote`) counts as
 * flat so that fee leftovers never stop the strategy from entering again.
 */
export function policyPositionOf(positions: readonly Position[], market: MarketInfo, dustQuote: number, markQuote: number): PolicyPosition {
  let amountBase = 0;
  for (const position of positions) if (position.symbol === market.symbol) amountBase = position.amountBase;
  const valueQuote = amountBase * markQuote;
  const isDust = amountBase < (market.limits.minAmountBase ?? 0) || valueQuote < (market.limits.minNotionalQuote ?? 0) || valueQuote < dustQuote;
  return { amountBase, isDust };
}
