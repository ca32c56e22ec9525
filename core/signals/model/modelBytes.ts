import { createHash } from 'node:crypto';

/**
 * Model files are canonical JSON in UTF-8: every writer builds its object with a fixed key order
 * and JSON prints each double in its shortest exact form, so the same model always gives the
 * same bytes and the same hash, and a reader gets back exactly the numbers that were written.
 */
export const MODEL_FORMAT = 'ballast.model';
export const MODEL_FORMAT_VERSION = 1;

export function encodeCanonical(value: unknown): Uint8Array {
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'number' && !Number.isFinite(item)) throw new RangeError('A model holds a number that is not finite; refusing to save it.');
    return item;
  });
  return new TextEncoder().encode(text);
}

/** Parses bytes as JSON; null when they are not UTF-8 JSON at all. */
export function decodeJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    return null;
  }
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
