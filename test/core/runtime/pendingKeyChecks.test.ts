import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../core/contract/index.ts';
import { makeSecret, type PermissionReport } from '../../../core/keys/index.ts';
import { PendingKeyChecks } from '../../../core/runtime/keys/pendingKeyChecks.ts';

const report = { exchange: 'binance', canWithdraw: false } as PermissionReport;

function check(label: string) {
  return {
    exchange: 'binance' as const, environment: 'live' as const, label, maskedKeyId: '…', report,
    credentials: { apiKey: makeSecret('FAKE-KEY'), secret: makeSecret('FAKE-SECRET') },
  };
}

describe('PendingKeyChecks', () => {
  it('hands out a different random id for every check', () => {
    const pending = new PendingKeyChecks({ nowMs: () => 0 });
    const a = pending.hold(check('a'));
    const b = pending.hold(check('b'));
    expect(a.verificationId).not.toBe(b.verificationId);
    expect(a.verificationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(pending.get(b.verificationId).label).toBe('b');
  });

  it('forgets a check once its hold time has passed', () => {
    let now = 1_000;
    const pending = new PendingKeyChecks({ nowMs: () => now, holdMs: 500 });
    const held = pending.hold(check('a'));
    now = 1_499;
    expect(pending.get(held.verificationId).label).toBe('a');
    now = 1_500;
    expect(() => pending.get(held.verificationId)).toThrow(ContractError);
    expect(pending.size).toBe(0);
  });

  it('holds at most a few checks, forgetting the oldest first', () => {
    const pending = new PendingKeyChecks({ nowMs: () => 0, maxHeld: 2 });
    const first = pending.hold(check('1'));
    pending.hold(check('2'));
    pending.hold(check('3'));
    expect(pending.size).toBe(2);
    expect(() => pending.get(first.verificationId)).toThrow(/Paste the key again/);
  });

  it('forgets on request, once', () => {
    const pending = new PendingKeyChecks({ nowMs: () => 0 });
    const held = pending.hold(check('a'));
    expect(pending.forget(held.verificationId)).toBe(true);
    expect(pending.forget(held.verificationId)).toBe(false);
  });
});
