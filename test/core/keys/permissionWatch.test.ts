import { describe, expect, it } from 'vitest';
import { PermissionWatch, type PermissionReport, type WatchScheduler } from '../../../core/keys/index.ts';

function report(canWithdraw: PermissionReport['canWithdraw']): PermissionReport {
  return {
    exchange: 'okx', endpoint: 'GET /api/v5/account/config', checkedAtMs: 0, canWithdraw, canTrade: true,
    marginEnabled: false, futuresEnabled: false, ipRestricted: false, problems: [], fieldsConsulted: [],
  };
}

/** A scheduler the test ticks by hand. */
function manualScheduler() {
  const ticks: Array<() => void> = [];
  let cancelled = 0;
  const scheduler: WatchScheduler = {
    every: (_intervalMs, tick) => { ticks.push(tick); return () => { cancelled += 1; }; },
  };
  return { scheduler, tick: () => { ticks.forEach((tick) => { tick(); }); }, cancelled: () => cancelled, count: () => ticks.length };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('PermissionWatch', () => {
  it('re-reads on every tick and reports withdrawals appearing', async () => {
    const answers: PermissionReport[] = [report(false), report(false), report(true)];
    const events: string[] = [];
    const clock = manualScheduler();
    const watch = new PermissionWatch({
      read: () => Promise.resolve(answers.shift() ?? report(true)),
      intervalMs: 60_000,
      scheduler: clock.scheduler,
      onWithdrawEnabled: () => events.push('withdraw'),
      onUnknown: (reason) => events.push(`unknown: ${reason}`),
      onChecked: (r) => events.push(`checked ${String(r.canWithdraw)}`),
    });
    watch.start();
    watch.start();
    expect(clock.count()).toBe(1);
    for (let i = 0; i < 3; i++) { clock.tick(); await settle(); }
    expect(events).toEqual(['checked false', 'checked false', 'checked true', 'withdraw']);
    watch.stop();
    expect(clock.cancelled()).toBe(1);
    expect(watch.isRunning).toBe(false);
  });

  it('reports unknown answers and failed reads', async () => {
    const reasons: string[] = [];
    const reads = [() => Promise.resolve(report('unknown')), () => Promise.reject(new Error('network'))];
    const watch = new PermissionWatch({
      read: () => (reads.shift() ?? (() => Promise.resolve(report(false))))(),
      intervalMs: 1,
      onWithdrawEnabled: () => { throw new Error('not expected'); },
      onUnknown: (reason) => reasons.push(reason),
    });
    expect(await watch.checkNow()).toBe('unknown');
    expect(await watch.checkNow()).toBe('unknown');
    expect(await watch.checkNow()).toBe('withdraw-off');
    expect(reasons).toHaveLength(2);
    expect(reasons[1]).toMatch(/could not re-read/);
  });

  it('does not start a second read while one is still running', async () => {
    let release: (r: PermissionReport) => void = () => undefined;
    let reads = 0;
    const watch = new PermissionWatch({
      read: () => { reads += 1; return new Promise<PermissionReport>((resolve) => { release = resolve; }); },
      intervalMs: 1,
      onWithdrawEnabled: () => undefined,
      onUnknown: () => undefined,
    });
    const first = watch.checkNow();
    expect(await watch.checkNow()).toBe('skipped');
    release(report(false));
    expect(await first).toBe('withdraw-off');
    expect(reads).toBe(1);
  });

  it('hands a failing callback to onError instead of losing it', async () => {
    const errors: unknown[] = [];
    const clock = manualScheduler();
    const watch = new PermissionWatch({
      read: () => Promise.resolve(report(true)),
      intervalMs: 1,
      scheduler: clock.scheduler,
      onWithdrawEnabled: () => { throw new Error('alert channel down'); },
      onUnknown: () => undefined,
      onError: (error) => errors.push(error),
    });
    watch.start();
    clock.tick();
    await settle();
    expect(errors).toHaveLength(1);
  });
});
