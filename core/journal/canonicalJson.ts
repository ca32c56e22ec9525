import { REDACTED, type SecretRedactor } from '../log/index.ts';

/**
 * Canonical JSON, so that the same payload always hashes the same: object keys sorted by UTF-16
 * code units (as RFC 8785), no whitespace, numbers in JavaScript's shortest round-trip form.
 * Redaction happens in the same pass, so a secret never exists in the serialised text at all.
 *
 * Values JSON cannot carry are kept readable rather than silently changed to null:
 * NaN/±Infinity and bigints become strings, an Error becomes { name, message }, objects with
 * `toJSON` (Date, the keystore's Secret type) are serialised through it, undefined object
 * fields and functions are dropped as JSON.stringify does.
 */
export function canonicalJson(value: unknown, redactor: SecretRedactor): string {
  return write(value, redactor, 0);
}

/**
 * Deeper than any real payload; reaching it means a cycle (an object that contains itself),
 * which a depth count detects without tracking every ancestor on the hot path.
 */
const MAX_DEPTH = 64;

function write(value: unknown, redactor: SecretRedactor, depth: number): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(redactor.redactText(value));
    case 'number':
      // For finite numbers String() is exactly JSON's number form (including -0 → "0").
      return Number.isFinite(value) ? String(value) : `"${String(value)}"`;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return `"${value.toString()}"`;
    case 'object':
      return value === null ? 'null' : writeObject(value, redactor, depth + 1);
    default:
      // undefined, functions and symbols: `null` where a value is required (arrays, top level).
      return 'null';
  }
}

function writeObject(value: object, redactor: SecretRedactor, depth: number): string {
  if (depth > MAX_DEPTH) {
    throw new TypeError(`An audit payload is nested more than ${MAX_DEPTH} levels deep or refers to itself (a cycle), so it cannot be written as JSON.`);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + write(value[i], redactor, depth);
    return `${out}]`;
  }
  if (value instanceof Error) {
    return writeFields({ name: value.name, message: value.message }, redactor, depth);
  }
  const withToJson = value as { toJSON?: unknown };
  if (typeof withToJson.toJSON === 'function') {
    return write((withToJson.toJSON as () => unknown).call(value), redactor, depth);
  }
  return writeFields(value as Record<string, unknown>, redactor, depth);
}

function writeFields(fields: Record<string, unknown>, redactor: SecretRedactor, depth: number): string {
  const keys = Object.keys(fields).sort();
  let out = '{';
  for (const key of keys) {
    const field = fields[key];
    if (field === undefined || typeof field === 'function' || typeof field === 'symbol') continue;
    const prefix = redactor.fieldPrefix(key);
    // A secret-looking field keeps its name (so a reviewer sees it was there) but not its value.
    const text = prefix === undefined ? `${JSON.stringify(redactor.redactText(key))}:"${REDACTED}"` : prefix + write(field, redactor, depth);
    out += out.length === 1 ? text : `,${text}`;
  }
  return `${out}}`;
}
