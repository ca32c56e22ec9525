import { describeError } from '../../log/index.ts';
import type { ExchangeOrder, ExchangeOutcome, ExchangePort } from '../exchangePort.ts';
import type { KilledOrder, KillRequestCounts, UnconfirmedOrder } from './killReport.ts';

export interface SweepOptions {
  readonly exchange: ExchangePort;
  /** Markets to list one by one, for exchanges that cannot list all open orders at once. */
  readonly symbols?: readonly string[];
  readonly nowMs: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Give up (and report what is unconfirmed) at this time. */
  readonly deadlineMs: number;
  readonly isStopped: () => boolean;
  /** Each cancel answer, for the journal. */
  readonly onCancelOutcome: (order: ExchangeOrder, outcome: ExchangeOutcome<ExchangeOrder>) => void;
}

export interface SweepResult {
  readonly confirmedZero: boolean;
  readonly confirmedAtMs: number | null;
  readonly openAtFirstLook: number | null;
  readonly cancelled: readonly KilledOrder[];
  readonly unconfirmed: readonly UnconfirmedOrder[];
  readonly listingProblem: string | null;
  readonly requests: KillRequestCounts;
}

/** The port promises typed outcomes; a broken adapter that throws still only means "unknown, look again". */
async function guarded<T>(call: () => Promise<ExchangeOutcome<T>>): Promise<ExchangeOutcome<T>> {
  try {
    return await call();
  } catch (error) {
    return { kind: 'unknown', detail: `the exchange adapter failed: ${describeError(error)}` };
  }
}

type Listing = { readonly ok: true; readonly orders: readonly ExchangeOrder[] } | { readonly ok: false; readonly problem: string; readonly retryAfterMs: number };

function outcomeProblem(outcome: Exclude<ExchangeOutcome<unknown>, { kind: 'ok' }>): string {
  switch (outcome.kind) {
    case 'rejected':
      return `the exchange refused: ${outcome.reason}`;
    case 'not_found':
      return `the exchange did not find it (checked again): ${outcome.detail}`;
    case 'unknown':
      return `no clear answer from the exchange: ${outcome.detail}`;
    case 'rate_limited':
      return `the exchange asked to slow down and time ran out: ${outcome.detail}`;
    case 'auth_failed':
      return `the exchange refused the key: ${outcome.detail}`;
    case 'unavailable':
      return `the exchange is unavailable: ${outcome.detail}`;
  }
}

/**
 * Cancels every open order and looks again until the exchange lists none, or the deadline.
 * Nothing is taken on trust: a cancel answered `unknown`, `unavailable` or `not_found` only
 * means "look again", and success is only ever the exchange's own empty list. Requests are
 * sequential and every `rate_limited` answer is waited out (within the deadline).
 */
