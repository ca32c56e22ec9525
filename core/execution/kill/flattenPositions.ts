import { describeError } from '../../log/index.ts';
import { evaluate, type AccountView, type Intent, type MarketView, type RiskLimits, type SizedOrder } from '../../risk/index.ts';
import type { FlattenOrderReport, FlattenReport } from './killReport.ts';

/** What the OrderManager answered for one flatten order. */
export type FlattenSubmitResult =
  | { readonly kind: 'submitted'; readonly clientOrderId: string }
  | { readonly kind: 'failed'; readonly detail: string };

export interface FlattenOptions {
  /** The account after the cancels (fresh positions, no resting orders). */
  readonly account: () => AccountView | Promise<AccountView>;
  readonly marketView: (symbol: string) => MarketView | null | Promise<MarketView | null>;
  readonly limits: RiskLimits;
  /** Sends one order through the OrderManager (journaled client order id, reconciliation). */
  readonly submit: (order: SizedOrder) => Promise<FlattenSubmitResult>;
  /**
   * How far below the mid the closing sells are priced, so they fill against the bids at once
   * and still stay inside the price band. Default: half the band.
   */
  readonly discountBps?: number;
}


/**
 * Closes every position with LIMIT sells inside the price band, each through `evaluate` in
 * KILLED (which lets only a flatten through): reduce-only, sized from the filled position,
 * rounded to the market, checked against its minimums. What cannot be closed is reported.
 */
export async function flattenPositions(options: FlattenOptions, nowMs: number, killId: string): Promise<FlattenReport> {
  let account: AccountView;
  try {
    account = await options.account();
  } catch (error) {
    return { orders: [], skipped: [], problem: `The positions could not be read, so none were closed: ${describeError(error)}` };
  }
  const discountBps = Math.min(options.discountBps ?? options.limits.priceBandBps / 2, options.limits.priceBandBps);
  const orders: FlattenOrderReport[] = [];
  const skipped: FlattenReport['skipped'][number][] = [];
  for (const position of account.positions) {
    if (!(position.amountBase > 0)) continue;
    let view: MarketView | null;
    try {
      view = await options.marketView(position.symbol);
    } catch {
      view = null;
    }
    const intent: Intent = {
      intentId: `kill:${killId}:flatten:${position.symbol}`,
      origin: 'kill',
      purpose: 'flatten',
      symbol: position.symbol,
      side: 'sell',
      atMs: nowMs,
      orderType: 'limit',
      limitPriceQuote: (view?.liquidity.midQuote ?? position.markPriceQuote) * (1 - discountBps / 10_000),
      rationale: 'Kill switch: close the position.',
    };
    const decision = evaluate(intent, account, view, options.limits, 'KILLED');
    if (decision.kind === 'rejected') {
      skipped.push({ symbol: position.symbol, reasons: decision.reasons });
      continue;
    }
    const { order } = decision;
    let result: FlattenSubmitResult;
    try {
      result = await options.submit(order);
    } catch (error) {
      result = { kind: 'failed', detail: describeError(error) };
    }
    orders.push({
      symbol: order.symbol,
      amountBase: order.amountBase,
      limitPriceQuote: order.limitPriceQuote ?? null,
      outcome: result.kind,
      clientOrderId: result.kind === 'submitted' ? result.clientOrderId : null,
      detail: result.kind === 'submitted' ? 'sent' : result.detail,
    });
  }
  return { orders, skipped, problem: null };
}
