import { describe, expect, it } from 'vitest';
import { AdviceBudget, OneCallPerBar } from '../../../../core/signals/llm/index.ts';

const HOUR_MS = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const codes = (budget: AdviceBudget, atMs: number): string[] => budget.refusalsAt(atMs).map((item) => item.code);

describe('AdviceBudget', () => {
  it('refuses the call that would exceed the calls per hour, and allows it once the hour has rolled on', () => {
    const budget = new AdviceBudget({ callsPerHour: 2, callsPerDay: 100, tokensPerDay: 1_000_000 });
    budget.recordCall(T0);
    budget.recordCall(T0 + 10 * 60_000);
    expect(codes(budget, T0 + 20 * 60_000)).toEqual(['BUDGET_CALLS_PER_HOUR']);
    // The first call leaves the window exactly one hour after it was made.
    expect(codes(budget, T0 + HOUR_MS)).toEqual([]);
  });

  it('counts calls and tokens over the last 24 hours', () => {
    const budget = new AdviceBudget({ callsPerHour: 100, callsPerDay: 3, tokensPerDay: 1_000 });
    budget.recordCall(T0)(400);
    budget.recordCall(T0 + 2 * HOUR_MS)(599);
    expect(budget.stateAt(T0 + 3 * HOUR_MS)).toMatchObject({ callsLastHour: 0, callsLastDay: 2, tokensLastDay: 999 });
    expect(codes(budget, T0 + 3 * HOUR_MS)).toEqual([]);
    budget.recordCall(T0 + 3 * HOUR_MS)(1);
    // 3 calls of 3 and 400 + 599 + 1 = 1,000 tokens of 1,000: both used up.
    expect(codes(budget, T0 + 4 * HOUR_MS)).toEqual(['BUDGET_CALLS_PER_DAY', 'BUDGET_TOKENS_PER_DAY']);
    // 24 h after the first call it drops out: 2 calls, 600 tokens.
    expect(budget.stateAt(T0 + 24 * HOUR_MS)).toMatchObject({ callsLastDay: 2, tokensLastDay: 600 });
    expect(codes(budget, T0 + 24 * HOUR_MS)).toEqual([]);
  });

  it('starts from the journal\'s history after a restart', () => {
    const budget = new AdviceBudget({ callsPerHour: 2, callsPerDay: 100, tokensPerDay: 1_000_000 }, [{ atMs: T0, tokens: 10 }, { atMs: T0 + 60_000, tokens: 10 }]);
    expect(codes(budget, T0 + 120_000)).toEqual(['BUDGET_CALLS_PER_HOUR']);
  });

  it('stays quiet after a 429 for the Retry-After, one minute without one, at most an hour', () => {
    const budget = new AdviceBudget({ callsPerHour: 100, callsPerDay: 100, tokensPerDay: 1_000_000 });
    budget.coolDown(T0, 30);
    expect(budget.refusalsAt(T0 + 10_000)).toEqual([{ code: 'PROVIDER_COOLING_DOWN', params: { untilMs: T0 + 30_000, waitSeconds: 20 } }]);
    expect(codes(budget, T0 + 30_000)).toEqual([]);
    budget.coolDown(T0 + 100_000, null);
    expect(codes(budget, T0 + 159_999)).toEqual(['PROVIDER_COOLING_DOWN']);
    expect(codes(budget, T0 + 160_000)).toEqual([]);
    budget.coolDown(T0 + 200_000, 86_400);
    expect(codes(budget, T0 + 200_000 + HOUR_MS)).toEqual([]);
  });
});

describe('OneCallPerBar', () => {
  it('lets each market be asked once per bar, never again for that bar or an earlier one', () => {
    const bars = new OneCallPerBar();
    expect(bars.claim('BTC/USDT', T0)).toBe(true);
    expect(bars.claim('BTC/USDT', T0)).toBe(false);
    expect(bars.claim('ETH/USDT', T0)).toBe(true);
    expect(bars.claim('BTC/USDT', T0 - HOUR_MS)).toBe(false);
    expect(bars.claim('BTC/USDT', T0 + HOUR_MS)).toBe(true);
  });

  it('remembers the bars already asked about across a restart', () => {
    const bars = new OneCallPerBar([{ symbol: 'BTC/USDT', barOpenTimeMs: T0 }]);
    expect(bars.claim('BTC/USDT', T0)).toBe(false);
    expect(bars.claim('BTC/USDT', T0 + HOUR_MS)).toBe(true);
  });
});
