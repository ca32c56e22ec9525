/**
 * Keeps key material out of the journal (ARCHITECTURE: no secret in any journal row). Two nets:
 * field names that look like a secret, at any depth, have their value replaced; and any string
 * containing a secret value registered at runtime by the keystore has that value replaced, which
 * also catches secrets inside URLs, headers and error messages whatever the field is called.
 * Registered values live in memory only.
 */

export const REDACTED = '[redacted]';

/** Normalised (lower case, letters and digits only) fragments that mark a field as secret. */
const SECRET_NAME_FRAGMENTS = [
  'apikey', 'apisecret', 'secret', 'password', 'passwd', 'passphrase', 'signature', 'privatekey',
  'authorization', 'accesskey', 'accesssign', 'apisign', 'credential', 'cookie', 'mnemonic', 'seedphrase',
];
/** Whole normalised names that are secret on their own (exchange header and ccxt field names). */
const SECRET_NAMES = new Set(['key', 'sign', 'sig', 'xmbxapikey', 'token']);
/** Endings: `accessToken`, `refresh_token`… but not `promptTokens` or `tokenCount`. */
const SECRET_NAME_ENDINGS = ['token'];

/**
 * `name=value`, `name: value` and `"name":"value"` inside free text (query strings, header dumps,
 * error messages), for the unambiguous secret names only.
 */
const INLINE_SECRET =
  /\b(x-mbx-apikey|api[-_]?key|api[-_]?secret|secret[-_]?key|secret|signature|passphrase|password|access[-_]?token|refresh[-_]?token|private[-_]?key|authorization)("?\s*[:=]\s*"?)(?:bearer\s+|basic\s+)?([^\s&"',;}]+)/gi;

export function normaliseFieldName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function fieldNameLooksSecret(name: string): boolean {
  const normalised = normaliseFieldName(name);
  if (SECRET_NAMES.has(normalised)) return true;
  if (SECRET_NAME_ENDINGS.some((ending) => normalised.endsWith(ending))) return true;
  return SECRET_NAME_FRAGMENTS.some((fragment) => normalised.includes(fragment));
}

export class SecretRedactor {
  readonly #secretValues: string[] = [];
  /**
   * Field names repeat endlessly (the same payload shapes), so each is classified and serialised
   * once: the cached text is `"name":` (scrubbed), or '' for a secret field. Registering a new
   * secret value clears it.
   */
  readonly #fieldPrefixes = new Map<string, string>();

  /** Registers a secret (API key, secret, passphrase) so that it never reaches a stored row. */
  registerSecretValue(value: string): void {
    if (typeof value !== 'string' || value.length === 0) {
      throw new TypeError('A secret to redact must be a non-empty string.');
    }
    if (this.#secretValues.includes(value)) return;
    this.#secretValues.push(value);
    // Longest first, so a secret that contains another is removed whole.
    this.#secretValues.sort((a, b) => b.length - a.length);
    this.#fieldPrefixes.clear();
  }

  isSecretFieldName(name: string): boolean {
    return this.fieldPrefix(name) === undefined;
  }

  /** `"name":` ready to write, or undefined when the field's value must be redacted. */
  fieldPrefix(name: string): string | undefined {
    let prefix = this.#fieldPrefixes.get(name);
    if (prefix === undefined) {
      prefix = fieldNameLooksSecret(name) ? '' : `${JSON.stringify(this.scrub(name))}:`;
      if (this.#fieldPrefixes.size < 10_000) this.#fieldPrefixes.set(name, prefix);
    }
    return prefix === '' ? undefined : prefix;
  }

  /** The text with every registered secret and every inline `secret=value` masked. */
  scrub(text: string): string {
    let result = text;
    for (const secret of this.#secretValues) {
      if (result.includes(secret)) result = result.replaceAll(secret, REDACTED);
    }
    if (result.length > 6 && (result.includes('=') || result.includes(':'))) {
      INLINE_SECRET.lastIndex = 0;
      if (INLINE_SECRET.test(result)) {
        INLINE_SECRET.lastIndex = 0;
        result = result.replace(INLINE_SECRET, (_match, name: string, separator: string) => `${name}${separator}${REDACTED}`);
      }
    }
    return result;
  }
}
