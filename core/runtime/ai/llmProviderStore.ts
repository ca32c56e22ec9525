import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ContractError } from '../../contract/index.ts';
import { makeSecret, revealSecret, type Secret, type SecretCipher } from '../../keys/index.ts';
import type { Logger } from '../../log/index.ts';
import { AdvisorSettingsSchema, DEFAULT_ADVISOR_SETTINGS, type AdvisorSettings } from '../../signals/llm/index.ts';

/** The key file: which cipher made it, and the ciphertext. Never the key. */
const KeyFileSchema = z.strictObject({ backend: z.string(), ciphertextBase64: z.string().min(1) });

export interface LlmKeyCiphers {
  /** The cipher new secrets are saved with (the same as new exchange keys: the passphrase once entered, else the OS). */
  readonly cipherForNewSecrets: SecretCipher;
  /** The cipher that can read a secret saved with `backend`, or null while none can. */
  cipherToRead(backend: string): SecretCipher | null;
}

/**
 * The LLM provider's settings (off by default) and its API key. The key is encrypted with the
 * same cipher as exchange keys and kept in its own file; it is read only inside a request to the
 * provider (`readApiKey`), never returned to the page, logged or journaled. A damaged settings
 * file means "off", said in the log.
 */
export class LlmProviderStore {
  readonly #folder: string;
  readonly #ciphers: LlmKeyCiphers;
  readonly #log: Logger;

  constructor(folder: string, ciphers: LlmKeyCiphers, log: Logger) {
    this.#folder = folder;
    this.#ciphers = ciphers;
    this.#log = log;
    mkdirSync(folder, { recursive: true });
  }

  get #settingsPath(): string {
    return join(this.#folder, 'llm-provider.json');
  }

  get #keyPath(): string {
    return join(this.#folder, 'llm-key.json');
  }

  isConfigured(): boolean {
    return existsSync(this.#settingsPath);
  }

  settings(): AdvisorSettings {
    if (!this.isConfigured()) return DEFAULT_ADVISOR_SETTINGS;
    try {
      const parsed = AdvisorSettingsSchema.safeParse(JSON.parse(readFileSync(this.#settingsPath, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // reported below
    }
    this.#log.warn({}, 'the LLM provider settings file is damaged; the LLM stays off');
    return DEFAULT_ADVISOR_SETTINGS;
  }

  saveSettings(next: AdvisorSettings): AdvisorSettings {
    const parsed = AdvisorSettingsSchema.safeParse(next);
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? 'settings');
      // Only the field is named: what was typed is not repeated.
      throw new ContractError('INVALID_INPUT', field === 'baseUrl'
        ? 'The address must be a plain http:// or https:// address, with no user name, password or ?query in it.'
        : field === 'model' ? 'The model name may use letters, digits and . : / @ + - _ only.' : `The setting "${field}" is not valid.`);
    }
    this.#writeAtomically(this.#settingsPath, JSON.stringify(parsed.data));
    return parsed.data;
  }

  hasApiKey(): boolean {
    return existsSync(this.#keyPath);
  }

  async saveApiKey(key: Secret): Promise<void> {
    const cipher = this.#ciphers.cipherForNewSecrets;
    const bytes = await cipher.encrypt(key);
    this.#writeAtomically(this.#keyPath, JSON.stringify({ backend: cipher.backend, ciphertextBase64: Buffer.from(bytes).toString('base64') }));
  }

  forgetApiKey(): void {
    rmSync(this.#keyPath, { force: true });
  }

  /** The stored key, or null when none is stored; throws (a refusal, no key material) when it cannot be read now. */
  async readApiKey(): Promise<Secret | null> {
    if (!this.hasApiKey()) return null;
    const parsed = KeyFileSchema.safeParse(JSON.parse(readFileSync(this.#keyPath, 'utf8')));
    if (!parsed.success) throw new Error('the LLM key file is damaged');
    const cipher = this.#ciphers.cipherToRead(parsed.data.backend);
    if (cipher === null) throw new Error('the LLM key cannot be read now (passphrase not entered, or the encryption changed)');
    const secret = await cipher.decrypt(new Uint8Array(Buffer.from(parsed.data.ciphertextBase64, 'base64')));
    // Registered so every journal masks it, even inside free text.
    return makeSecret(revealSecret(secret));
  }

  #writeAtomically(path: string, content: string): void {
    const partial = `${path}.partial`;
    writeFileSync(partial, content, { mode: 0o600 });
    renameSync(partial, path);
  }
}

