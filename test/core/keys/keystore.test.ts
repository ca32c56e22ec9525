import { afterEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  InMemoryKeyRecordStore, JsonFileKeyRecordStore, Keystore, KeysError, makeSecret, revealSecret,
  type ExchangeCredentials, type KeyRecordStore, type PermissionReport, type StoredKeyRecord,
} from '../../../core/keys/index.ts';
import { StandInOsCipher, fastPassphraseCipher } from './support/testCiphers.ts';
import { removeTempDirs, tempDir } from '../../support/tempDirs.ts';

// Runs after the hooks below (they close what uses the folders), then removes the folders.
afterEach(removeTempDirs);

const DAY_MS = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const API_KEY = 'AbCdFAKE-KEY-CANARY-00000000wXyZ';
const SECRET = 'FAKE-SECRET-CANARY-7f3a';

const credentials = (apiKey = API_KEY, secret = SECRET): ExchangeCredentials => ({
  apiKey: makeSecret(apiKey),
  secret: makeSecret(secret),
  passphrase: makeSecret('FAKE-PASS-CANARY-01'),
});

function report(overrides: Partial<PermissionReport> = {}): PermissionReport {
  return {
    exchange: 'okx', endpoint: 'GET /api/v5/account/config', checkedAtMs: T0 + DAY_MS,
    canWithdraw: false, canTrade: true, marginEnabled: false, futuresEnabled: false, ipRestricted: true,
    ipAllowlist: ['203.0.113.7'], problems: [], fieldsConsulted: ['data[0].perm'], ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<KeysError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KeysError) return error;
    throw error;
  }
  throw new Error('expected a KeysError');
}

function keystore(options: { store?: KeyRecordStore; cipher?: StandInOsCipher | ReturnType<typeof fastPassphraseCipher>; now?: () => number } = {}) {
  let counter = 0;
  return new Keystore({
    cipher: options.cipher ?? new StandInOsCipher('gnome_libsecret'),
    store: options.store ?? new InMemoryKeyRecordStore(),
    nowMs: options.now ?? (() => T0),
    newId: () => `key-${++counter}`,
  });
}

