import type { IntentPurpose, OrderSide } from './intent.ts';

/** A filled spot position, marked to market. */
export interface PositionView {
  readonly symbol: string;
  /** What has actually been filled and is held; never negative (spot). */
  readonly amountBase: number;
  readonly averageEntryQuote: number;
  /** The price the position is valued at now (normally the mid). */
  readonly markPriceQuote: number;
}

/** An order resting on the exchange (or sent and not yet confirmed). */
export interface OpenOrderView {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly purpose: IntentPurpose;
  /** Amount not yet filled. */
  readonly remainingBase: number;
  /** The limit price, or for a market order the price it was sized at. */
  readonly priceQuote: number;
}

/**
 * What the risk layer needs to know about the account, built by the runtime from the journal's
 * positions and the latest marks. Every money figure is in `quoteAsset`.
 */
export interface AccountView {
  readonly quoteAsset: string;
  /** Cash plus every position at its mark: open P&L included. */
  readonly equityQuote: number;
  /** Quote currency free to spend (not locked in open orders). */
  readonly freeQuote: number;
  readonly positions: readonly PositionView[];
  readonly openOrders: readonly OpenOrderView[];
  /** Equity at the start of the person's day (see `EquityWatermarks`). */
  readonly dayStartEquityQuote: number;
  /** Highest equity seen (see `EquityWatermarks`). */
  readonly highWaterMarkQuote: number;
  /** When orders were submitted, ascending, covering at least the last 24 hours. */
  readonly orderTimesMs: readonly number[];
}

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

export function findPosition(account: AccountView, symbol: string): PositionView | undefined {
  const positions = account.positions;
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i] as PositionView;
    if (position.symbol === symbol) return position;
  }
  return undefined;
}

/** Value of every position at its mark plus every resting buy: what the account could hold. */
export function exposureQuote(account: AccountView): number {
  let total = 0;
  for (const position of account.positions) total += position.amountBase * position.markPriceQuote;
  for (const order of account.openOrders) if (order.side === 'buy') total += order.remainingBase * order.priceQuote;
  return total;
}

/** True when `symbol` holds a position above dust or has a resting buy. */
export function isOpenPosition(account: AccountView, symbol: string, dustQuote: number): boolean {
  const position = findPosition(account, symbol);
  if (position !== undefined && position.amountBase * position.markPriceQuote >= dustQuote) return true;
  for (const order of account.openOrders) if (order.symbol === symbol && order.side === 'buy') return true;
  return false;
}

/**
 * Markets with a position above dust or a resting buy (it becomes a position when it fills).
 * Dust left over by rounding cannot be sold and must not block new trades forever.
 */
export function openPositionCount(account: AccountView, dustQuote: number): number {
  let count = 0;
  const positions = account.positions;
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i] as PositionView;
    if (position.amountBase * position.markPriceQuote >= dustQuote) count++;
  }
  const orders = account.openOrders;
  for (let i = 0; i < orders.length; i++) {
    const order = orders[i] as OpenOrderView;
    if (order.side !== 'buy') continue;
    const position = findPosition(account, order.symbol);
    if (position !== undefined && position.amountBase * position.markPriceQuote >= dustQuote) continue;
    let seenEarlier = false;
    for (let j = 0; j < i; j++) {
      const earlier = orders[j] as OpenOrderView;
      if (earlier.side === 'buy' && earlier.symbol === order.symbol) seenEarlier = true;
    }
    if (!seenEarlier) count++;
  }
  return count;
}

/**
 * Base amount of `symbol` already promised to resting sells of any kind (exits, stops,
 * flattens). The exchange locks it, and a new sell on top could together sell more than is held:
 * to exit while a stop rests, the stop is cancelled first.
 */
export function restingSellBase(account: AccountView, symbol: string): number {
  let total = 0;
  for (const order of account.openOrders) {
    if (order.symbol === symbol && order.side === 'sell') total += order.remainingBase;
  }
  return total;
}

/** Orders submitted at or after `sinceMs`; `orderTimesMs` is ascending, so this is a binary search. */
export function ordersSince(orderTimesMs: readonly number[], sinceMs: number): number {
  let low = 0;
  let high = orderTimesMs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((orderTimesMs[middle] as number) < sinceMs) low = middle + 1;
    else high = middle;
  }
  return orderTimesMs.length - low;
}

/** Loss since the day started as a share of day-start equity; 0 when the day is up. */
export function dailyLossFraction(account: AccountView): number {
  const loss = account.dayStartEquityQuote - account.equityQuote;
  return loss > 0 ? loss / account.dayStartEquityQuote : 0;
}

export function drawdownFraction(account: AccountView): number {
  const fall = account.highWaterMarkQuote - account.equityQuote;
  return fall > 0 ? fall / account.highWaterMarkQuote : 0;
}

const positiveFinite = (value: number): boolean => Number.isFinite(value) && value > 0;
const nonNegativeFinite = (value: number): boolean => Number.isFinite(value) && value >= 0;

const shown = (value: number): string => (Number.isFinite(value) ? String(value) : 'missing');

/** Why the account figures cannot be trusted, or null. Fail closed: nothing is sized on them. */
export function accountProblem(account: AccountView): string | null {
  if (!positiveFinite(account.equityQuote)) return `equity is ${shown(account.equityQuote)}`;
  if (!nonNegativeFinite(account.freeQuote)) return `free cash is ${shown(account.freeQuote)}`;
  if (!positiveFinite(account.dayStartEquityQuote)) return `day-start equity is ${shown(account.dayStartEquityQuote)}`;
  if (!positiveFinite(account.highWaterMarkQuote)) return `the high-water mark is ${shown(account.highWaterMarkQuote)}`;
  for (const position of account.positions) {
    if (!nonNegativeFinite(position.amountBase)) return `the ${position.symbol} position is ${shown(position.amountBase)}`;
    if (!positiveFinite(position.markPriceQuote)) return `the ${position.symbol} mark price is ${shown(position.markPriceQuote)}`;
  }
  for (const order of account.openOrders) {
    if (!nonNegativeFinite(order.remainingBase) || !positiveFinite(order.priceQuote)) return `an open ${order.symbol} order has impossible numbers`;
  }
  return null;
}
