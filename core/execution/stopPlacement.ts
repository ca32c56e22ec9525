import { z } from 'zod';
import type { Journal } from '../journal/index.ts';
import type { MarketInfo } from '../market/index.ts';
import { sizeProtectiveOrder, type SizedOrder } from '../risk/index.ts';
import { clientOrderIdFor } from './clientOrderId.ts';
import { REJECTION_CODES } from './exchangePort.ts';
import type { LiveDeps, LiveProtectionOptions } from './liveDeps.ts';
import type { Order } from './order.ts';
import { prepareOrderRequest, type LocalRejectionCode } from './orderPrecision.ts';
import { isTerminal } from './orderStatus.ts';
import { roundToTick } from './stepRounding.ts';

/** Refusals that mean "too small to be an order on this market": such a position cannot carry a stop, nor be sold. */
const TOO_SMALL: readonly LocalRejectionCode[] = ['BELOW_MIN_NOTIONAL', 'BELOW_MIN_AMOUNT', 'AMOUNT_ROUNDS_TO_ZERO'];

export const DEFAULT_STOP_LIMIT_SLIPPAGE = 0.005;

const responseSchema = z.looseObject({ call: z.string(), kind: z.string(), exchangeCode: z.string().nullable().optional() });

/** The exchange's refusal code for an order's create request, read back from the journal's audit rows. */
export function refusalCodeOf(journal: Journal, clientOrderId: string): string | null {
  for (const event of journal.query({ kinds: ['exchange_response'], subject: clientOrderId, limit: 20 }).events) {
    const parsed = responseSchema.safeParse(JSON.parse(event.payloadJson));
    if (parsed.success && parsed.data.call === 'createOrder' && parsed.data.kind === 'rejected') return parsed.data.exchangeCode ?? null;
  }
  return null;
}

/** A sell stop's trigger and limit on the market's grid, rounded the way the order itself will be. */
export function stopPricesOn(market: MarketInfo, stopPriceQuote: number, slippage: number): { stopPriceQuote: number; limitPriceQuote: number } {
  const tick = market.precision.priceTickQuote;
  const stop = roundToTick(stopPriceQuote, tick, 'up');
  return { stopPriceQuote: stop, limitPriceQuote: roundToTick(stop * (1 - slippage), tick, 'down') };
}

/**
 * Names the protective orders live trading places itself. Ids are deterministic per journal (a
 * running count, continued after a restart from the rows already there), and never reuse an intent.
 */
export class ProtectiveIntents {
  #next: number;
  readonly #exists: (clientOrderId: string) => boolean;

