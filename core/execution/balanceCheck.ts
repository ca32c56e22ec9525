import type { AssetBalance } from './exchangePort.ts';
import type { OrderStore } from './orderStore.ts';
import { PositionBook } from './positionBook.ts';
import type { Discrepancy } from './readiness.ts';

function differs(expected: number, actual: number): boolean {
  return Math.abs(expected - actual) > 1e-8 + 1e-9 * Math.max(Math.abs(expected), Math.abs(actual));
}

/**
 * Compares the exchange's balances with the last snapshot plus every fill journaled since: what
 * does not add up changed outside Ballast (a deposit, a withdrawal, a trade by hand) or points at
 * a fill Ballast missed. Either way it is journaled and shown; then a new snapshot is taken.
 */
export function checkBalances(store: OrderStore, balances: ReadonlyMap<string, AssetBalance>, atMs: number): Discrepancy[] {
  const last = store.lastBalanceSnapshot();
  const discrepancies: Discrepancy[] = [];
  if (last !== undefined) {
    const previous = last.balances;
    const deltas = new PositionBook(store.fills(last.fillSeq)).balanceDeltas();
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
  store.recordBalanceSnapshot(atMs, totals, discrepancies);
  return discrepancies;
}
