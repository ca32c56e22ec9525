import { KnownSecrets, REDACTED } from './knownSecrets.ts';

/**
 * Ballast's one redaction: what keeps key material out of every log line, journal row, error
 * detail, notification, message and terminal (ARCHITECTURE: no secret in any output). Rules that
 * always apply:
 * - secret values the caller knows, in every form (as written, trimmed, percent-encoded, base64)
 *   and any run of 8 or more of their characters;
 * - `name=value`, `name: value` and `"name":"value"` for secret names (api key, secret,
 *   signature, passphrase, password, token, authorization, exchange key and signature headers);
 * - the credential after `Bearer` or `Basic`, and anything shaped like a Telegram bot token;
 * - for objects, the value of every field whose name looks secret, at any depth.
 * Rules a call site turns on for text of its kind are in `TextRules`.
 */
export { REDACTED } from './knownSecrets.ts';

export interface TextRules {
  /** Cut every `?query` off: request URLs in error text carry timestamps, signatures and keys. */
  readonly dropQueryStrings?: boolean;
  /**
   * Mask long runs that look like key material though nothing names them (`looksLikeKeyMaterial`):
   * for text other people may see, such as a notification on a lock screen. Hashes and ids go too.
   */
  readonly maskKeyLikeText?: boolean;
  /** Fold white space into single spaces and cut the text to this many characters, ending in '…'. */
  readonly maxChars?: number;
}

export interface RedactOptions extends TextRules {
  /** Secret values to mask wherever they appear; values under 4 characters are common words and are ignored. */
  readonly secrets?: readonly string[];
}

const NO_RULES: TextRules = Object.freeze({});
/** A listed secret shorter than this is a common word, not key material (ccxt passes empty passphrases). */
const MIN_LISTED_SECRET_CHARS = 4;
/** Text is read only this far before cutting (fragments of a secret are masked over it). */
const MAX_INPUT_CHARS_FACTOR = 8;

