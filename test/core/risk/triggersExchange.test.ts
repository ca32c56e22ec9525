import { afterEach, describe, expect, it } from 'vitest';
import { PERMISSION_VERIFIERS } from '../../../core/keys/index.ts';
import { ERROR_RATE_TRIGGER_ID, KEY_PERMISSION_TRIGGER_ID, REARM_PHRASE, type ExchangeErrorRate } from '../../../core/risk/index.ts';
import { EXCHANGE_RESPONSES } from '../keys/support/exchangeResponses.ts';
import { RiskRig } from './support/riskRig.ts';

let rig: RiskRig | undefined;
afterEach(() => {
  rig?.dispose();
  rig = undefined;
});

const window = (counts: Partial<ExchangeErrorRate>): ExchangeErrorRate => ({ atMs: 1_000, windowMs: 60_000, requests: 40, errors: 0, rateLimited: 0, banned: 0, ...counts });
const LEAVE = { code: 'PERSON_LEFT_SAFE_MODE', message: 'You left safe mode.' };

// There is no recorded exchange error stream in the reference data; the readings below are the
// shape the OrderManager publishes over its sliding window.
describe('exchange error-rate trigger', () => {
  const spikes: Array<[string, Partial<ExchangeErrorRate>, RegExp]> = [
    ['a run of 429s', { rateLimited: 3 }, /slow down 3 times in 60 s \(HTTP 429\)/],
    ['any 418 ban', { banned: 1 }, /banned this computer \(HTTP 418\)/],
    ['30% of requests failing', { requests: 20, errors: 6 }, /30% of requests to the exchange failed in the last 60 s \(6 of 20\)/],
    ['counts that do not add up', { requests: 2, errors: 5 }, /could not judge/],
  ];
  for (const [name, counts, message] of spikes) {
    it(`moves to SAFE_MODE on ${name}, journals it, and keeps it across a restart`, () => {
      rig = new RiskRig({ startMs: 1_000 });
      rig.monitor.onExchangeErrorRate(window({}));
      expect(rig.machine.snapshot().state).toBe('ACTIVE');
      rig.monitor.onExchangeErrorRate(window(counts));
      expect(rig.machine.snapshot()).toMatchObject({ state: 'SAFE_MODE', cause: { code: 'EXCHANGE_ERROR_RATE' } });
      expect(rig.machine.snapshot().cause.message).toMatch(message);
      expect(rig.trips()).toHaveLength(1);
      rig.restart();
      expect(rig.activeTriggerIds()).toEqual([ERROR_RATE_TRIGGER_ID]);
      expect(rig.machine.snapshot().state).toBe('SAFE_MODE');
    });
  }

  it('does not judge a handful of requests, and clears once the window is healthy', () => {
    rig = new RiskRig({ startMs: 1_000 });
    rig.monitor.onExchangeErrorRate(window({ requests: 3, errors: 2 }));
    expect(rig.machine.snapshot().state).toBe('ACTIVE');
    rig.monitor.onExchangeErrorRate(window({ rateLimited: 5 }));
    rig.monitor.onExchangeErrorRate(window({}));
    expect(rig.activeTriggerIds()).toEqual([]);
    expect(rig.machine.leaveSafeMode(LEAVE).state).toBe('ACTIVE');
  });
});

describe('key permission trigger, fed by the keys layer\'s own reading of Binance\'s answer', () => {
  const binance = EXCHANGE_RESPONSES.binance;
  const readPermissions = (change?: (body: Record<string, unknown>) => void): { canWithdraw: boolean | 'unknown' } => {
    const body = binance.base();
    change?.(body);
    return PERMISSION_VERIFIERS.binance.interpret(body, 1_000);
  };

  it('moves to KILLED when withdrawals appear, survives a restart, and blocks re-arm until they are gone', () => {
    rig = new RiskRig({ startMs: 1_000 });
    rig.monitor.onKeyPermissions({ atMs: 1_000, canWithdraw: readPermissions().canWithdraw });
    expect(rig.machine.snapshot().state).toBe('ACTIVE');

    rig.monitor.onKeyPermissions({ atMs: 2_000, canWithdraw: readPermissions(binance.withdrawEnabled).canWithdraw });
    expect(rig.machine.snapshot()).toMatchObject({ state: 'KILLED', cause: { code: 'KEY_CAN_WITHDRAW' } });
    expect(rig.trips()[0]).toMatchObject({ to: 'KILLED', cause: { code: 'KEY_CAN_WITHDRAW' } });

    rig.restart();
    expect(rig.machine.snapshot().state).toBe('KILLED');
    expect(() => rig?.machine.rearm(REARM_PHRASE, { code: 'PERSON_REARMED', message: 'Re-armed.' })).toThrow(/can withdraw funds/);

    rig.monitor.onKeyPermissions({ atMs: 3_000, canWithdraw: readPermissions().canWithdraw });
    expect(rig.activeTriggerIds()).not.toContain(KEY_PERMISSION_TRIGGER_ID);
    expect(rig.machine.rearm(REARM_PHRASE, { code: 'PERSON_REARMED', message: 'Re-armed.' }).state).toBe('PAUSED');
  });

  it('pauses new trades while the withdraw permission cannot be confirmed; Resume works only once it is confirmed again', () => {
    rig = new RiskRig({ startMs: 1_000 });
    rig.monitor.onKeyPermissions({ atMs: 1_000, canWithdraw: readPermissions(binance.withdrawFieldMissing).canWithdraw });
    expect(rig.machine.snapshot()).toMatchObject({ state: 'PAUSED', cause: { code: 'KEY_PERMISSIONS_UNCONFIRMED' } });
    expect(() => rig?.machine.resume({ code: 'PERSON_RESUMED', message: 'Resumed.' })).toThrow(/could not confirm/);
    rig.monitor.onKeyPermissions({ atMs: 2_000, canWithdraw: readPermissions().canWithdraw });
    // Confirmed again: the pause's cause clears, but only the person resumes.
    expect(rig.machine.snapshot().state).toBe('PAUSED');
    expect(rig.machine.resume({ code: 'PERSON_RESUMED', message: 'Resumed.' }).state).toBe('ACTIVE');
  });
});
