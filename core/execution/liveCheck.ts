import { isBallastClientOrderId } from './clientOrderId.ts';
import type { NoTradingCode, ReconciliationCode } from './liveCodes.ts';
import { withAsset, type LiveDeps, type LiveNotice, type ReconciliationFinding } from './liveDeps.ts';
import type { LiveStops } from './liveStops.ts';
import type { ProtectionReport } from './protectionReport.ts';
import { assetsOfSymbol } from './positionBook.ts';
import type { Discrepancy, ReconciliationReport } from './readiness.ts';
import { adoptedOrder } from './reconciliation.ts';
import { tradesNotInJournal } from './tradesSinceLastRun.ts';

/** When the check runs: before the first order, after the computer woke up, after the connection came back. */
export type LiveCheckReason = 'startup' | 'wake' | 'reconnect';

export type { ReconciliationFinding } from './liveDeps.ts';

export type LiveCheckOutcome =
  /** Everything adds up, or every difference is explained: trade. */
  | { readonly verdict: 'trade'; readonly reason: LiveCheckReason; readonly atMs: number; readonly findings: readonly ReconciliationFinding[]; readonly protection: readonly ProtectionReport[] }
  /** Something does not add up: SAFE_MODE (reduce-only), and `explanation` says what. */
  | {
      readonly verdict: 'safe_mode';
      readonly reason: LiveCheckReason;
      readonly atMs: number;
      readonly explanation: readonly ReconciliationFinding[];
      readonly findings: readonly ReconciliationFinding[];
      readonly protection: readonly ProtectionReport[];
    }
  /** The check itself failed: no trading at all, not even exits, until it succeeds. */
  | { readonly verdict: 'no_trading'; readonly reason: LiveCheckReason; readonly atMs: number; readonly notice: LiveNotice<NoTradingCode> };

const explained = (code: ReconciliationCode, params: ReconciliationFinding['params']): ReconciliationFinding => ({ ...withAsset({ code, params }), explained: true });
const unexplained = (code: ReconciliationCode, params: ReconciliationFinding['params']): ReconciliationFinding => ({ ...withAsset({ code, params }), explained: false });

function findingOf(discrepancy: Discrepancy): ReconciliationFinding {
  const order = { clientOrderId: discrepancy.subject, journalHad: discrepancy.journalHad, exchangeHas: discrepancy.exchangeHas };
  switch (discrepancy.kind) {
    case 'ORDER_STATUS':
      return explained('ORDER_CHANGED_WHILE_AWAY', order);
    case 'ORDER_NOT_ON_EXCHANGE':
      return explained('ORDER_NEVER_REACHED_EXCHANGE', order);
    case 'MISSING_FILLS':
      return explained('FILLS_ADDED', order);
    case 'ORDER_NOT_IN_JOURNAL':
      return unexplained('BALLAST_ORDER_NOT_IN_JOURNAL', order);
    case 'BALANCE':
      return explained('BALANCE_CHANGED_OUTSIDE_BALLAST', { asset: discrepancy.subject, expected: Number(discrepancy.journalHad), actual: Number(discrepancy.exchangeHas) });
  }
}

/**
 * The live check, fail-closed, run before the first order, after a wake-up and after a lost
 * connection, before anything else:
 * 1. the OrderManager's reconciliation (markets, open orders, every unsettled order found, missing
 *    fills, balances against the last snapshot); while it runs the manager refuses new orders;
 * 2. trades since the last run on orders the journal cannot name: Ballast's are adopted (and are
 *    unexplained), anyone else's are listed as external;
 * 3. open orders that are not Ballast's (in the reconciliation's own listing): external, never touched;
 * 4. Ballast's positions against the balances the reconciliation read: the coins must be there;
 * 5. a confirmed protective stop for every position (re-placed where the exchange has none).
 * A read that fails means "no trading at all"; an unexplained difference means safe mode.
 */
export async function checkLive(stops: LiveStops, deps: LiveDeps, reason: LiveCheckReason): Promise<LiveCheckOutcome> {
  const noTrading = (code: NoTradingCode, detail: string): LiveCheckOutcome => {
    const atMs = deps.clock.nowMs();
    deps.store.recordEvent('alert', null, atMs, { event: 'live_check', verdict: 'no_trading', reason, code, detail });
    return { verdict: 'no_trading', reason, atMs, notice: { code, params: { detail } } };
  };
  const readiness = await deps.start();
  if (readiness.state === 'REFUSED') return noTrading(readiness.code, readiness.detail);
  if (readiness.state !== 'READY') return noTrading('JOURNAL_FAILED', `the reconciliation ended ${readiness.state}`);
  const report: ReconciliationReport = readiness.report;
  const findings: ReconciliationFinding[] = report.discrepancies.map(findingOf);

  const trades = await tradesNotInJournal(deps, stops.options.symbols ?? []);
  if (!trades.ok) return noTrading('TRADES_UNREADABLE', trades.detail);
  findings.push(...trades.findings.map((finding) => ({ ...withAsset(finding), explained: finding.explained })));

  // The reconciliation's own reads (a second all-markets listing costs Binance's heaviest request weight).
  const reads = deps.startReads();
  if (reads === null || reads.balances === null) return noTrading('BALANCES_UNREADABLE', 'the reconciliation kept no balances');
  for (const order of reads.openOrders) {
    if (isBallastClientOrderId(order.clientOrderId)) {
      if (deps.store.get(order.clientOrderId) === undefined) {
        deps.store.adopt(adoptedOrder(order, deps.clock.nowMs()), { reason: 'open on the exchange with a Ballast client id but no journal row (live check)' });
        findings.push(unexplained('BALLAST_ORDER_NOT_IN_JOURNAL', { clientOrderId: order.clientOrderId, journalHad: 'no row', exchangeHas: order.status }));
      }
      continue;
    }
    findings.push(explained('EXTERNAL_ORDER', { symbol: order.symbol, clientOrderId: order.clientOrderId, side: order.side, type: order.type, amountBase: order.amountBase, limitPriceQuote: order.limitPriceQuote }));
  }

  for (const symbol of stops.watchedSymbols()) {
    const positionBase = stops.positionBase(symbol);
    const { base } = assetsOfSymbol(symbol);
    const heldBase = reads.balances.get(base)?.total ?? 0;
    const step = deps.market(symbol)?.precision.amountStepBase ?? 0;
    if (heldBase + step < positionBase) findings.push(unexplained('POSITION_EXCEEDS_BALANCE', { symbol, asset: base, positionBase, balanceBase: heldBase }));
  }

  const protection: ProtectionReport[] = [];
  for (const symbol of stops.watchedSymbols()) {
    const covered = await stops.protect(symbol);
    protection.push(covered);
    if (covered.notices.some((notice) => notice.code === 'STOP_PLACED')) findings.push(explained('STOP_REPLACED', { symbol, amountBase: covered.stopBase, stopPriceQuote: covered.stopPriceQuote }));
    if (covered.requiresSafeMode || covered.status === 'unprotected' || covered.status === 'unconfirmed') {
      findings.push(unexplained('POSITION_NOT_PROTECTED', { symbol, amountBase: covered.positionBase, status: covered.status }));
    }
  }

  const atMs = deps.clock.nowMs();
  const explanation = findings.filter((finding) => !finding.explained);
  const outcome: LiveCheckOutcome =
    explanation.length === 0 ? { verdict: 'trade', reason, atMs, findings, protection } : { verdict: 'safe_mode', reason, atMs, explanation, findings, protection };
  deps.store.recordEvent(explanation.length === 0 ? 'system' : 'alert', null, atMs, { event: 'live_check', ...outcome });
  return outcome;
}
