import { describe } from 'vitest';
import { fillCases } from './fillCases.ts';
import { filterCases } from './filterCases.ts';
import type { MakeHarness } from './harness.ts';
import { orderLifecycleCases } from './orderLifecycleCases.ts';

/**
 * What every `ExchangePort` must do, run unchanged against each adapter (ccxt over HTTP to the
 * fake exchange, and the paper exchange on its replay clock), so the two cannot drift apart.
 * Every case starts a fresh market at a real hour of BTC/USDT history.
 */
export function runExchangeContract(name: string, makeHarness: MakeHarness): void {
  describe(`${name} satisfies the ExchangePort contract`, () => {
    describe('orders: create, find, cancel, list', () => {
      orderLifecycleCases(makeHarness);
    });
    describe('fills, fees and balances', () => {
      fillCases(makeHarness);
    });
    describe("the market's filters and the balance", () => {
      filterCases(makeHarness);
    });
  });
}
