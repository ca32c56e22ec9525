import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { ContractError } from '../../core/contract/index.ts';
import { CipherError, InMemoryKeyRecordStore, Keystore, KeysError, isCipherStrong, makeSecret, revealSecret } from '../../core/keys/index.ts';
import { createLogger } from '../../core/log/index.ts';
import { SafeStorageCipher, isOsCipherStrong, osCipherBackend, type SafeStoragePort } from '../../electron/main/safeStorageCipher.ts';

/** Stands in for Electron's safeStorage: reversible, tagged, and it remembers every plaintext it was given. */
class FakeSafeStorage implements SafeStoragePort {
  readonly plaintextsSeen: string[] = [];
  available = true;
  backend: ReturnType<SafeStoragePort['getSelectedStorageBackend']> = 'gnome_libsecret';
  shouldReEncrypt = false;
  isAsyncEncryptionAvailable() { return Promise.resolve(this.available); }
  getSelectedStorageBackend() { return this.backend; }
  encryptStringAsync(plainText: string) {
    this.plaintextsSeen.push(plainText);
    return Promise.resolve(Buffer.from(`v11${Buffer.from(plainText).reverse().toString('base64')}`));
  }
  decryptStringAsync(encrypted: Buffer) {
    const text = encrypted.toString();
    if (!text.startsWith('v11')) return Promise.reject(new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'));
    return Promise.resolve({ result: Buffer.from(text.slice(3), 'base64').reverse().toString(), shouldReEncrypt: this.shouldReEncrypt });
  }
}

describe('osCipherBackend', () => {
  it('names the keychain on macOS and DPAPI on Windows without asking Linux questions', () => {
    const never = () => { throw new Error('not on Linux'); };
    expect(osCipherBackend('darwin', never)).toBe('keychain');
    expect(osCipherBackend('win32', never)).toBe('dpapi');
  });

  it('takes the password store Electron picked on Linux, and anything unnamed is unknown', () => {
    for (const named of ['basic_text', 'gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'] as const) {
      expect(osCipherBackend('linux', () => named)).toBe(named);
    }
    expect(osCipherBackend('linux', () => 'unknown')).toBe('unknown');
    expect(osCipherBackend('linux', () => 'some_future_store')).toBe('unknown');
    expect(osCipherBackend('freebsd', () => 'basic_text')).toBe('basic_text');
  });
});

describe('isOsCipherStrong', () => {
  it('is weak for basic_text and unknown, and whenever encryption is unavailable', () => {
    expect(isOsCipherStrong('gnome_libsecret', true)).toBe(true);
    expect(isOsCipherStrong('keychain', true)).toBe(true);
    expect(isOsCipherStrong('basic_text', true)).toBe(false);
    expect(isOsCipherStrong('unknown', true)).toBe(false);
    expect(isOsCipherStrong('dpapi', false)).toBe(false);
  });
});

describe('SafeStorageCipher', () => {
  it('round-trips key material through the async API and reports a strong backend', async () => {
    const safeStorage = new FakeSafeStorage();
    const cipher = await SafeStorageCipher.create(safeStorage, 'linux');
    expect(cipher.backend).toBe('gnome_libsecret');
    expect(isCipherStrong(cipher)).toBe(true);
    const bytes = await cipher.encrypt(makeSecret('FAKE-SECRET-CANARY-electron'));
    expect(Buffer.from(bytes).toString()).not.toContain('FAKE-SECRET-CANARY-electron');
    expect(revealSecret(await cipher.decrypt(bytes))).toBe('FAKE-SECRET-CANARY-electron');
  });

  it('on basic_text is weak, so the keystore refuses live keys with the plain reason', async () => {
    const safeStorage = new FakeSafeStorage();
    safeStorage.backend = 'basic_text';
    const cipher = await SafeStorageCipher.create(safeStorage, 'linux');
    expect(cipher.isStrong).toBe(false);
    const keystore = new Keystore({ cipher, store: new InMemoryKeyRecordStore() });
    const save = keystore.save({ exchange: 'binance', environment: 'live', label: 'x', credentials: { apiKey: makeSecret('FAKE-KEY'), secret: makeSecret('FAKE-SECRET') } });
    await expect(save).rejects.toMatchObject({ code: 'WEAK_BACKEND_FOR_LIVE' });
    await expect(save).rejects.toThrow(/basic_text/);
  });

  it('records the backend with each key, so a later change of password store is refused, not guessed', async () => {
    const store = new InMemoryKeyRecordStore();
    const before = new FakeSafeStorage();
    const saved = await new Keystore({ cipher: await SafeStorageCipher.create(before, 'linux'), store }).save({
      exchange: 'kraken', environment: 'live', label: 'x', credentials: { apiKey: makeSecret('FAKE-KEY'), secret: makeSecret('FAKE-SECRET') },
    });
    expect(saved.cipherBackend).toBe('gnome_libsecret');
    const after = new FakeSafeStorage();
    after.backend = 'kwallet6';
    const read = new Keystore({ cipher: await SafeStorageCipher.create(after, 'linux'), store }).readCredentials(saved.id);
    await expect(read).rejects.toBeInstanceOf(KeysError);
    await expect(read).rejects.toMatchObject({ code: 'BACKEND_CHANGED' });
  });

  it('refuses to encrypt when the computer offers no encryption at all, and says what to do', async () => {
    const safeStorage = new FakeSafeStorage();
    safeStorage.available = false;
    const cipher = await SafeStorageCipher.create(safeStorage, 'win32');
    expect(cipher.isStrong).toBe(false);
    await expect(cipher.encrypt(makeSecret('FAKE-SECRET'))).rejects.toBeInstanceOf(ContractError);
    await expect(cipher.encrypt(makeSecret('FAKE-SECRET'))).rejects.toThrow(/Set a passphrase/);
    expect(safeStorage.plaintextsSeen).toEqual([]);
  });

  it('turns a decryption failure into a plain CipherError, without safeStorage’s internal message', async () => {
    const cipher = await SafeStorageCipher.create(new FakeSafeStorage(), 'darwin');
    const failure = cipher.decrypt(Buffer.from('garbage'));
    await expect(failure).rejects.toBeInstanceOf(CipherError);
    await expect(failure).rejects.not.toThrow(/safeStorage/);
  });

  it('logs the backend at start and a re-encryption hint, never the key', async () => {
    const lines: string[] = [];
    const log = createLogger({ destination: new Writable({ write(chunk: Buffer, _e, done) { lines.push(chunk.toString()); done(); } }) });
    const safeStorage = new FakeSafeStorage();
    safeStorage.shouldReEncrypt = true;
    const cipher = await SafeStorageCipher.create(safeStorage, 'linux', log);
    await cipher.decrypt(await cipher.encrypt(makeSecret('FAKE-SECRET-CANARY-electron')));
    expect(lines.join('')).toContain('"backend":"gnome_libsecret"');
    expect(lines.join('')).toContain('re-encrypting');
    expect(lines.join('')).not.toContain('CANARY');
  });
});