export async function sweepOpenOrders(options: SweepOptions): Promise<SweepResult> {
  const { exchange, nowMs, sleep, deadlineMs } = options;
  const counts = { listings: 0, cancels: 0, rateLimitedWaits: 0, waitedMs: 0 };
  const cancelled = new Map<string, KilledOrder>();
  const problems = new Map<string, string>();
  let lastListed: readonly ExchangeOrder[] | null = null;
  let openAtFirstLook: number | null = null;
  let listingProblem: string | null = null;
  let quietRounds = 0;

  const waitUpTo = async (ms: number): Promise<boolean> => {
    const remaining = deadlineMs - nowMs();
    if (ms > remaining || options.isStopped()) return false;
    counts.waitedMs += ms;
    await sleep(ms);
    return true;
  };

  async function listOnce(symbol?: string): Promise<Listing> {
    counts.listings += 1;
    const outcome = await guarded(() => exchange.fetchOpenOrders(symbol));
    if (outcome.kind === 'ok') return { ok: true, orders: outcome.value };
    return { ok: false, problem: outcomeProblem(outcome), retryAfterMs: outcome.kind === 'rate_limited' ? outcome.retryAfterMs : 0 };
  }

  async function list(): Promise<Listing> {
    if (options.symbols === undefined) return listOnce();
    const all: ExchangeOrder[] = [];
    for (const symbol of options.symbols) {
      const listing = await listOnce(symbol);
      if (!listing.ok) return listing;
      all.push(...listing.orders);
    }
    return { ok: true, orders: all };
  }

  /** True when the exchange acknowledged the order as no longer open. */
  async function cancel(order: ExchangeOrder): Promise<boolean> {
    for (;;) {
      counts.cancels += 1;
      const outcome = await guarded(() => exchange.cancelOrder({ symbol: order.symbol, exchangeOrderId: order.exchangeOrderId, clientOrderId: order.clientOrderId }));
      options.onCancelOutcome(order, outcome);
      if (outcome.kind === 'ok') {
        problems.delete(order.exchangeOrderId);
        const { status } = outcome.value;
        if (status === 'OPEN' || status === 'PARTIALLY_FILLED') {
          problems.set(order.exchangeOrderId, `the exchange still reports it ${status.toLowerCase().replace('_', ' ')} after the cancel`);
          return false;
        }
        cancelled.set(order.exchangeOrderId, { symbol: order.symbol, exchangeOrderId: order.exchangeOrderId, clientOrderId: order.clientOrderId, status });
        return true;
      }
      problems.set(order.exchangeOrderId, outcomeProblem(outcome));
      if (outcome.kind !== 'rate_limited') return false;
      counts.rateLimitedWaits += 1;
      if (!(await waitUpTo(outcome.retryAfterMs))) return false;
    }
  }

  while (!options.isStopped()) {
    const listing = await list();
    let progress = false;
    if (listing.ok) {
      // An exchange that acknowledges cancels but keeps listing the orders is not progress.
      const shrinking = lastListed === null || listing.orders.length < lastListed.length;
      listingProblem = null;
      lastListed = listing.orders;
      openAtFirstLook ??= listing.orders.length;
      if (listing.orders.length === 0) {
        return { confirmedZero: true, confirmedAtMs: nowMs(), openAtFirstLook, cancelled: [...cancelled.values()], unconfirmed: [], listingProblem: null, requests: counts };
      }
      // Listed again means not gone, whatever an earlier cancel answered.
      for (const order of listing.orders) cancelled.delete(order.exchangeOrderId);
      for (const order of listing.orders) {
        if (nowMs() >= deadlineMs || options.isStopped()) break;
        if ((await cancel(order)) && shrinking) progress = true;
      }
    } else {
      listingProblem = listing.problem;
      if (listing.retryAfterMs > 0) counts.rateLimitedWaits += 1;
    }
    if (nowMs() >= deadlineMs) break;
    // Re-query at once after a round that cancelled something; back off while nothing moves.
    quietRounds = progress ? 0 : quietRounds + 1;
    const retryAfterMs = listing.ok ? 0 : listing.retryAfterMs;
    const pauseMs = progress ? 0 : Math.max(retryAfterMs, Math.min(100 * 2 ** (quietRounds - 1), 2_000));
    if (pauseMs > 0 && !(await waitUpTo(Math.min(pauseMs, Math.max(1, deadlineMs - nowMs()))))) break;
  }

  const unconfirmed: UnconfirmedOrder[] = (lastListed ?? [])
    .filter((order) => !cancelled.has(order.exchangeOrderId))
    .map((order) => ({
      symbol: order.symbol,
      exchangeOrderId: order.exchangeOrderId,
      clientOrderId: order.clientOrderId,
      problem: problems.get(order.exchangeOrderId) ?? 'still listed as open at the last check',
    }));
  return { confirmedZero: false, confirmedAtMs: null, openAtFirstLook, cancelled: [...cancelled.values()], unconfirmed, listingProblem, requests: counts };
}
