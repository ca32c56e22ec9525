import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/index.ts';
import { EXCHANGE_NAMES, exchangeIdSchema, keyEnvironmentSchema, type ExchangeId, type KeyEnvironment } from './exchangeId.ts';
import { KeysError } from './keysError.ts';
import { CipherError, WEAK_CIPHER_BACKENDS, isCipherStrong, type SecretCipher } from './secretCipher.ts';
import { storedKeyRecordSchema, type IpAllowlistDecision, type KeyRecordStore, type StoredKeyRecord } from './keyRecord.ts';
import { bundleCredentials, checkCredentials, unbundleCredentials } from './credentialBundle.ts';
import { maskedKeyId } from './maskedKeyId.ts';
import { summarise, type KeySummary } from './keySummary.ts';
import { DEFAULT_ROTATION_POLICY, type RotationPolicy } from './keyAge.ts';
import { withdrawVerdict, type PermissionReport } from './permissions/permissionReport.ts';
import type { ExchangeCredentials } from './permissions/exchangeClient.ts';

export interface KeystoreOptions {
  readonly cipher: SecretCipher;
  readonly store: KeyRecordStore;
  readonly nowMs?: () => number;
  readonly logger?: Logger;
  readonly rotationPolicy?: RotationPolicy;
  readonly newId?: () => string;
}

export interface SaveKeyInput {
  readonly exchange: ExchangeId;
  readonly environment: KeyEnvironment;
  readonly label: string;
  readonly credentials: ExchangeCredentials;
}

export interface KeyListing {
  readonly keys: KeySummary[];
  /** Records that could not be read; shown so the person can delete them, never skipped silently. */
  readonly damaged: ReadonlyArray<{ id: string; reason: string }>;
}

const MAX_LABEL_CHARS = 64;

function cleanLabel(label: string): string {
  const trimmed = label.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_LABEL_CHARS || /\p{Cc}/u.test(trimmed)) {
    throw new KeysError('INVALID_INPUT', `Give the key a name of 1 to ${MAX_LABEL_CHARS} characters.`);
  }
  return trimmed;
}

/**
 * Saved exchange keys, encrypted with a SecretCipher and kept in a KeyRecordStore. Separate per
 * environment (testnet, live) and exchange, with a label. Only public facts ever leave it
 * (exchange, label, masked key id, permissions, dates); the credentials come out only through
 * `readCredentials`, for the main process to hand to ccxt.
 */
export class Keystore {
  readonly #cipher: SecretCipher;
  readonly #store: KeyRecordStore;
  readonly #nowMs: () => number;
  readonly #logger: Logger | undefined;
  readonly #rotationPolicy: RotationPolicy;
  readonly #newId: () => string;

  constructor(options: KeystoreOptions) {
    this.#cipher = options.cipher;
    this.#store = options.store;
    this.#nowMs = options.nowMs ?? Date.now;
    this.#logger = options.logger;
    this.#rotationPolicy = options.rotationPolicy ?? DEFAULT_ROTATION_POLICY;
    this.#newId = options.newId ?? randomUUID;
  }

  async save(input: SaveKeyInput): Promise<KeySummary> {
    const exchange = exchangeIdSchema.safeParse(input.exchange);
    const environment = keyEnvironmentSchema.safeParse(input.environment);
    if (!exchange.success || !environment.success) {
      throw new KeysError('INVALID_INPUT', 'Choose one of the supported exchanges, and testnet or live.');
    }
    return this.#saveNew(exchange.data, environment.data, input);
  }

  async #saveNew(exchange: ExchangeId, environment: KeyEnvironment, input: SaveKeyInput): Promise<KeySummary> {
    const label = cleanLabel(input.label);
    checkCredentials(input.credentials);
    this.#refuseWeakCipherFor(environment);
    const { keys } = await this.list();
    if (keys.some((key) => key.exchange === exchange && key.environment === environment && key.label === label)) {
      throw new KeysError('LABEL_TAKEN', `You already have a ${EXCHANGE_NAMES[exchange]} ${environment} key called "${label}". Choose another name.`);
    }
    const record: StoredKeyRecord = {
      formatVersion: 1,
      id: this.#newId(),
      exchange,
      environment,
      label,
      maskedKeyId: maskedKeyId(input.credentials.apiKey),
      ...(await this.#encrypt(input.credentials)),
      savedAtMs: this.#nowMs(),
    };
    await this.#store.put(record.id, record);
    this.#log('key saved', record);
    return this.#summary(record);
  }

