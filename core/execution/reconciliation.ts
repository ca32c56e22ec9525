import { err, ok, type Result } from '../model/index.ts';
import type { MarketInfo } from '../market/index.ts';
import { isBallastClientOrderId } from './clientOrderId.ts';
import type { ExchangeCalls, ExecutionClock } from './exchangeCalls.ts';
import { checkBalances } from './balanceCheck.ts';
import type { AssetBalance, ExchangeOrder, ExchangeOutcome } from './exchangePort.ts';
import type { Order } from './order.ts';
import type { OrderStore } from './orderStore.ts';
import type { OrderLifecycle } from './orderLifecycle.ts';
import { isTerminal, statusOfExchangeOrder } from './orderStatus.ts';
import { REFUSAL_MESSAGES, type Discrepancy, type ExecutionReadiness, type ReconciliationReport, type RefusalCode } from './readiness.ts';

export interface ReconcileDeps {
  readonly calls: ExchangeCalls;
  readonly clock: ExecutionClock;
  readonly store: OrderStore;
  readonly lifecycle: OrderLifecycle;
  /** True while another call is working on this order (periodic passes leave it alone). */
  isBusy(clientOrderId: string): boolean;
  /** Runs `work` holding the order's lock. */
  withOrder<T>(clientOrderId: string, work: () => Promise<T>): Promise<T>;
  setMarkets(markets: ReadonlyMap<string, MarketInfo>): void;
}

/** What a start-up reconciliation read from the exchange, for checks that come right after it (not journaled again). */
export interface ReconciliationReads {
  readonly openOrders: readonly ExchangeOrder[];
  readonly balances: ReadonlyMap<string, AssetBalance> | null;
}

export type ReconcileResult = Result<{ readonly report: ReconciliationReport; readonly reads: ReconciliationReads }, Extract<ExecutionReadiness, { state: 'REFUSED' }>>;

function refused(code: RefusalCode, detail: string, atMs: number): ReconcileResult {
  return err({ state: 'REFUSED', code, message: REFUSAL_MESSAGES[code], detail, atMs });
}

function failureCode(outcome: ExchangeOutcome<unknown>, otherwise: RefusalCode): RefusalCode {
  if (outcome.kind === 'auth_failed') return 'KEY_REFUSED';
  return outcome.kind === 'unknown' || outcome.kind === 'unavailable' || outcome.kind === 'rate_limited' ? 'EXCHANGE_UNREACHABLE' : otherwise;
}

/** A journal row for an order of Ballast's found on the exchange without one (the exchange's record is taken as it is). */
export function adoptedOrder(record: ExchangeOrder, atMs: number): Order {
  return {
    clientOrderId: record.clientOrderId, intentId: `adopted:${record.clientOrderId}`, origin: 'manual',
    // A sell stop of Ballast's is a protective stop: live protection counts and resizes it rather than add a second one.
    purpose: record.side === 'buy' ? 'entry' : record.type === 'stop_limit' ? 'protective_stop' : 'exit',
    symbol: record.symbol, side: record.side, type: record.type, amountBase: record.amountBase, limitPriceQuote: record.limitPriceQuote, stopPriceQuote: record.stopPriceQuote,
    reduceOnly: false, status: statusOfExchangeOrder(record), exchangeOrderId: record.exchangeOrderId, filledBase: record.filledBase, averagePriceQuote: record.averagePriceQuote,
    fees: record.fees, parentClientOrderId: null, protectiveStopPriceQuote: null, submitAttempts: 0, statusReason: 'found on the exchange without a journal row',
    confirmedByExchange: true, exchangeCreatedAtMs: record.createdAtMs, createdAtMs: atMs, updatedAtMs: atMs,
  };
}

/**
 * Brings the journal in line with the exchange. At startup:
 * 1. read the markets, then every open order on the account;
 * 2. every non-terminal journal order: take the open list's record, else find it (lookup, second
 *    lookup, trades); proven absent ⇒ closed locally (a PENDING_SUBMIT/UNKNOWN order never reached
 *    the exchange; it is not resent after a restart, its intent is stale);
 * 3. every open exchange order of Ballast's whose row is closed or missing: the exchange's record wins;
 * 4. trades missing from the journal are fetched for every order that filled more than recorded;
 * 5. balances are compared with the last snapshot plus the fills since.
 * Every difference becomes a `Discrepancy`, journaled. Anything that cannot be read means REFUSED.
 */
