import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { KeyEncryptionView, KeyList, KeyView, PendingKeyView } from '../../../core/contract/index.ts';
import { createLogger } from '../../../core/log/index.ts';
import { createBallastCore } from '../../../core/runtime/index.ts';
import { StandInOsCipher } from '../keys/support/testCiphers.ts';
import { CANARY, startFakeWithCanary, startKeysCore, type KeysCoreUnderTest } from './support/keysCore.ts';
import type { FakeExchange } from '../../fake-exchange/index.ts';
import { removeTempDirs, tempDir } from '../../support/tempDirs.ts';

// Runs after the hooks below (they close what uses the folders), then removes the folders.
afterEach(removeTempDirs);
// A permission read still in flight when a test's core is closed may write the key file again.
afterAll(removeTempDirs);

const opened: KeysCoreUnderTest[] = [];
let fake: FakeExchange | undefined;
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
  await fake?.close();
  fake = undefined;
});

async function start(options: Parameters<typeof startKeysCore>[0] = {}): Promise<KeysCoreUnderTest> {
  const app = await startKeysCore(options);
  opened.push(app);
  return app;
}

const liveKey = { exchange: 'binance', environment: 'live', label: 'Main', apiKey: CANARY.apiKey, secret: CANARY.secret };

describe('key encryption status', () => {
  it('reports a real keyring plainly and allows live keys', async () => {
    const app = await start({ osCipher: new StandInOsCipher('keychain') });
    expect(await app.value<KeyEncryptionView>('getKeyEncryption')).toEqual({
      state: 'os-strong', osBackend: 'keychain', osStrong: true, activeBackend: 'keychain', liveKeysAllowed: true,
      lockedKeyCount: 0, backendChangedKeyCount: 0, passphraseMinLength: 8,
    });
  });

  it('on basic_text refuses to save a live key until a passphrase is set, then saves it without pasting it again', async () => {
    const app = await start({ osCipher: new StandInOsCipher('basic_text') });
    expect(await app.value<KeyEncryptionView>('getKeyEncryption')).toMatchObject({ state: 'os-weak', osStrong: false, liveKeysAllowed: false });

    const checked = await app.value<PendingKeyView>('verifyNewKey', liveKey);
    expect(checked.canSave).toBe(true);
    const refused = await app.call('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'declined' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'REFUSED', message: expect.stringContaining('Set a passphrase') as unknown } });

    expect(await app.call('setKeyPassphrase', { passphrase: 'short' }))
      .toMatchObject({ ok: false, error: { code: 'REFUSED', message: 'Choose a passphrase of at least 8 characters.' } });
    // Eight spaces are eight characters, and protect nothing.
    expect(await app.call('setKeyPassphrase', { passphrase: '        ' }))
      .toMatchObject({ ok: false, error: { code: 'REFUSED', message: expect.stringContaining('only spaces protects nothing') as unknown } });
    expect(await app.call('setKeyPassphrase', { passphrase: 'password123' }))
      .toMatchObject({ ok: false, error: { code: 'REFUSED', message: expect.stringContaining('most common passwords') as unknown } });
    expect(await app.value<KeyEncryptionView>('getKeyEncryption')).toMatchObject({ state: 'os-weak' });
    expect(await app.value<KeyEncryptionView>('setKeyPassphrase', { passphrase: CANARY.keyPassphrase }))
      .toMatchObject({ state: 'passphrase-active', activeBackend: 'passphrase', liveKeysAllowed: true, osBackend: 'basic_text' });

    const saved = await app.value<KeyView>('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'declined' });
    expect(saved).toMatchObject({ cipherBackend: 'passphrase', storage: 'ready' });
  });

  it('after a restart, a passphrase key is locked until the right passphrase is entered', async () => {
    fake = await startFakeWithCanary();
    const first = await start({ osCipher: new StandInOsCipher('basic_text'), fake });
    await first.value('setKeyPassphrase', { passphrase: CANARY.keyPassphrase });
    const checked = await first.value<PendingKeyView>('verifyNewKey', liveKey);
    const saved = await first.value<KeyView>('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'declined' });

    const restarted = await start({ osCipher: new StandInOsCipher('basic_text'), storePath: first.storePath, fake });
    expect(await restarted.value<KeyEncryptionView>('getKeyEncryption')).toMatchObject({ state: 'passphrase-locked', lockedKeyCount: 1 });
    expect((await restarted.value<KeyList>('listKeys')).keys[0]?.storage).toBe('locked');
    expect(await restarted.call('reverifyKey', { keyId: saved.id }))
      .toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW', message: expect.stringContaining('Enter your passphrase') as unknown } });

    expect(await restarted.call('setKeyPassphrase', { passphrase: 'not the right passphrase' }))
      .toMatchObject({ ok: false, error: { code: 'REFUSED', message: expect.stringContaining('does not open your saved keys') as unknown } });
    await restarted.value('setKeyPassphrase', { passphrase: CANARY.keyPassphrase });
    expect((await restarted.value<{ check: { verdict: string } }>('reverifyKey', { keyId: saved.id })).check.verdict).toBe('safe');
  });

  it('reports a key saved under another OS backend as changed and refuses to read it', async () => {
    fake = await startFakeWithCanary();
    const before = await start({ osCipher: new StandInOsCipher('gnome_libsecret'), fake });
    const checked = await before.value<PendingKeyView>('verifyNewKey', liveKey);
    const saved = await before.value<KeyView>('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'declined' });

    const after = await start({ osCipher: new StandInOsCipher('kwallet6'), storePath: before.storePath, fake });
    expect(await after.value<KeyEncryptionView>('getKeyEncryption')).toMatchObject({ state: 'os-strong', backendChangedKeyCount: 1 });
    expect((await after.value<KeyList>('listKeys')).keys[0]).toMatchObject({ storage: 'backend-changed', cipherBackend: 'gnome_libsecret' });
    const reverify = await after.call('reverifyKey', { keyId: saved.id });
    expect(reverify).toMatchObject({ ok: false, error: { code: 'REFUSED', message: expect.stringContaining('"gnome_libsecret"') as unknown } });
    const gate = await after.call('getLiveGate', { keyId: saved.id, typedConfirmation: '' });
    expect(gate).toMatchObject({ ok: false, error: { code: 'REFUSED', message: expect.stringContaining('different kind of encryption') as unknown } });
  });

  it('without any cipher, a core refuses to save keys and says why', async () => {
    const core = createBallastCore({ dataDir: tempDir('core'), version: 'test', log: createLogger({ level: 'silent' }) });
    expect(await core.dispatch('getKeyEncryption', undefined)).toMatchObject({ ok: true, value: { state: 'os-weak', osBackend: 'unknown', liveKeysAllowed: false } });
    core.dispose();
  });

  it('never writes the passphrase or the key to the key file', async () => {
    const app = await start({ osCipher: new StandInOsCipher('basic_text') });
    await app.value('setKeyPassphrase', { passphrase: CANARY.keyPassphrase });
    const checked = await app.value<PendingKeyView>('verifyNewKey', liveKey);
    await app.value('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'declined' });
    expect(await readFile(app.storePath, 'utf8')).not.toContain('CANARY');
  });
});
