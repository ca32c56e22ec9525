import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { KeyList, KeyView, PendingKeyView } from '../../../core/contract/index.ts';
import { CANARY, CANARY_VALUES, startKeysCore, type KeysCoreUnderTest } from './support/keysCore.ts';
import { removeTempDirs } from '../../support/tempDirs.ts';

// A permission read still in flight when a test's core is closed may write the key file again.
afterAll(removeTempDirs);

let app: KeysCoreUnderTest | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  removeTempDirs();
});

const binanceLive = { exchange: 'binance', environment: 'live', label: 'Main account', apiKey: CANARY.apiKey, secret: CANARY.secret };

describe('the key wizard: verify before save', () => {
  it('refuses to save a key that can withdraw, with the plain message, then saves it once withdrawals are off', async () => {
    app = await startKeysCore();
    app.fake.account.setPermissions({ enableWithdrawals: true });

    const checked = await app.value<PendingKeyView>('verifyNewKey', binanceLive);
    expect(checked.check.verdict).toBe('can-withdraw');
    expect(checked.canSave).toBe(false);
    expect(checked.check.reason).toBe('This key can withdraw funds. Ballast will not use it.');
    expect(checked.check.fix).toBe('Turn off withdrawals for this key on the exchange, then verify again.');

    const refused = await app.call('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'allowlist-set' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'REFUSED', message: expect.stringContaining('This key can withdraw funds.') as unknown } });
    expect((await app.value<KeyList>('listKeys')).keys).toEqual([]);

    // The person turns withdrawals off on the exchange and checks again, without pasting the key again.
    app.fake.account.setPermissions({ enableWithdrawals: false });
    const rechecked = await app.value<PendingKeyView>('recheckNewKey', { verificationId: checked.verificationId });
    expect(rechecked).toMatchObject({ canSave: true, check: { verdict: 'safe' } });

    const saved = await app.value<KeyView>('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'allowlist-set' });
    expect(saved).toMatchObject({
      exchange: 'binance', environment: 'live', label: 'Main account', maskedKeyId: 'FAKE…abcd', storage: 'ready', inLiveUse: false,
      cipherBackend: 'gnome_libsecret', permissions: { withdrawOff: true, canTrade: true }, ipAllowlistDecision: { choice: 'allowlist-set' },
    });
    expect(saved.verifiedAtMs).toBeTypeOf('number');
    expect((await app.value<KeyList>('listKeys')).keys.map((key) => key.id)).toEqual([saved.id]);
  });

  it('holds a check only once: after saving, the same id cannot save a second copy', async () => {
    app = await startKeysCore();
    const checked = await app.value<PendingKeyView>('verifyNewKey', binanceLive);
    await app.value('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'declined' });
    const again = await app.call('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'declined' });
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW', message: expect.stringContaining('Paste the key again') as unknown } });
  });

  it('forgets a discarded check', async () => {
    app = await startKeysCore();
    const checked = await app.value<PendingKeyView>('verifyNewKey', binanceLive);
    expect(await app.value('discardNewKey', { verificationId: checked.verificationId })).toEqual({ discarded: true });
    expect(await app.call('recheckNewKey', { verificationId: checked.verificationId })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW' } });
  });

  it('reports an unreachable or refusing exchange as unknown and does not let the key be saved', async () => {
    app = await startKeysCore();
    app.fake.faults.add({ method: 'GET', path: '/sapi/v1/account/apiRestrictions', times: 1, fault: { kind: 'serverError', status: 500 } });
    const checked = await app.value<PendingKeyView>('verifyNewKey', binanceLive);
    expect(checked.check.verdict).toBe('unknown');
    expect(checked.canSave).toBe(false);
    expect(checked.check.reason).toContain('Ballast could not confirm');
    expect(checked.check.technicalDetail).toMatch(/^EXCHANGE_ERROR: /);
    expect(await app.call('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'declined' }))
      .toMatchObject({ ok: false, error: { code: 'REFUSED' } });
  });

  it('refuses a second key with the same exchange, environment and name before asking the exchange', async () => {
    app = await startKeysCore();
    const first = await app.value<PendingKeyView>('verifyNewKey', binanceLive);
    await app.value('saveVerifiedKey', { verificationId: first.verificationId, ipAllowlistChoice: 'declined' });
    const requestsBefore = app.fake.inspect.requests().length;
    const second = await app.call('verifyNewKey', binanceLive);
    expect(second).toMatchObject({ ok: false, error: { code: 'REFUSED', message: expect.stringContaining('Choose another name') as unknown } });
    expect(app.fake.inspect.requests().length).toBe(requestsBefore);
  });

  it('asks for the passphrase where the exchange has one, and refuses one where it has none', async () => {
    app = await startKeysCore();
    const okx = await app.call('verifyNewKey', { ...binanceLive, exchange: 'okx' });
    expect(okx).toMatchObject({ ok: false, error: { code: 'REFUSED', message: 'OKX keys come with a passphrase. Paste it too.' } });
    const binance = await app.call('verifyNewKey', { ...binanceLive, passphrase: CANARY.passphrase });
    expect(binance).toMatchObject({ ok: false, error: { code: 'REFUSED', message: 'Binance keys have no passphrase. Leave that field empty.' } });
  });

  it('rotates a key: the new credentials replace the old ones under the same name and id', async () => {
    app = await startKeysCore();
    const first = await app.value<PendingKeyView>('verifyNewKey', binanceLive);
    const saved = await app.value<KeyView>('saveVerifiedKey', { verificationId: first.verificationId, ipAllowlistChoice: 'declined' });
    const before = await readFile(app.storePath, 'utf8');

    const replacement = await app.value<PendingKeyView>('verifyNewKey', { ...binanceLive, label: 'ignored for a rotation', replacesKeyId: saved.id });
    expect(replacement).toMatchObject({ label: 'Main account', replacesKeyId: saved.id, canSave: true });
    const rotated = await app.value<KeyView>('saveVerifiedKey', { verificationId: replacement.verificationId, ipAllowlistChoice: 'allowlist-set' });
    expect(rotated).toMatchObject({ id: saved.id, label: 'Main account', ipAllowlistDecision: { choice: 'allowlist-set' } });
    expect((await app.value<KeyList>('listKeys')).keys).toHaveLength(1);
    // Fresh random nonce: the stored ciphertext changed even though the fake key is the same.
    expect(await readFile(app.storePath, 'utf8')).not.toBe(before);

    const wrongExchange = await app.call('verifyNewKey', { ...binanceLive, exchange: 'kraken', replacesKeyId: saved.id });
    expect(wrongExchange).toMatchObject({ ok: false, error: { code: 'REFUSED', message: expect.stringContaining('Binance live key') as unknown } });
  });

  it('re-verifies a saved key with the exchange and records the answer', async () => {
    app = await startKeysCore();
    const first = await app.value<PendingKeyView>('verifyNewKey', binanceLive);
    const saved = await app.value<KeyView>('saveVerifiedKey', { verificationId: first.verificationId, ipAllowlistChoice: 'declined' });
    app.fake.account.setPermissions({ enableWithdrawals: true });
    const again = await app.value<{ key: KeyView; check: { verdict: string } }>('reverifyKey', { keyId: saved.id });
    expect(again.check.verdict).toBe('can-withdraw');
    expect(again.key.permissions?.withdrawOff).toBe(false);
    expect(again.key.verifiedAtMs).toBe(saved.verifiedAtMs);
  });

  it('deletes a key and leaves no ciphertext of it in the file', async () => {
    app = await startKeysCore();
    const first = await app.value<PendingKeyView>('verifyNewKey', binanceLive);
    const saved = await app.value<KeyView>('saveVerifiedKey', { verificationId: first.verificationId, ipAllowlistChoice: 'declined' });
    const record = JSON.parse(await readFile(app.storePath, 'utf8')) as { records: Record<string, { ciphertextBase64: string }> };
    const ciphertext = record.records[saved.id]!.ciphertextBase64;
    expect(ciphertext.length).toBeGreaterThan(20);

    expect(await app.call('deleteKey', { keyId: saved.id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await app.value('deleteKey', { keyId: saved.id, confirmed: true })).toEqual({ deletedKeyId: saved.id });
    expect(await readFile(app.storePath, 'utf8')).not.toContain(ciphertext);
    expect((await app.value<KeyList>('listKeys')).keys).toEqual([]);
  });

  it('lists a damaged record so it can be deleted, and deletes it', async () => {
    app = await startKeysCore();
    await app.store.put('broken', { formatVersion: 1 } as never);
    const listing = await app.value<KeyList>('listKeys');
    expect(listing.damaged).toEqual([{ id: 'broken', reason: expect.stringContaining('damaged') as unknown }]);
    await app.value('deleteKey', { keyId: 'broken', confirmed: true });
    expect((await app.value<KeyList>('listKeys')).damaged).toEqual([]);
  });

  it('keeps the pasted key only as ciphertext on disk', async () => {
    app = await startKeysCore();
    const first = await app.value<PendingKeyView>('verifyNewKey', binanceLive);
    await app.value('saveVerifiedKey', { verificationId: first.verificationId, ipAllowlistChoice: 'declined' });
    const file = await readFile(app.storePath, 'utf8');
    for (const canary of CANARY_VALUES) expect(file).not.toContain(canary);
    expect(file).not.toContain('CANARY');
  });
});
