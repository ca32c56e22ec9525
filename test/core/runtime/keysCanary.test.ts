import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { commands, type CommandName, type KeyView, type PendingKeyView } from '../../../core/contract/index.ts';
import { LIVE_CONFIRMATION_PHRASE } from '../../../core/keys/index.ts';
import { keysCommands } from '../../../core/contract/commands/keys.ts';
import { StandInOsCipher } from '../keys/support/testCiphers.ts';
import { CANARY, CANARY_VALUES, everythingSeen, startKeysCore, type KeysCoreUnderTest } from './support/keysCore.ts';
import { removeTempDirs } from '../../support/tempDirs.ts';

// A permission read still in flight when a test's core is closed may write the key file again.
afterAll(removeTempDirs);

let app: KeysCoreUnderTest | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  removeTempDirs();
});

function expectNoCanary(text: string): void {
  for (const canary of CANARY_VALUES) expect(text).not.toContain(canary);
  // Fragments too: the masked key id shows 4 + 4 characters, nothing longer may appear.
  expect(text).not.toMatch(/CANARY-runtime/);
  expect(text).not.toMatch(/KEYSTORE-PASSPHRASE/);
}

describe('canary: pasted key material never comes back out of a keys command', () => {
  it('runs every keys command, on success and refusal paths, and finds the canaries in no result, event, log line or file', async () => {
    app = await startKeysCore({ osCipher: new StandInOsCipher('basic_text') });
    const exercised = new Set<CommandName>();
    const call = (name: CommandName, input?: unknown) => { exercised.add(name); return app!.call(name, input); };
    const value = async <T>(name: CommandName, input?: unknown) => { exercised.add(name); return app!.value<T>(name, input); };

    await call('getKeyEncryption');
    app.fake.account.setPermissions({ enableWithdrawals: true });
    const pasted = { exchange: 'binance', environment: 'live', label: 'Canary', apiKey: CANARY.apiKey, secret: CANARY.secret };
    const checked = await value<PendingKeyView>('verifyNewKey', pasted);
    await call('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'declined' });
    app.fake.account.setPermissions({ enableWithdrawals: false });
    await call('recheckNewKey', { verificationId: checked.verificationId });
    await call('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'declined' });
    await call('setKeyPassphrase', { passphrase: 'short' });
    await call('setKeyPassphrase', { passphrase: CANARY.keyPassphrase });
    const saved = await value<KeyView>('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'declined' });

    // Wrong fields, wrong types and oversized values that carry the canaries.
    await call('verifyNewKey', { ...pasted, exchange: CANARY.secret });
    await call('verifyNewKey', { ...pasted, passphrase: CANARY.passphrase });
    await call('verifyNewKey', { ...pasted, secret: CANARY.secret.repeat(400) });
    await call('verifyNewKey', { ...pasted, label: CANARY.secret });
    await call('verifyNewKey', { ...pasted, exchange: 'okx' });
    await call('verifyNewKey', { ...pasted, label: 'Other', apiKey: 'FAKE-KEY-CANARY-wrong-0000000000', secret: CANARY.secret });
    const second = await value<PendingKeyView>('verifyNewKey', { ...pasted, label: 'Second' });
    await call('discardNewKey', { verificationId: second.verificationId });
    await call('recheckNewKey', { verificationId: CANARY.secret });

    await call('listKeys');
    await call('reverifyKey', { keyId: saved.id });
    await call('setIpAllowlistDecision', { keyId: saved.id, choice: 'allowlist-set' });
    app.fake.faults.add({ method: 'GET', path: '/sapi/v1/account/apiRestrictions', times: 1, fault: { kind: 'serverError', status: 500 } });
    await call('reverifyKey', { keyId: saved.id });
    await call('getLiveGate', { keyId: saved.id, typedConfirmation: CANARY.secret });
    await call('startLive', { keyId: saved.id, typedConfirmation: '' });
    app.readiness.strategyId = 'trend-follower';
    app.readiness.paper = { paperDays: 30, paperTrades: 40 };
    app.readiness.riskLimitsSet = true;
    await call('startLive', { keyId: saved.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE });
    await call('getLiveStatus');
    app.fake.account.setPermissions({ enableWithdrawals: true });
    app.scheduler.tick?.();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await call('checkOldKeyStopped', { keyId: saved.id });
    await call('stopLive');
    await call('checkOldKeyStopped', { keyId: saved.id });
    await call('checkOldKeyStopped', { keyId: CANARY.secret });
    await call('deleteKey', { keyId: saved.id, confirmed: true });
    await call('deleteKey', { keyId: CANARY.secret, confirmed: true });

    expect([...exercised].sort()).toEqual(Object.keys(keysCommands).sort());
    expect(app.core.tradingState.snapshot().state).toBe('KILLED');
    expect(app.seen.results.filter((result) => (result as { ok: boolean }).ok).length).toBeGreaterThan(10);
    expectNoCanary(everythingSeen(app.seen));
    expectNoCanary(await readFile(app.storePath, 'utf8'));
  });

  it('invalid input messages name fields and types, never the values sent', async () => {
    app = await startKeysCore();
    for (const [name, spec] of Object.entries(keysCommands)) {
      const shape = (spec.input as { shape?: Record<string, unknown> }).shape ?? {};
      const everyFieldIsTheCanary = Object.fromEntries(Object.keys(shape).map((field) => [field, CANARY.secret.repeat(300)]));
      const everyFieldWrongType = Object.fromEntries(Object.keys(shape).map((field) => [field, { value: CANARY.secret }]));
      for (const input of [everyFieldIsTheCanary, everyFieldWrongType, CANARY.secret, [CANARY.secret]]) {
        const result = await app.call(name as CommandName, input);
        expect(result.ok, `${name} accepted ${JSON.stringify(input).slice(0, 40)}`).toBe(false);
      }
    }
    expect(Object.keys(commands)).toEqual(expect.arrayContaining(Object.keys(keysCommands)));
    expectNoCanary(everythingSeen(app.seen));
  });
});