  constructor(existing: readonly Order[], exists: (clientOrderId: string) => boolean) {
    let highest = 0;
    for (const order of existing) {
      const match = /^live-(?:stop|exit|flatten):[^#]+#(\d+)$/.exec(order.intentId);
      if (match !== null) highest = Math.max(highest, Number(match[1]));
    }
    this.#next = highest + 1;
    this.#exists = exists;
  }

  next(kind: 'stop' | 'exit' | 'flatten', symbol: string): string {
    for (;;) {
      const intentId = `live-${kind}:${symbol}#${this.#next}`;
      this.#next += 1;
      if (!this.#exists(clientOrderIdFor({ intentId }))) return intentId;
    }
  }
}

export type PlacedStop =
  | { readonly kind: 'resting'; readonly stop: Order }
  /** Filled, cancelled or expired at once: the position changed; cover it again. */
  | { readonly kind: 'closed'; readonly stop: Order }
  /** No clear answer yet; it may exist (and hold the coins), so no second stop is sent. */
  | { readonly kind: 'unknown'; readonly stop: Order }
  | { readonly kind: 'already_passed'; readonly reason: string }
  | { readonly kind: 'too_small'; readonly reason: string }
  | { readonly kind: 'refused'; readonly reason: string };

/** One attempt at a protective stop-limit sell for `amountBase`, classified for the caller. */
export async function placeStop(
  deps: LiveDeps,
  journal: Journal,
  sized: SizedOrder,
  parentClientOrderId: string | null,
): Promise<PlacedStop> {
  const market = deps.market(sized.symbol);
  const local = prepareOrderRequest(sized, market);
  if (!local.ok) return TOO_SMALL.includes(local.error.code) ? { kind: 'too_small', reason: local.error.reason } : { kind: 'refused', reason: local.error.reason };
  const result = await deps.place(sized, {}, parentClientOrderId);
  if (!result.ok) return TOO_SMALL.includes(result.error.code as LocalRejectionCode) ? { kind: 'too_small', reason: result.error.reason } : { kind: 'refused', reason: result.error.reason };
  const stop = result.value;
  if (stop.status === 'OPEN' || stop.status === 'PARTIALLY_FILLED') return { kind: 'resting', stop };
  if (stop.status === 'UNKNOWN' || stop.status === 'PENDING_SUBMIT') return { kind: 'unknown', stop };
  if (stop.status === 'REJECTED') {
    const reason = stop.statusReason ?? 'refused by the exchange';
    return refusalCodeOf(journal, stop.clientOrderId) === REJECTION_CODES.stopWouldTriggerImmediately ? { kind: 'already_passed', reason } : { kind: 'refused', reason };
  }
  if (isTerminal(stop.status)) return { kind: 'closed', stop };
  return { kind: 'unknown', stop };
}

/** A protective stop-limit sell for the whole of `amountBase` at `stopPriceQuote`. */
export function protectiveStopOrder(intentId: string, symbol: string, amountBase: number, prices: { stopPriceQuote: number; limitPriceQuote: number }, atMs: number): SizedOrder | null {
  return sizeProtectiveOrder({ intentId, symbol, type: 'stop_limit', amountBase, stopPriceQuote: prices.stopPriceQuote, limitPriceQuote: prices.limitPriceQuote, atMs });
}

export type BandSale =
  | { readonly kind: 'sold'; readonly order: Order; readonly soldBase: number }
  | { readonly kind: 'not_sold'; readonly reason: string; readonly order: Order | null };

/**
 * Sells `amountBase` at once with a limit inside the price band (half the band below the current
 * mid, so it takes the bids), and cancels whatever does not fill at once: a sell left resting
 * would hold the coins that the stop needs. Without a current price nothing is sent.
 */
export async function sellInsideBand(
  deps: LiveDeps,
  options: LiveProtectionOptions,
  sale: { readonly intentId: string; readonly origin: 'protective' | 'kill'; readonly purpose: 'exit' | 'flatten'; readonly symbol: string; readonly amountBase: number },
): Promise<BandSale> {
  const mark = options.markPriceQuote(sale.symbol);
  if (mark === undefined || !(mark > 0) || !Number.isFinite(mark)) return { kind: 'not_sold', reason: 'Ballast has no current price for this market', order: null };
  const limitPriceQuote = mark * (1 - options.priceBandBps / 20_000);
  const order = sizeProtectiveOrder({ intentId: sale.intentId, origin: sale.origin, purpose: sale.purpose, symbol: sale.symbol, type: 'limit', amountBase: sale.amountBase, limitPriceQuote, atMs: deps.clock.nowMs() });
  if (order === null) return { kind: 'not_sold', reason: 'the sale could not be sized (no amount or no usable price)', order: null };
  const result = await deps.place(order, { referencePriceQuote: mark }, null);
  if (!result.ok) return { kind: 'not_sold', reason: result.error.reason, order: null };
  return restOfSaleCancelled(deps, result.value);
}

/** A live exit never rests: what did not fill at once is cancelled (confirmed) before anything else. */
export async function restOfSaleCancelled(deps: LiveDeps, placed: Order): Promise<BandSale> {
  let order = placed;
  if (order.status === 'OPEN' || order.status === 'PARTIALLY_FILLED' || order.status === 'UNKNOWN' || order.status === 'PENDING_SUBMIT') {
    const cancelled = await deps.cancel(order);
    order = cancelled.order;
    if (!cancelled.confirmed) return { kind: 'not_sold', reason: `the unfilled rest of the sale could not be cancelled: ${cancelled.reason}`, order };
  }
  if (order.filledBase <= 0) return { kind: 'not_sold', reason: order.statusReason ?? `the sale ended ${order.status} without a fill`, order };
  return { kind: 'sold', order, soldBase: order.filledBase };
}
