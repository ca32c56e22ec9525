import { isBallastClientOrderId } from './clientOrderId.ts';
import type { ExchangeTrade } from './exchangePort.ts';
import type { ReconciliationFinding } from './liveDeps.ts';
import type { LiveDeps } from './liveDeps.ts';
import { adoptedOrder } from './reconciliation.ts';

/** More orders than this behind trades the journal cannot name, and they are not looked up one by one. */
const MAX_UNKNOWN_ORDERS = 25;
const MAX_PAGES = 10;
const PAGE_SIZE = 1000;

export type TradesCheck = { readonly ok: true; readonly findings: readonly ReconciliationFinding[] } | { readonly ok: false; readonly detail: string };

/**
 * Reads each market's trades since the newest fill the journal has there (on the exchange's own
 * clock; every trade for a market without fills yet) and looks up every order behind a trade the
 * journal cannot name. An order of Ballast's is taken into the journal with its fills (and is a
 * difference nothing explains: the journal lost it); anyone else's is reported as external and
 * left alone. A read that fails fails the check: a missed fill would mean a wrong position.
 */
export async function tradesNotInJournal(deps: LiveDeps, tradedSymbols: readonly string[]): Promise<TradesCheck> {
  const newestFillMs = new Map<string, number>();
  for (const fill of deps.store.fills()) newestFillMs.set(fill.symbol, Math.max(newestFillMs.get(fill.symbol) ?? 0, fill.atMs));
  const symbols = new Set([...tradedSymbols, ...deps.store.all().map((order) => order.symbol)]);
  const findings: ReconciliationFinding[] = [];
  for (const symbol of [...symbols].sort()) {
    const trades = await tradesSince(deps, symbol, newestFillMs.get(symbol));
    if (!trades.ok) return trades;
    const unknown = new Map<string, ExchangeTrade[]>();
    for (const trade of trades.trades) {
      if (deps.store.byExchangeOrderId(symbol, trade.exchangeOrderId) !== undefined) continue;
      unknown.set(trade.exchangeOrderId, [...(unknown.get(trade.exchangeOrderId) ?? []), trade]);
    }
    if (unknown.size > MAX_UNKNOWN_ORDERS) {
      findings.push({ code: 'TOO_MANY_UNKNOWN_TRADES', params: { symbol, orders: unknown.size }, explained: false });
      continue;
    }
    for (const [exchangeOrderId, ofOrder] of unknown) {
      const { calls } = deps;
      const found = await calls.withRetry('fetchOrder', null, () => calls.port.fetchOrder({ symbol, exchangeOrderId }));
      if (found.kind !== 'ok') return { ok: false, detail: `looking up order ${exchangeOrderId} behind a trade on ${symbol}: ${found.kind}` };
      const record = found.value;
      const amountBase = ofOrder.reduce((sum, trade) => sum + trade.amountBase, 0);
      if (!isBallastClientOrderId(record.clientOrderId)) {
        findings.push({ code: 'EXTERNAL_TRADE', params: { symbol, clientOrderId: record.clientOrderId, side: record.side, amountBase }, explained: true });
        continue;
      }
      const existing = deps.store.get(record.clientOrderId);
      const row = existing === undefined ? deps.store.adopt(adoptedOrder(record, deps.clock.nowMs()), { reason: 'traded on the exchange with a Ballast client id but no journal row' }) : deps.lifecycle.applyRecord(existing, record, 'found_by_trades');
      if (!(await deps.lifecycle.syncFills(row))) return { ok: false, detail: `the trades of order ${row.clientOrderId} could not all be read` };
      findings.push({ code: 'BALLAST_TRADE_NOT_IN_JOURNAL', params: { symbol, clientOrderId: record.clientOrderId, side: record.side, amountBase }, explained: false });
    }
  }
  return { ok: true, findings };
}

async function tradesSince(deps: LiveDeps, symbol: string, sinceMs: number | undefined): Promise<{ ok: true; trades: ExchangeTrade[] } | { ok: false; detail: string }> {
  const { calls } = deps;
  const all: ExchangeTrade[] = [];
  let from = sinceMs;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const read = await calls.withRetry('fetchMyTrades', null, () => calls.port.fetchMyTrades(symbol, from));
    if (read.kind !== 'ok') return { ok: false, detail: `reading the ${symbol} trades: ${read.kind}` };
    all.push(...read.value);
    if (read.value.length < PAGE_SIZE || from === undefined) return { ok: true, trades: all };
    const newest = Math.max(...read.value.map((trade) => trade.atMs));
    if (newest <= from) return { ok: false, detail: `more than ${PAGE_SIZE} ${symbol} trades share one time` };
    from = newest;
  }
  return { ok: false, detail: `more than ${MAX_PAGES * PAGE_SIZE} ${symbol} trades since the last run` };
}