export async function reconcile(deps: ReconcileDeps, phase: 'startup' | 'periodic'): Promise<ReconcileResult> {
  const { calls, clock, store, lifecycle } = deps;
  const startup = phase === 'startup';
  const markets = await calls.withRetry('loadMarkets', null, () => calls.port.loadMarkets());
  if (markets.kind !== 'ok') return refused(failureCode(markets, 'MARKETS_UNREADABLE'), `loading markets: ${markets.kind}`, clock.nowMs());
  deps.setMarkets(markets.value);
  const snapshotAtMs = clock.nowMs();
  const open = await calls.withRetry('fetchOpenOrders', null, () => calls.port.fetchOpenOrders());
  if (open.kind !== 'ok') return refused(failureCode(open, 'ORDERS_UNREADABLE'), `reading open orders: ${open.kind}`, clock.nowMs());
  const openByClientId = new Map(open.value.map((order) => [order.clientOrderId, order]));
  const discrepancies: Discrepancy[] = [];
  const unresolved: string[] = [];
  const note = (before: Order, after: Order, resolution: string): void => {
    if (before.status === after.status && before.filledBase === after.filledBase) return;
    discrepancies.push({ kind: after.confirmedByExchange ? 'ORDER_STATUS' : 'ORDER_NOT_ON_EXCHANGE', subject: after.clientOrderId, journalHad: `${before.status} filled ${before.filledBase}`, exchangeHas: `${after.status} filled ${after.filledBase}`, resolution });
  };

  const pending = store.nonTerminal().filter((order) => startup || !deps.isBusy(order.clientOrderId));
  for (const row of pending) {
    const after = await deps.withOrder(row.clientOrderId, async () => {
      const current = store.get(row.clientOrderId) ?? row;
      if (isTerminal(current.status)) return current;
      // The list is a snapshot: a row another call updated since is newer than it.
      const listed = current.updatedAtMs < snapshotAtMs ? openByClientId.get(current.clientOrderId) : undefined;
      if (listed !== undefined) return lifecycle.applyRecord(current, listed, 'reconciled');
      const neverAcknowledged = current.status === 'PENDING_SUBMIT' || current.status === 'UNKNOWN';
      return lifecycle.resolve(
        current,
        neverAcknowledged
          ? { action: 'close', status: 'EXPIRED', reason: 'never reached the exchange (proven absent at reconciliation); not resent' }
          : { action: 'close', status: 'CANCELED', reason: 'the exchange has no record of this order any more and no trades on it' },
        open.value,
      );
    });
    if (after.status === 'UNKNOWN') {
      if (startup) return refused('ORDER_STATUS_UNKNOWN', `order ${after.clientOrderId}: ${after.statusReason ?? 'unknown'}`, clock.nowMs());
      unresolved.push(after.clientOrderId);
    }
    note(row, after, 'journal updated from the exchange record');
  }

  let foreign = 0;
  for (const record of open.value) {
    const row = store.get(record.clientOrderId);
    if (row === undefined) {
      if (!isBallastClientOrderId(record.clientOrderId)) {
        foreign += 1;
        continue;
      }
      store.adopt(adoptedOrder(record, clock.nowMs()), { reason: 'open on the exchange with a Ballast client id but no journal row' });
      discrepancies.push({ kind: 'ORDER_NOT_IN_JOURNAL', subject: record.clientOrderId, journalHad: 'no row', exchangeHas: record.status, resolution: 'adopted into the journal from the exchange record' });
    } else if (isTerminal(row.status) && !deps.isBusy(row.clientOrderId)) {
      // Listed open but closed in the journal: read it again (the list may be older than the row), then the exchange wins.
      const after = await deps.withOrder(row.clientOrderId, async () => {
        const current = store.get(row.clientOrderId) ?? row;
        const fresh = await calls.withRetry('fetchOrder', current.clientOrderId, () => calls.port.fetchOrder({ symbol: current.symbol, clientOrderId: current.clientOrderId }));
        return fresh.kind === 'ok' ? lifecycle.applyRecord(current, fresh.value, 'reconciled') : current;
      });
      note(row, after, 'the exchange still lists it open: the exchange record wins');
    }
  }

  const fillsBefore = store.lastFillSeq();
  for (const row of store.withMissingFills()) {
    const complete = await lifecycle.syncFills(row);
    if (!complete) {
      if (startup) return refused('FILLS_INCOMPLETE', `order ${row.clientOrderId} filled ${row.filledBase}, trades found for ${store.recordedFilledBase(row.clientOrderId)}`, clock.nowMs());
      unresolved.push(row.clientOrderId);
      continue;
    }
    discrepancies.push({ kind: 'MISSING_FILLS', subject: row.clientOrderId, journalHad: 'fills missing', exchangeHas: `filled ${row.filledBase}`, resolution: 'trades fetched from the exchange and journaled' });
  }
  const fillsAdded = store.lastFillSeq() - fillsBefore;

  let balancesRead: ReadonlyMap<string, AssetBalance> | null = null;
  if (startup) {
    const balances = await calls.withRetry('fetchBalances', null, () => calls.port.fetchBalances());
    if (balances.kind !== 'ok') return refused(failureCode(balances, 'BALANCES_UNREADABLE'), `reading balances: ${balances.kind}`, clock.nowMs());
    discrepancies.push(...checkBalances(store, balances.value, clock.nowMs()));
    balancesRead = balances.value;
  }

  const report: ReconciliationReport = {
    atMs: clock.nowMs(), phase, ordersChecked: pending.length, openOnExchange: open.value.length, foreignOpenOrders: foreign, fillsAdded, discrepancies, unresolvedOrders: unresolved,
  };
  store.recordEvent('system', null, report.atMs, { event: 'reconciled', ...report });
  return ok({ report, reads: { openOrders: open.value, balances: balancesRead } });
}
