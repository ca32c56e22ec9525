import { createHash } from 'node:crypto';

/** The values a market brief is made of: plain JSON with finite numbers only. */
export type BriefValue = string | number | boolean | null | readonly BriefValue[] | { readonly [key: string]: BriefValue };

/**
 * Canonical JSON of a brief: keys sorted by UTF-16 code units (as RFC 8785), no whitespace,
 * numbers in JavaScript's shortest round-trip form. The same brief always gives the same text,
 * so its hash identifies exactly what the model was shown. A non-finite number is a bug in the
 * builder and throws rather than being written as `null`.
 */
export function canonicalBriefJson(value: BriefValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('A market brief may only hold finite numbers.');
    return String(value);
  }
  if (Array.isArray(value)) return `[${(value as readonly BriefValue[]).map(canonicalBriefJson).join(',')}]`;
  const record = value as { readonly [key: string]: BriefValue };
  const keys = Object.keys(record).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalBriefJson(record[key] ?? null)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
