import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { quietHoursSchema, smtpSettingsSchema, type QuietHours, type SmtpSettings } from '../../alerts/index.ts';
import { isCipherStrong, type Secret, type SecretCipher } from '../../keys/index.ts';
import type { Logger } from '../../log/index.ts';

/** A secret as it is kept on disk: ciphertext and the cipher backend that made it, never the value. */
const storedSecretSchema = z.strictObject({ backend: z.string(), cipherBase64: z.string().min(1) });
type StoredSecret = z.infer<typeof storedSecretSchema>;

const settingsFileSchema = z.strictObject({
  version: z.literal(1),
  email: z.strictObject({ settings: smtpSettingsSchema, password: storedSecretSchema }).nullable(),
  telegram: z.strictObject({
    token: storedSecretSchema,
    botUsername: z.string().nullable(),
    chatId: z.string().nullable(),
    chatName: z.string().nullable(),
  }).nullable(),
  quietHours: quietHoursSchema.nullable(),
  rotationPeriodDays: z.number().int().min(30).max(90),
  /** When the last weekly review was made (or reviews began), for the schedule. */
  reviewsSinceMs: z.number().int().nonnegative().nullable(),
});
export type AlertSettingsFile = z.infer<typeof settingsFileSchema>;

const EMPTY: AlertSettingsFile = { version: 1, email: null, telegram: null, quietHours: null, rotationPeriodDays: 90, reviewsSinceMs: null };

/** Why a kept secret cannot be read now; the person enters it again. */
export const SECRET_UNREADABLE =
  'Ballast cannot read the saved mail password or bot token on this computer (the system key store changed, or the settings came from another computer). Enter it again to start sending.';

/**
 * The person's alert settings, in one JSON file in Ballast's data folder. The SMTP password and
 * the bot token are encrypted with the same operating-system cipher as exchange keys (safeStorage
 * in the app) and recorded with its backend; a secret saved under another backend is reported as
 * unreadable, never decrypted with a guess. Nothing here returns a secret to the screen.
 */
export class AlertSettingsStore {
  readonly #path: string;
  readonly #cipher: SecretCipher;
  readonly #log: Logger;
  #settings: AlertSettingsFile;

  constructor(path: string, cipher: SecretCipher, log: Logger) {
    this.#path = path;
    this.#cipher = cipher;
    this.#log = log;
    this.#settings = this.#load();
  }

  get current(): AlertSettingsFile {
    return this.#settings;
  }

  get protection(): 'strong' | 'weak' {
    return isCipherStrong(this.#cipher) ? 'strong' : 'weak';
  }

  update(change: (current: AlertSettingsFile) => AlertSettingsFile): AlertSettingsFile {
    const next = settingsFileSchema.parse(change(this.#settings));
    const temporary = `${this.#path}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.#path);
    this.#settings = next;
    return next;
  }

  async seal(secret: Secret): Promise<StoredSecret> {
    const bytes = await this.#cipher.encrypt(secret);
    return { backend: this.#cipher.backend, cipherBase64: Buffer.from(bytes).toString('base64') };
  }

  /** The secret, or null when it cannot be read here (the screen says so and asks for it again). */
  async open(stored: StoredSecret): Promise<Secret | null> {
    if (stored.backend !== this.#cipher.backend) return null;
    try {
      return await this.#cipher.decrypt(Buffer.from(stored.cipherBase64, 'base64'));
    } catch (error) {
      this.#log.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'an alert channel secret could not be decrypted');
      return null;
    }
  }

  emailSettings(): SmtpSettings | null {
    return this.#settings.email?.settings ?? null;
  }

  quietHours(): QuietHours | null {
    return this.#settings.quietHours;
  }

  #load(): AlertSettingsFile {
    if (!existsSync(this.#path)) return EMPTY;
    try {
      return settingsFileSchema.parse(JSON.parse(readFileSync(this.#path, 'utf8')));
    } catch (error) {
      // Kept aside, not overwritten: the person sets the channels up again and nothing is lost to a guess.
      const aside = `${this.#path}.damaged-${Date.now()}`;
      renameSync(this.#path, aside);
      this.#log.error({ err: error instanceof Error ? error.name : 'unknown' }, 'the alert settings file was unreadable and was set aside');
      return EMPTY;
    }
  }
}