  /** Rotation: new credentials under the same name; old verification no longer applies. */
  async replaceCredentials(id: string, credentials: ExchangeCredentials): Promise<KeySummary> {
    checkCredentials(credentials);
    const old = await this.#load(id);
    this.#refuseWeakCipherFor(old.environment);
    const record: StoredKeyRecord = {
      formatVersion: 1,
      id: old.id,
      exchange: old.exchange,
      environment: old.environment,
      label: old.label,
      maskedKeyId: maskedKeyId(credentials.apiKey),
      ...(await this.#encrypt(credentials)),
      savedAtMs: this.#nowMs(),
    };
    await this.#store.put(id, record);
    this.#log('key replaced', record);
    return this.#summary(record);
  }

  async readCredentials(id: string): Promise<ExchangeCredentials> {
    const record = await this.#load(id);
    if (record.cipherBackend !== this.#cipher.backend) {
      throw new KeysError(
        'BACKEND_CHANGED',
        `This key was saved with "${record.cipherBackend}" encryption, but Ballast is now using "${this.#cipher.backend}". ` +
          'Ballast will not guess how to read it. Delete the key and enter it again.',
      );
    }
    if (record.environment === 'live' && WEAK_CIPHER_BACKENDS.includes(record.cipherBackend)) {
      throw new KeysError(
        'BASIC_TEXT_FOR_LIVE',
        'This live key is stored without real encryption on this computer, so Ballast will not use it. Set a passphrase, then enter the key again.',
      );
    }
    let bundle;
    try {
      bundle = await this.#cipher.decrypt(Buffer.from(record.ciphertextBase64, 'base64'));
    } catch (error) {
      const message = error instanceof CipherError ? error.message : 'The saved key could not be decrypted.';
      throw new KeysError('DECRYPT_FAILED', message);
    }
    return unbundleCredentials(bundle);
  }

  async recordPermissionReport(id: string, report: PermissionReport): Promise<KeySummary> {
    const record = await this.#load(id);
    const updated: StoredKeyRecord = { ...record, lastPermissionReport: report };
    if (withdrawVerdict(report).accepted) updated.verifiedAtMs = report.checkedAtMs;
    await this.#store.put(id, updated);
    this.#log('key permissions recorded', updated);
    return this.#summary(updated);
  }

  async recordIpAllowlistDecision(id: string, choice: IpAllowlistDecision['choice']): Promise<KeySummary> {
    const record = await this.#load(id);
    const reported = record.lastPermissionReport?.ipRestricted;
    const decision: IpAllowlistDecision =
      typeof reported === 'boolean'
        ? { choice: reported ? 'allowlist-set' : 'declined', decidedAtMs: this.#nowMs(), source: 'exchange' }
        : { choice, decidedAtMs: this.#nowMs(), source: 'person' };
    const updated: StoredKeyRecord = { ...record, ipAllowlistDecision: decision };
    await this.#store.put(id, updated);
    return this.#summary(updated);
  }

  /** Overwrites the ciphertext before removing the record, so no copy of it is left in the store. */
  async delete(id: string): Promise<void> {
    const record = await this.#load(id);
    await this.#store.put(id, { ...record, ciphertextBase64: '' });
    await this.#store.delete(id);
    this.#log('key deleted', record);
  }

  async get(id: string): Promise<KeySummary> {
    return this.#summary(await this.#load(id));
  }

  async list(): Promise<KeyListing> {
    const keys: KeySummary[] = [];
    const damaged: Array<{ id: string; reason: string }> = [];
    for (const [id, raw] of await this.#store.entries()) {
      const parsed = storedKeyRecordSchema.safeParse(raw);
      if (parsed.success) keys.push(this.#summary(parsed.data));
      else damaged.push({ id, reason: 'This saved key is damaged and cannot be used. Delete it and enter the key again.' });
    }
    keys.sort((a, b) => a.exchange.localeCompare(b.exchange) || a.environment.localeCompare(b.environment) || a.label.localeCompare(b.label));
    return { keys, damaged };
  }

  #refuseWeakCipherFor(environment: KeyEnvironment): void {
    if (environment === 'live' && !isCipherStrong(this.#cipher)) {
      throw new KeysError(
        'WEAK_BACKEND_FOR_LIVE',
        `This computer does not offer real encryption for saved keys (it reports "${this.#cipher.backend}"). ` +
          'Ballast will not keep a live key like that. Set a passphrase in Ballast to protect live keys.',
      );
    }
  }

  async #encrypt(credentials: ExchangeCredentials): Promise<Pick<StoredKeyRecord, 'cipherBackend' | 'ciphertextBase64'>> {
    const bytes = await this.#cipher.encrypt(bundleCredentials(credentials));
    return { cipherBackend: this.#cipher.backend, ciphertextBase64: Buffer.from(bytes).toString('base64') };
  }

  async #load(id: string): Promise<StoredKeyRecord> {
    const raw = await this.#store.get(id);
    if (raw === undefined) throw new KeysError('KEY_NOT_FOUND', 'That saved key no longer exists.');
    const parsed = storedKeyRecordSchema.safeParse(raw);
    if (!parsed.success || parsed.data.id !== id) {
      throw new KeysError('STORE_DAMAGED', 'This saved key is damaged and cannot be used. Delete it and enter the key again.');
    }
    return parsed.data;
  }

  #summary(record: StoredKeyRecord): KeySummary {
    return summarise(record, this.#nowMs(), this.#rotationPolicy);
  }

  #log(message: string, record: StoredKeyRecord): void {
    this.#logger?.info(
      { keyId: record.id, exchange: record.exchange, environment: record.environment, label: record.label, maskedKeyId: record.maskedKeyId },
      message,
    );
  }
}
