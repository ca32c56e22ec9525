import { z } from 'zod';
import type { AssetBalance } from './exchangePort.ts';
import type { OrderJournal } from './orderJournal.ts';
import { PositionBook } from './positionBook.ts';
import type { Discrepancy } from './readiness.ts';

const snapshotSchema = z.record(z.string(), z.number());

function differs(expected: number, actual: number): boolean {
  return Math.abs(expected - actual) > 1e-8 + 1e-9 * Math.max(Math.abs(expected), Math.abs(actual));
}

/**
 * Compares the exchange's balances with the last snapshot plus every fill journaled since: what
 * does not add up changed outside Ballast (a deposit, a withdrawal, a trade by hand) or points at
 * a fill Ballast missed. Either way it is journaled and shown; then a new snapshot is taken.
 */
export function checkBalances(store: OrderJournal, balances: ReadonlyMap<string, AssetBalance>, atMs: number): Discrepancy[] {
  const db = store.journal.db;
  const last = db.prepare('SELECT fill_seq, balances_json FROM execution_balance_snapshots ORDER BY seq DESC LIMIT 1').get();
  const discrepancies: Discrepancy[] = [];
  if (last !== undefined) {
    const previous = snapshotSchema.parse(JSON.parse(String(last.balances_json)));
    const deltas = new PositionBook(store.fills(Number(last.fill_seq))).balanceDeltas();
    const assets = new Set([...Object.keys(previous), ...deltas.keys(), ...balances.keys()]);
    for (const asset of assets) {
      const expected = (previous[asset] ?? 0) + (deltas.get(asset) ?? 0);
      const actual = balances.get(asset)?.total ?? 0;
      if (!differs(expected, actual)) continue;
      discrepancies.push({
        kind: 'BALANCE',
        subject: asset,
        journalHad: `${expected}`,
        exchangeHas: `${actual}`,
        resolution: 'the exchange balance is taken as true; the difference came from outside Ballast’s orders (deposit, withdrawal or a trade by hand)',
      });
    }
  }
  const totals = Object.fromEntries([...balances.values()].map((balance) => [balance.asset, balance.total]));
  store.atomically(() => {
    db.prepare('INSERT INTO execution_balance_snapshots (at_ms, fill_seq, balances_json) VALUES (?, ?, ?)').run(atMs, store.lastFillSeq(), JSON.stringify(totals));
    store.recordEvent('system', null, atMs, { event: 'balance_snapshot', balances: totals, discrepancies });
  });
  return discrepancies;
}
