import type { Fill, Order, Position } from '../../execution/index.ts';
import type { MarketInfo } from '../../market/index.ts';
import type { AccountView, EquityMarks } from '../../risk/index.ts';
import type { PolicyPosition } from '../../signals/index.ts';

/** Cash and coins of a paper account, from its journaled fills. */
export interface Holdings {
  readonly cashQuote: number;
  readonly base: number;
}

const DAY_MS = 86_400_000;

/** Holdings after one more fill; fees come out of what was received. */
export function withFill(holdings: Holdings, fill: Fill, market: MarketInfo): Holdings {
  const value = fill.priceQuote * fill.amountBase;
  const feeQuote = fill.fee?.asset === market.quote ? fill.fee.amount : 0;
  const feeBase = fill.fee?.asset === market.base ? fill.fee.amount : 0;
  return fill.side === 'buy'
    ? { cashQuote: holdings.cashQuote - value - feeQuote, base: holdings.base + fill.amountBase - feeBase }
    : { cashQuote: holdings.cashQuote + value - feeQuote, base: holdings.base - fill.amountBase - feeBase };
}

export interface AccountViewInput {
  readonly market: MarketInfo;
  readonly holdings: Holdings;
  readonly positions: readonly Position[];
  /** Orders still open, without any the caller is about to replace (see PaperSession.accountView). */
  readonly openOrders: readonly Order[];
  readonly markQuote: number;
  readonly marks: EquityMarks | null;
  readonly orderTimesMs: readonly number[];
  readonly nowMs: number;
}

/** The paper account as the risk layer judges it: marked at `markQuote`, cash locked by open buys. */
export function paperAccountView(input: AccountViewInput): AccountView {
  const { markQuote, holdings } = input;
  const lockedQuote = input.openOrders.reduce(
    (sum, order) => (order.side === 'buy' ? sum + (order.amountBase - order.filledBase) * (order.limitPriceQuote ?? markQuote) : sum),
    0,
  );
  const equityQuote = holdings.cashQuote + holdings.base * markQuote;
  return {
    quoteAsset: input.market.quote,
    equityQuote,
    freeQuote: Math.max(0, holdings.cashQuote - lockedQuote),
    positions: input.positions.filter((p) => p.amountBase > 0).map((p) => ({
      symbol: p.symbol,
      amountBase: p.amountBase,
      averageEntryQuote: p.averageEntryPriceQuote ?? markQuote,
      markPriceQuote: markQuote,
    })),
    openOrders: input.openOrders.map((order) => ({
      symbol: order.symbol,
      side: order.side,
      purpose: order.purpose,
      remainingBase: order.amountBase - order.filledBase,
      priceQuote: order.limitPriceQuote ?? order.stopPriceQuote ?? markQuote,
    })),
    dayStartEquityQuote: input.marks?.dayStartEquityQuote ?? equityQuote,
    highWaterMarkQuote: input.marks?.highWaterMarkQuote ?? equityQuote,
    orderTimesMs: input.orderTimesMs.filter((t) => t >= input.nowMs - DAY_MS),
  };
}

/**
 * The position as the policy sees it. Dust — too little to sell (below the minimum amount or
 * order value) or not worth selling — counts as flat: fee leftovers must not keep the strategy
 * from ever entering again.
 */
export function policyPositionOf(positions: readonly Position[], market: MarketInfo, dustQuote: number, markQuote: number): PolicyPosition {
  const amountBase = positions.find((p) => p.symbol === market.symbol)?.amountBase ?? 0;
  const valueQuote = amountBase * markQuote;
  const isDust = amountBase < (market.limits.minAmountBase ?? 0) || valueQuote < (market.limits.minNotionalQuote ?? 0) || valueQuote < dustQuote;
  return { amountBase, isDust };
}