const SECRET_NAMES = [
  'x-mbx-apikey', 'api[-_]?key', 'api[-_]?secret', 'api[-_]?sign', 'access[-_]?key', 'access[-_]?sign', 'access[-_]?token',
  'refresh[-_]?token', 'secret[-_]?key', 'private[-_]?key', 'secret', 'signature', 'passphrase', 'password', 'passwd', 'token',
  'authorization',
].join('|');
/** `name=value`, `name: value`, `"name":"value"`, `'name': 'value'`, keeping an auth scheme word. */
const INLINE_SECRET = new RegExp(`(${SECRET_NAMES})(["']?\\s*[:=]\\s*["']?)((?:bearer|basic)\\s+)?([^\\s&"']+)`, 'gi');
const AUTH_SCHEME = /\b(bearer|basic)\s+[^\s"']+/gi;
const MENTIONS_AUTH_SCHEME = /b(?:earer|asic)\s/i;
/** `123456789:AA…`: a Telegram bot token, whoever's it is. */
const BOT_TOKEN = /\d{5,}:[A-Za-z0-9_-]{20,}/g;
const QUERY_STRING = /\?[^\s"']*/g;
/** Runs of characters keys are made of: 20 or more with a digit, or 32 or more of any. */
const KEY_LIKE_RUN = /[A-Za-z0-9+/=_-]{20,}/g;

const isKeyLike = (run: string): boolean => run.length >= 32 || /\d/.test(run);

/** Whether the text holds a run that looks like an API key, secret, signature or token. */
export function looksLikeKeyMaterial(text: string): boolean {
  return (text.match(KEY_LIKE_RUN) ?? []).some(isKeyLike);
}

/** Normalised (lower case, letters and digits only) fragments that mark a field as secret. */
const SECRET_NAME_FRAGMENTS = [
  'apikey', 'apisecret', 'secret', 'password', 'passwd', 'passphrase', 'signature', 'privatekey',
  'authorization', 'accesskey', 'accesssign', 'apisign', 'credential', 'cookie', 'mnemonic', 'seedphrase',
];
/** Whole normalised names that are secret on their own (exchange header and ccxt field names). */
const SECRET_FIELD_NAMES = new Set(['key', 'sign', 'sig', 'xmbxapikey', 'token']);

/** Whether an object field of this name holds a secret: `apiKey`, `X-MBX-APIKEY`, `refresh_token`… but not `promptTokens`. */
export function isSecretFieldName(name: string): boolean {
  const normalised = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (SECRET_FIELD_NAMES.has(normalised) || normalised.endsWith('token')) return true;
  return SECRET_NAME_FRAGMENTS.some((fragment) => normalised.includes(fragment));
}

function cut(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(0, maxChars - 1)).trimEnd()}…`;
}

/** Deeper than any real payload; reaching it means a cycle (an object that contains itself). */
const MAX_DEPTH = 32;

/**
 * Redaction with secret values registered over time (the journal learns every key Ballast
 * handles; a Telegram client its bot token), applied to text, objects and thrown errors. The
 * values live in memory only.
 */
export class SecretRedactor {
  readonly #known = new KnownSecrets();
  /**
   * Field names repeat endlessly (the same payload shapes), so each is classified and serialised
   * once: `"name":` (redacted), or '' for a secret field. Registering a new value clears it.
   */
  readonly #fieldPrefixes = new Map<string, string>();

  /** The values of `secrets` of 4 or more characters are masked; shorter ones are ignored. */
  constructor(secrets: readonly string[] = []) {
    for (const value of secrets) if (value.trim().length >= MIN_LISTED_SECRET_CHARS) this.#known.add(value);
  }

  /** Registers a secret (API key, secret, passphrase, token) so that it is masked from now on. */
  registerSecretValue(value: string): void {
    if (typeof value !== 'string' || value.length === 0) {
      throw new TypeError('A secret to redact must be a non-empty string.');
    }
    if (this.#known.add(value)) this.#fieldPrefixes.clear();
  }

  /** Whether any form or fragment of a registered secret occurs in the text. */
  finds(text: string): boolean {
    return this.#known.foundIn(text);
  }

  redactText(text: string, rules: TextRules = NO_RULES): string {
    const { maxChars } = rules;
    let out = maxChars === undefined ? text : text.slice(0, maxChars * MAX_INPUT_CHARS_FACTOR).replace(/\s+/g, ' ').trim();
    if (this.#known.size > 0) out = this.#known.mask(out);
    if (out.length > 6) {
      if (out.includes('=') || out.includes(':')) {
        out = out.replace(INLINE_SECRET, (_match, name: string, separator: string, scheme: string | undefined) => `${name}${separator}${scheme ?? ''}${REDACTED}`);
        out = out.replace(BOT_TOKEN, REDACTED);
      }
      if (MENTIONS_AUTH_SCHEME.test(out)) out = out.replace(AUTH_SCHEME, `$1 ${REDACTED}`);
    }
    if (rules.dropQueryStrings === true) out = out.replace(QUERY_STRING, '?[query removed]');
    if (rules.maskKeyLikeText === true) out = out.replace(KEY_LIKE_RUN, (run) => (isKeyLike(run) ? REDACTED : run));
    return maxChars === undefined ? out : cut(out, maxChars);
  }

  /**
   * A copy of plain data with every string and field name redacted and the value of every
   * secret-looking field replaced: the last pass over a record before it leaves. An Error becomes
   * `{ name, message, stack }`, an object with `toJSON` (a Date, a Secret) what that returns.
   */
  redactValue<T>(value: T, rules: TextRules = NO_RULES): T {
    return this.#redactAny(value, rules, 0) as T;
  }

  /** `"name":` ready to write, or undefined when the field's value must be redacted (the journal's canonical JSON). */
  fieldPrefix(name: string): string | undefined {
    let prefix = this.#fieldPrefixes.get(name);
    if (prefix === undefined) {
      prefix = isSecretFieldName(name) ? '' : `${JSON.stringify(this.redactText(name))}:`;
      if (this.#fieldPrefixes.size < 10_000) this.#fieldPrefixes.set(name, prefix);
    }
    return prefix === '' ? undefined : prefix;
  }

  #redactAny(value: unknown, rules: TextRules, depth: number): unknown {
    if (typeof value === 'string') return this.redactText(value, rules);
    if (typeof value !== 'object' || value === null) return value;
    if (depth >= MAX_DEPTH) return '[too deep]';
    if (Array.isArray(value)) return value.map((item: unknown) => this.#redactAny(item, rules, depth + 1));
    if (value instanceof Error) {
      const fields = { name: value.name, message: value.message, ...(value.stack === undefined ? {} : { stack: value.stack }) };
      return this.#redactAny(fields, rules, depth + 1);
    }
    const withToJson = value as { toJSON?: unknown };
    if (typeof withToJson.toJSON === 'function') return this.#redactAny((withToJson.toJSON as () => unknown).call(value), rules, depth + 1);
    return Object.fromEntries(Object.entries(value).map(([name, field]) => [
      this.redactText(name, rules),
      isSecretFieldName(name) && field !== undefined ? REDACTED : this.#redactAny(field, rules, depth + 1),
    ]));
  }
}

/** The text with every rule applied (see the top of this file) and the secrets given masked. */
export function redactText(text: string, options: RedactOptions = {}): string {
  return new SecretRedactor(options.secrets).redactText(text, options);
}

/** Plain data with every string redacted and every secret-looking field's value replaced. */
export function redactValue<T>(value: T, options: RedactOptions = {}): T {
  return new SecretRedactor(options.secrets).redactValue(value, options);
}

/** Whether a form or fragment of one of the secrets occurs in any string (or field name) inside the value. */
export function revealsSecret(value: unknown, secrets: readonly string[]): boolean {
  const redactor = new SecretRedactor(secrets);
  const found = (item: unknown): boolean => {
    if (typeof item === 'string') return redactor.finds(item);
    if (Array.isArray(item)) return item.some(found);
    if (item !== null && typeof item === 'object') return Object.entries(item).some(([name, field]) => redactor.finds(name) || found(field));
    return false;
  };
  return found(value);
}
