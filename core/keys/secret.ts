import { REDACTED } from '../log/index.ts';

let readValue: (secret: Secret) => string = () => {
  throw new Error('Secret is not initialised');
};

/**
 * Key material (API key, API secret, passphrase) wrapped so that it cannot leak by accident:
 * every way JavaScript and Node turn a value into text (String(), template literals, `+`,
 * JSON.stringify, util.inspect, util.format, structuredClone, pino) sees `[redacted]` or nothing.
 * The raw value comes out only through `revealSecret`, so every use is one grep away.
 */
export class Secret {
  // A true private field: invisible to Object.keys, spread, structuredClone and Electron IPC.
  readonly #value: string;

  private constructor(value: string) {
    this.#value = value;
    Object.freeze(this);
  }

  static {
    readValue = (secret) => secret.#value;
  }

  /** Only `makeSecret` creates secrets; the constructor stays private. */
  static wrap(value: string): Secret {
    return new Secret(value);
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED;
  }
}

/** Who must learn every new secret value so it can scrub it (the journals, see ballastCore). */
const secretWatchers = new Set<(value: string) => void>();

/**
 * Tells `watcher` the value of every secret made from now on. The journals use it to mask key
 * material even where it turns up inside text (an error message quoting a request, a URL).
 */
export function watchNewSecrets(watcher: (value: string) => void): () => void {
  secretWatchers.add(watcher);
  return () => secretWatchers.delete(watcher);
}

/** Values this short are masked by field name only: masking every "ab" in the journal would garble it. */
const MIN_WATCHED_LENGTH = 6;

export function makeSecret(value: string): Secret {
  if (value.length >= MIN_WATCHED_LENGTH) for (const watcher of secretWatchers) watcher(value);
  return Secret.wrap(value);
}

/** The only way to read key material. Call it at the last moment, never to build a message. */
export function revealSecret(secret: Secret): string {
  return readValue(secret);
}

export function isSecret(value: unknown): value is Secret {
  return value instanceof Secret;
}
