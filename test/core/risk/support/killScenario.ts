import { expect } from 'vitest';
import type { ExchangePort, KillAlert, KillSweepRun } from '../../../../core/execution/index.ts';
import { openJournal, type Journal } from '../../../../core/journal/index.ts';
import { createTradingStateMachine, type TradingStateMachine } from '../../../../core/risk/index.ts';
import { killSwitch } from '../../../../core/runtime/frame/killSwitch.ts';

/**
 * What the kill scenarios need from a venue: an ExchangePort to kill through, and a back door
 * to the venue's own truth and fault plan. The in-process `ScriptedExchange` is one venue; the
 * fake exchange server reached through real ccxt is another.
 */
export interface KillVenue {
  readonly port: ExchangePort;
  /** Simulated time; absent for a venue that runs in real time. */
  readonly time?: { readonly nowMs: () => number; readonly sleep: (ms: number) => Promise<void> };
  placeOpenOrders(count: number): Promise<readonly string[]>;
  /** Client order ids the venue itself holds open, bypassing faults and limits. */
  openClientOrderIds(): Promise<readonly string[]>;
  failCancels(clientOrderIds: readonly string[], kind: 'unknown' | 'unavailable' | 'lost_response', times: number): Promise<void>;
  failListings(times: number): Promise<void>;
  setRateLimit(limit: { readonly maxRequests: number; readonly windowMs: number } | null): Promise<void>;
  healAll(): Promise<void>;
}

interface Harness {
  readonly journal: Journal;
  readonly machine: TradingStateMachine;
  readonly alerts: KillAlert[];
  readonly kill: (extra?: { timeoutMs?: number; retryIntervalMs?: number }) => Promise<KillSweepRun>;
}

function harness(venue: KillVenue): Harness {
  const journal = openJournal(':memory:');
  const nowMs = venue.time?.nowMs ?? Date.now;
  const machine = createTradingStateMachine({ nowMs, journal });
  const alerts: KillAlert[] = [];
  return {
    journal,
    machine,
    alerts,
    kill: (extra = {}) =>
      killSwitch({
        exchange: venue.port,
        stateMachine: machine,
        journal,
        onAlert: (alert) => alerts.push(alert),
        ...(venue.time ? { nowMs: venue.time.nowMs, sleep: venue.time.sleep } : {}),
        timeoutMs: extra.timeoutMs ?? 10_000,
        retryIntervalMs: extra.retryIntervalMs ?? 200,
      }),
  };
}

/** 50 open orders, rate limiting on, cancels that fail or lose their answer a few times: Kill still ends at zero. */
export async function killsFiftyOrdersThroughTransientFaults(venue: KillVenue): Promise<KillSweepRun> {
  const ids = await venue.placeOpenOrders(50);
  await venue.setRateLimit({ maxRequests: 40, windowMs: 1_000 });
  await venue.failCancels(ids.slice(0, 10), 'lost_response', 1);
  await venue.failCancels(ids.slice(10, 15), 'unavailable', 2);
  await venue.failCancels(ids.slice(15, 18), 'unknown', 1);
  const { journal, machine, alerts, kill } = harness(venue);

  const run = await kill();
  // A failed expectation below must not leave a retry loop running.
  run.retry?.stop();

  expect(await venue.openClientOrderIds()).toEqual([]);
  expect(run.report.zeroOpenOrdersConfirmed).toBe(true);
  expect(run.report.success).toBe(true);
  expect(run.report.unconfirmed).toEqual([]);
  expect(run.report.openOrdersAtStart).toBe(50);
  expect(run.report.requests.rateLimitedWaits).toBeGreaterThan(0);
  expect(run.retry).toBeNull();
  expect(machine.snapshot().state).toBe('KILLED');
  expect(run.report.state).toBe('KILLED');
  expect(alerts.map((alert) => alert.severity)).toEqual(['warning']);
  expect(journal.count({ kinds: ['state_change'], text: '"to":"KILLED"' })).toBe(1);
  expect(journal.count({ kinds: ['exchange_response'], text: 'kill_cancel' })).toBeGreaterThanOrEqual(50);
  journal.close();
  return run;
}

/** Three orders that cannot be cancelled: the report names exactly them, and the retry finishes the job once they can. */
export async function reportsExactUnconfirmedOrdersAndKeepsTrying(venue: KillVenue): Promise<void> {
  const ids = await venue.placeOpenOrders(50);
  await venue.setRateLimit({ maxRequests: 40, windowMs: 1_000 });
  const stuck = [ids[7], ids[21], ids[44]].filter((id): id is string => id !== undefined);
  await venue.failCancels(stuck, 'unavailable', Number.POSITIVE_INFINITY);
  const { journal, alerts, kill } = harness(venue);

  const run = await kill({ timeoutMs: 5_000, retryIntervalMs: 500 });
  try {
    expect(run.report.success).toBe(false);
    expect(run.report.zeroOpenOrdersConfirmed).toBe(false);
    expect(run.report.unconfirmed.map((order) => order.clientOrderId).sort()).toEqual([...stuck].sort());
    expect(run.report.unconfirmed.every((order) => /unavailable/.test(order.problem))).toBe(true);
    expect([...(await venue.openClientOrderIds())].sort()).toEqual([...stuck].sort());
    expect(run.report.summary).toContain('could not be confirmed');
    expect(alerts.map((alert) => alert.severity)).toEqual(['critical']);
    expect(run.retry?.isRunning()).toBe(true);

    const updates: boolean[] = [];
    run.retry?.onUpdate((report) => updates.push(report.success));
    await venue.healAll();
    const final = await run.retry?.done;

    expect(final?.success).toBe(true);
    expect(final?.unconfirmed).toEqual([]);
    expect(await venue.openClientOrderIds()).toEqual([]);
    expect(updates.at(-1)).toBe(true);
    expect(alerts.map((alert) => alert.severity)).toEqual(['critical', 'info']);
    expect(run.retry?.isRunning()).toBe(false);
  } finally {
    run.retry?.stop();
    journal.close();
  }
}

/** An exchange that never lists open orders: Kill never claims success, and stopping the retry ends it. */
export async function neverClaimsSuccessWithoutAnEmptyListing(venue: KillVenue): Promise<void> {
  await venue.placeOpenOrders(5);
  await venue.failListings(Number.POSITIVE_INFINITY);
  const { journal, kill } = harness(venue);

  const run = await kill({ timeoutMs: 1_000, retryIntervalMs: 300 });

  expect(run.report.success).toBe(false);
  expect(run.report.openOrdersAtStart).toBeNull();
  expect(run.report.listingProblem).toMatch(/unavailable/);
  expect(run.report.summary).toContain('could not confirm');
  run.retry?.stop();
  const final = await run.retry?.done;
  expect(final?.success).toBe(false);
  expect((await venue.openClientOrderIds()).length).toBe(5);
  journal.close();
}
