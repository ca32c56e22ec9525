import { isBallastClientOrderId } from './clientOrderId.ts';
import type { ExchangeOrder } from './exchangePort.ts';
import type { KillCode } from './liveCodes.ts';
import { withAsset, type LiveDeps, type LiveNotice } from './liveDeps.ts';
import type { LiveStops } from './liveStops.ts';
import type { Order } from './order.ts';
import { adoptedOrder } from './reconciliation.ts';
import { sellInsideBand } from './stopPlacement.ts';

/**
 * Kill in live trading offers the person two things to do with the positions: keep the stops (the
 * default) or sell everything. `cancel_everything` is for a key that can withdraw: every order of
 * Ballast's goes, stops included, nothing is sold (the key must be deleted; a stop cannot help then).
 */
export type LiveKillChoice = 'keep_stops' | 'sell_everything' | 'cancel_everything';

/** One order the exchange still lists after the kill, and whose it is. */
export interface RemainingOrder {
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly exchangeOrderId: string;
  readonly side: 'buy' | 'sell';
  readonly type: ExchangeOrder['type'];
  readonly amountBase: number;
  readonly filledBase: number;
  readonly limitPriceQuote: number | null;
  readonly stopPriceQuote: number | null;
  /** `protective_stop`: Ballast's stop; `ballast`: any other order of Ballast's; `external`: not Ballast's (never touched). */
  readonly owner: 'protective_stop' | 'ballast' | 'external';
}

export interface LiveKillReport {
  readonly choice: LiveKillChoice;
  readonly atMs: number;
  /**
   * True only when the exchange's own listing, read after the kill, shows what the choice
   * promises: no order of Ballast's but its protective stops (keep), or none at all and no
   * position of Ballast's above the market minimum (sell everything).
   */
  readonly done: boolean;
  /** Whether the final listing could be read at all; without it nothing is claimed. */
  readonly listingRead: boolean;
  /** Everything the exchange lists as open after the kill, external orders included. */
  readonly remaining: readonly RemainingOrder[];
  readonly cancelledClientOrderIds: readonly string[];
  /** Ballast's positions after the kill (from its fills), with what protects each. */
  readonly positions: readonly { readonly symbol: string; readonly amountBase: number; readonly protection: string }[];
  readonly notices: readonly LiveNotice<KillCode>[];
}

function remainingOf(order: ExchangeOrder, row: Order | undefined): RemainingOrder {
  const ours = row !== undefined || isBallastClientOrderId(order.clientOrderId);
  const isStop = row?.purpose === 'protective_stop' || (row === undefined && order.type === 'stop_limit');
  return {
    symbol: order.symbol, clientOrderId: order.clientOrderId, exchangeOrderId: order.exchangeOrderId, side: order.side, type: order.type, amountBase: order.amountBase,
    filledBase: order.filledBase, limitPriceQuote: order.limitPriceQuote, stopPriceQuote: order.stopPriceQuote, owner: !ours ? 'external' : isStop ? 'protective_stop' : 'ballast',
  };
}

/**
 * Kill, the execution part (the caller has already moved trading to KILLED, so nothing new starts):
 * 1. cancel every order of Ballast's except its protective stops (stops too for `cancel_everything`):
 *    those in the journal, and any the exchange lists under a Ballast client id; orders that are not
 *    Ballast's are never touched;
 * 2. sell everything (if chosen): per market, lift the stop, sell Ballast's own position inside the
 *    price band, restore the stop on whatever did not sell, and sweep the stops once flat;
 * 3. read the exchange's listing again and report from it, not from the journal.
 */