describe('Keystore', () => {
  it('keeps testnet and live keys apart per exchange and label, and lists only public facts', async () => {
    const store = new InMemoryKeyRecordStore();
    const keys = keystore({ store });
    await keys.save({ exchange: 'okx', environment: 'testnet', label: 'main', credentials: credentials() });
    await keys.save({ exchange: 'okx', environment: 'live', label: 'main', credentials: credentials() });
    await keys.save({ exchange: 'binance', environment: 'live', label: 'main', credentials: credentials() });
    const { keys: listed, damaged } = await keys.list();
    expect(damaged).toEqual([]);
    expect(listed.map((k) => `${k.exchange}/${k.environment}/${k.label}`)).toEqual(['binance/live/main', 'okx/live/main', 'okx/testnet/main']);
    expect(listed[0]).toMatchObject({ maskedKeyId: 'AbCd…wXyZ', savedAtMs: T0, ageDays: 0, rotation: 'fresh', cipherBackend: 'gnome_libsecret' });
    const text = JSON.stringify(listed);
    expect(text).not.toContain('CANARY');
    expect(text).not.toContain('ciphertext');
  });

  it('stores only ciphertext and gives the credentials back through readCredentials', async () => {
    const store = new InMemoryKeyRecordStore();
    const keys = keystore({ store });
    const saved = await keys.save({ exchange: 'okx', environment: 'live', label: 'main', credentials: credentials() });
    expect(JSON.stringify(await store.entries())).not.toContain('CANARY');
    const read = await keys.readCredentials(saved.id);
    expect(revealSecret(read.apiKey)).toBe(API_KEY);
    expect(revealSecret(read.secret)).toBe(SECRET);
    expect(read.passphrase && revealSecret(read.passphrase)).toBe('FAKE-PASS-CANARY-01');
  });

  it('refuses a live key when the OS backend is basic_text, but keeps a testnet key', async () => {
    const keys = keystore({ cipher: new StandInOsCipher('basic_text') });
    const error = await rejection(keys.save({ exchange: 'okx', environment: 'live', label: 'main', credentials: credentials() }));
    expect(error.code).toBe('WEAK_BACKEND_FOR_LIVE');
    expect(error.message).toMatch(/Set a passphrase/);
    await expect(keys.save({ exchange: 'okx', environment: 'testnet', label: 'main', credentials: credentials() })).resolves.toBeDefined();
  });

  it('refuses a live key on a cipher that calls itself strong but uses basic_text', async () => {
    const keys = keystore({ cipher: new StandInOsCipher('basic_text', true) });
    const error = await rejection(keys.save({ exchange: 'okx', environment: 'live', label: 'main', credentials: credentials() }));
    expect(error.code).toBe('WEAK_BACKEND_FOR_LIVE');
  });

  it('keeps a live key on a basic_text machine when a passphrase protects it', async () => {
    const keys = keystore({ cipher: fastPassphraseCipher() });
    const saved = await keys.save({ exchange: 'okx', environment: 'live', label: 'main', credentials: credentials() });
    expect(saved.cipherBackend).toBe('passphrase');
    expect(revealSecret((await keys.readCredentials(saved.id)).secret)).toBe(SECRET);
  });

  it('refuses to read a key saved under another backend, plainly', async () => {
    const store = new InMemoryKeyRecordStore();
    const saved = await keystore({ store, cipher: new StandInOsCipher('kwallet5') }).save({
      exchange: 'okx', environment: 'live', label: 'main', credentials: credentials(),
    });
    const error = await rejection(keystore({ store, cipher: new StandInOsCipher('gnome_libsecret') }).readCredentials(saved.id));
    expect(error.code).toBe('BACKEND_CHANGED');
    expect(error.message).toContain('"kwallet5"');
    expect(error.message).toMatch(/enter it again/);
  });

  it('refuses to use a live key whose recorded backend is basic_text', async () => {
    const store = new InMemoryKeyRecordStore();
    const keys = keystore({ store, cipher: new StandInOsCipher('basic_text') });
    const saved = await keys.save({ exchange: 'okx', environment: 'testnet', label: 'main', credentials: credentials() });
    const record = (await store.get(saved.id)) as StoredKeyRecord;
    await store.put(saved.id, { ...record, environment: 'live' });
    expect((await rejection(keys.readCredentials(saved.id))).code).toBe('BASIC_TEXT_FOR_LIVE');
  });

  it('reports a wrong passphrase as a plain decryption failure', async () => {
    const store = new InMemoryKeyRecordStore();
    const saved = await keystore({ store, cipher: fastPassphraseCipher('right passphrase') }).save({
      exchange: 'okx', environment: 'live', label: 'main', credentials: credentials(),
    });
    const error = await rejection(keystore({ store, cipher: fastPassphraseCipher('wrong passphrase') }).readCredentials(saved.id));
    expect(error.code).toBe('DECRYPT_FAILED');
    expect(error.message).toMatch(/passphrase is wrong/);
  });

  it('wipes the ciphertext on delete, from a JSON file too', async () => {
    const path = join(tempDir('keys'), 'keys.json');
    const store = new JsonFileKeyRecordStore(path);
    const written: StoredKeyRecord[] = [];
    const spying: KeyRecordStore = {
      get: (id) => store.get(id),
      put: (id, record) => { written.push(record); return store.put(id, record); },
      delete: (id) => store.delete(id),
      entries: () => store.entries(),
    };
    const keys = keystore({ store: spying });
    const kept = await keys.save({ exchange: 'okx', environment: 'live', label: 'kept', credentials: credentials() });
    const doomed = await keys.save({ exchange: 'okx', environment: 'live', label: 'doomed', credentials: credentials() });
    const ciphertext = ((await store.get(doomed.id)) as StoredKeyRecord).ciphertextBase64;
    expect(await readFile(path, 'utf8')).toContain(ciphertext);
    await keys.delete(doomed.id);
    expect(written.at(-1)).toMatchObject({ id: doomed.id, ciphertextBase64: '' });
    const file = await readFile(path, 'utf8');
    expect(file).not.toContain(ciphertext);
    expect(file).not.toContain(doomed.id);
    expect((await keys.list()).keys.map((k) => k.id)).toEqual([kept.id]);
    expect((await rejection(keys.readCredentials(doomed.id))).code).toBe('KEY_NOT_FOUND');
  });

  it('refuses a second key with the same name, a blank name and blank credentials', async () => {
    const keys = keystore();
    await keys.save({ exchange: 'okx', environment: 'live', label: 'main', credentials: credentials() });
    expect((await rejection(keys.save({ exchange: 'okx', environment: 'live', label: ' main ', credentials: credentials() }))).code).toBe('LABEL_TAKEN');
    expect((await rejection(keys.save({ exchange: 'okx', environment: 'live', label: '   ', credentials: credentials() }))).code).toBe('INVALID_INPUT');
    expect((await rejection(keys.save({ exchange: 'okx', environment: 'live', label: 'x', credentials: credentials(API_KEY, ' ') }))).code).toBe('INVALID_INPUT');
  });

  it('records verification only when the exchange reported withdrawals off', async () => {
    const keys = keystore();
    const saved = await keys.save({ exchange: 'okx', environment: 'live', label: 'main', credentials: credentials() });
    const refused = await keys.recordPermissionReport(saved.id, report({ canWithdraw: true }));
    expect(refused.verifiedAtMs).toBeUndefined();
    expect(refused.permissions).toMatchObject({ withdrawOff: false, canWithdraw: true });
    const accepted = await keys.recordPermissionReport(saved.id, report());
    expect(accepted.verifiedAtMs).toBe(T0 + DAY_MS);
    expect(accepted.permissions).toMatchObject({ withdrawOff: true, ipRestricted: true, ipAllowlist: ['203.0.113.7'] });
    // The exchange reports an allowlist: that wins over the person's answer.
    const decided = await keys.recordIpAllowlistDecision(saved.id, 'declined');
    expect(decided.ipAllowlistDecision).toEqual({ choice: 'allowlist-set', decidedAtMs: T0, source: 'exchange' });
    // Where the exchange does not say, the person's answer is kept, marked as theirs.
    await keys.recordPermissionReport(saved.id, report({ ipRestricted: 'unknown' }));
    expect((await keys.recordIpAllowlistDecision(saved.id, 'declined')).ipAllowlistDecision).toEqual({ choice: 'declined', decidedAtMs: T0, source: 'person' });
  });

  it('ages keys from the exchange-reported creation date and asks for rotation', async () => {
    let now = T0;
    const keys = keystore({ now: () => now });
    const saved = await keys.save({ exchange: 'okx', environment: 'live', label: 'main', credentials: credentials() });
    now = T0 + 29 * DAY_MS;
    expect((await keys.get(saved.id)).rotation).toBe('fresh');
    now = T0 + 30 * DAY_MS;
    expect((await keys.get(saved.id))).toMatchObject({ ageDays: 30, rotation: 'rotate-soon' });
    await keys.recordPermissionReport(saved.id, report({ keyCreatedAtMs: T0 - 60 * DAY_MS }));
    expect((await keys.get(saved.id))).toMatchObject({ ageDays: 90, rotation: 'rotate-now', keyCreatedAtMs: T0 - 60 * DAY_MS });
  });

  it('replaces credentials on rotation and forgets the old verification', async () => {
    const keys = keystore();
    const saved = await keys.save({ exchange: 'okx', environment: 'live', label: 'main', credentials: credentials() });
    await keys.recordPermissionReport(saved.id, report());
    const rotated = await keys.replaceCredentials(saved.id, credentials('NewKFAKE-KEY-CANARY-11111111abcd', 'FAKE-SECRET-CANARY-new'));
    expect(rotated).toMatchObject({ id: saved.id, label: 'main', maskedKeyId: 'NewK…abcd' });
    expect(rotated.verifiedAtMs).toBeUndefined();
    expect(rotated.permissions).toBeUndefined();
    expect(revealSecret((await keys.readCredentials(saved.id)).secret)).toBe('FAKE-SECRET-CANARY-new');
  });

  it('lists damaged records instead of hiding them, and refuses a damaged file plainly', async () => {
    const store = new InMemoryKeyRecordStore();
    const keys = keystore({ store });
    await keys.save({ exchange: 'okx', environment: 'live', label: 'main', credentials: credentials() });
    await store.put('broken', { nonsense: true } as unknown as StoredKeyRecord);
    const listing = await keys.list();
    expect(listing.keys).toHaveLength(1);
    expect(listing.damaged.map((d) => d.id)).toEqual(['broken']);
    expect(listing.damaged[0]?.reason).toMatch(/damaged/);

    const path = join(tempDir('keys'), 'keys.json');
    await writeFile(path, '{ this is not json');
    expect((await rejection(keystore({ store: new JsonFileKeyRecordStore(path) }).list())).code).toBe('STORE_DAMAGED');
  });
});
