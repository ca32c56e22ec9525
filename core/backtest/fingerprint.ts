/**
 * A run's fingerprint: sha256 over the canonical JSON of { config, dataHash, fills }. The same
 * configuration on the same data producing the same fills gives the same hex string on any
 * machine; any change to a setting, a data byte (through its hash) or a single fill changes it.
 *
 * Canonical JSON here is JSON with object keys sorted by UTF-16 code units at every level, no
 * whitespace, and ECMAScript's shortest round-trip number format — the rules of RFC 8785 (JCS)
 * for the values a run configuration and its fills hold. What JSON cannot carry faithfully is
 * refused rather than silently changed: NaN and ±Infinity (JSON.stringify would turn them into
 * null and collide with a real null), bigints, functions, symbols, and objects other than plain
 * objects and arrays (a Map or a Date would serialise as {} or a string). Properties whose value
 * is `undefined` are left out, as JSON.stringify does.
 *
 * Config and fills are typed `unknown` so that any interface (an execution `Fill`) can be
 * passed; the rules above are checked at run time and a value that breaks them is refused.
 *
 * Fills can be streamed: `createRunFingerprint` hashes each fill as it happens, so a run with
 * millions of fills never holds them all, and yields the same digest as `runFingerprint`.
 */
import { createHash, type Hash } from 'node:crypto';
import { BacktestInputError } from './backtestInputError.ts';

function refuse(path: string, why: string): never {
  throw new BacktestInputError('NOT_CANONICAL_JSON', `The value at ${path} cannot be fingerprinted: ${why}.`);
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The canonical JSON text of `value` (see the module comment for the rules). */
export function canonicalJson(value: unknown, path = '$'): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) refuse(path, `${String(value)} is not a finite number`);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map((item, index) => canonicalJson(item, `${path}[${index}]`)).join(',')}]`;
      if (!isPlainObject(value)) refuse(path, `${Object.prototype.toString.call(value)} is not a plain object`);
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item, `${path}.${key}`)}`).join(',')}}`;
    }
    default:
      return refuse(path, `a ${typeof value} is not JSON`);
  }
}

export interface RunFingerprintInput {
  /** Everything that chose how the run behaves: strategy, parameters, costs, fill model, risk limits. */
  readonly config: unknown;
  /** The hash of the market data the run read (hex). */
  readonly dataHash: string;
  readonly fills: readonly unknown[];
}

export interface RunFingerprinter {
  addFill(fill: unknown): void;
  /** The hex digest; the fingerprinter takes no fills after this. */
  digestHex(): string;
}

/**
 * Streams `{"config":…,"dataHash":…,"fills":[…]}` into sha256 — keys already in canonical order
 * (c < d < f) — so the digest equals sha256(canonicalJson({ config, dataHash, fills })).
 */
export function createRunFingerprint(config: unknown, dataHash: string): RunFingerprinter {
  const hash: Hash = createHash('sha256');
  hash.update(`{"config":${canonicalJson(config, '$.config')},"dataHash":${canonicalJson(dataHash, '$.dataHash')},"fills":[`);
  let fills = 0;
  let digest: string | undefined;
  return {
    addFill(fill) {
      if (digest !== undefined) throw new BacktestInputError('OUT_OF_RANGE', 'A fill arrived after the fingerprint was taken.');
      hash.update(`${fills === 0 ? '' : ','}${canonicalJson(fill, `$.fills[${fills}]`)}`);
      fills++;
    },
    digestHex() {
      digest ??= hash.update(']}').digest('hex');
      return digest;
    },
  };
}

export function runFingerprint(input: RunFingerprintInput): string {
  const fingerprinter = createRunFingerprint(input.config, input.dataHash);
  for (const fill of input.fills) fingerprinter.addFill(fill);
  return fingerprinter.digestHex();
}