export async function killLive(stops: LiveStops, deps: LiveDeps, choice: LiveKillChoice): Promise<LiveKillReport> {
  const notices: LiveNotice<KillCode>[] = [];
  const cancelled: string[] = [];
  const cancel = async (order: Order): Promise<void> => {
    const result = await deps.cancel(order);
    if (result.confirmed) cancelled.push(order.clientOrderId);
    else notices.push({ code: 'KILL_ORDER_NOT_CANCELLED', params: { symbol: order.symbol, clientOrderId: order.clientOrderId, reason: result.reason } });
  };
  const cancelsStops = choice === 'cancel_everything';
  for (const order of deps.store.nonTerminal()) if (cancelsStops || order.purpose !== 'protective_stop') await cancel(order);

  const { calls } = deps;
  const listed = await calls.withRetry('fetchOpenOrders', null, () => calls.port.fetchOpenOrders());
  if (listed.kind === 'ok') {
    for (const record of listed.value) {
      const row = deps.store.get(record.clientOrderId);
      const owner = remainingOf(record, row).owner;
      if (owner === 'external' || (owner === 'protective_stop' && !cancelsStops)) continue;
      const current = row ?? deps.store.adopt(adoptedOrder(record, deps.clock.nowMs()), { reason: 'listed open under a Ballast client id at Kill, without a journal row' });
      if (!cancelled.includes(current.clientOrderId)) await cancel(deps.store.get(current.clientOrderId) ?? current);
    }
  }

  if (choice === 'sell_everything') {
    for (const symbol of stops.watchedSymbols()) {
      await stops.withSymbol(symbol, async () => {
        const lifted = await stops.liftStops(symbol);
        const amountBase = lifted.ok ? stops.sellableBase(symbol) : 0;
        let reason = lifted.ok ? null : `its stop could not be cancelled: ${lifted.reason}`;
        if (amountBase > 0) {
          const sale = await sellInsideBand(deps, stops.options, { intentId: stops.intents.next('flatten', symbol), origin: 'kill', purpose: 'flatten', symbol, amountBase });
          if (sale.kind === 'not_sold') reason = sale.reason;
        }
        // Whatever did not sell gets its stop back; a flat market has its stops swept.
        const protection = await stops.cover(symbol);
        if (protection.status !== 'flat' && protection.status !== 'too_small') {
          notices.push({ code: 'KILL_POSITION_NOT_SOLD', params: { symbol, amountBase: stops.positionBase(symbol), protection: protection.status, reason: reason ?? 'only part of it sold at once' } });
        }
      });
    }
  }
  return finalReport(stops, deps, choice, cancelled, notices);
}

async function finalReport(stops: LiveStops, deps: LiveDeps, choice: LiveKillChoice, cancelled: readonly string[], notices: LiveNotice<KillCode>[]): Promise<LiveKillReport> {
  const { calls } = deps;
  const after = await calls.withRetry('fetchOpenOrders', null, () => calls.port.fetchOpenOrders());
  // Positions of at least one lot step (less is fee residue no order can sell), and what protects each.
  const positions = stops.watchedSymbols()
    .map((symbol) => {
      const step = deps.market(symbol)?.precision.amountStepBase ?? 0;
      const protection = choice === 'cancel_everything' ? 'unprotected' : (stops.latest(symbol)?.status ?? 'unknown');
      return { symbol, amountBase: stops.positionBase(symbol), step, protection };
    })
    .filter((position) => position.amountBase >= position.step && position.amountBase > 0)
    .map(({ symbol, amountBase, protection }) => ({ symbol, amountBase, protection }));
  const atMs = deps.clock.nowMs();
  if (after.kind !== 'ok') {
    notices.push({ code: 'KILL_LISTING_UNREADABLE', params: { reason: after.kind } });
    return { choice, atMs, done: false, listingRead: false, remaining: [], cancelledClientOrderIds: cancelled, positions, notices };
  }
  const remaining = after.value.map((record) => remainingOf(record, deps.store.get(record.clientOrderId)));
  const external = remaining.filter((order) => order.owner === 'external').length;
  if (external > 0) notices.push({ code: 'KILL_EXTERNAL_ORDERS_LEFT', params: { count: external } });
  const ballastLeft = remaining.some((order) => order.owner === 'ballast');
  const stopsLeft = remaining.filter((order) => order.owner === 'protective_stop').length;
  const sellable = positions.some((position) => position.protection !== 'too_small');
  const done = !ballastLeft && (choice === 'keep_stops' || (stopsLeft === 0 && (choice === 'cancel_everything' || !sellable)));
  const doneNotice: Record<LiveKillChoice, LiveNotice<KillCode>> = {
    keep_stops: { code: 'KILL_STOPS_KEPT', params: { stops: stopsLeft } },
    sell_everything: { code: 'KILL_EVERYTHING_SOLD', params: {} },
    cancel_everything: { code: 'KILL_ALL_CANCELLED', params: { positions: positions.length } },
  };
  if (done) notices.unshift(doneNotice[choice]);
  const report: LiveKillReport = { choice, atMs, done, listingRead: true, remaining, cancelledClientOrderIds: cancelled, positions, notices: notices.map(withAsset) };
  deps.store.recordEvent('system', null, atMs, { event: 'live_kill', ...report });
  return report;
}
