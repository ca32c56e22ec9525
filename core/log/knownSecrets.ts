/** What every masked piece of text is replaced with, wherever Ballast masks. */
export const REDACTED = '[redacted]';

/**
 * A run this long that also occurs inside a secret is masked: an exchange may echo part of a key
 * (cut at a line end, truncated in a message), and 8 characters of a random key are already
 * worth hiding, while ordinary text almost never shares 8 characters with one.
 */
export const MIN_FRAGMENT_CHARS = 8;

const TABLE_SIZE = 1 << 16;

function pairKey(previous: number, current: number): number {
  return (previous * 31 + current) & (TABLE_SIZE - 1);
}

function withoutPadding(base64: string): string {
  return base64.replace(/=+$/, '');
}

function percentEncodings(value: string): string[] {
  let upper: string;
  try {
    upper = encodeURIComponent(value);
  } catch {
    // A lone surrogate cannot be percent-encoded, so it cannot travel that way either.
    return [];
  }
  return [upper, upper.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())];
}

/**
 * Every form a secret value can take inside text: as written, trimmed, with its white space
 * folded, percent-encoded (upper or lower case hex), base64 and base64url (a padded copy ends in
 * the unpadded one, so the unpadded form is the one to look for).
 */
export function formsOf(value: string): string[] {
  const bases = new Set([value, value.trim(), value.replace(/\s+/g, ' ').trim()]);
  const forms = new Set<string>();
  for (const base of bases) {
    if (base.length === 0) continue;
    forms.add(base);
    for (const encoded of percentEncodings(base)) forms.add(encoded);
    const bytes = Buffer.from(base, 'utf8');
    forms.add(withoutPadding(bytes.toString('base64')));
    forms.add(bytes.toString('base64url'));
  }
  return [...forms].filter((form) => form.length > 0);
}

/**
 * The secret values one redactor knows, prepared for fast masking: their forms, longest first
 * (so a secret that contains another is masked whole), and every MIN_FRAGMENT_CHARS-long run of
 * each value. Runs are found with a table of adjacent character pairs first, so ordinary text,
 * whose pairs rarely chain MIN_FRAGMENT_CHARS - 1 times in a row, costs one table look-up per
 * character; only a chain of hits is compared with the runs themselves. In memory only.
 */
export class KnownSecrets {
  readonly #values = new Set<string>();
  #forms: string[] = [];
  readonly #fragments = new Set<string>();
  readonly #pairs = new Uint8Array(TABLE_SIZE);

  get size(): number {
    return this.#values.size;
  }

  /** False when the value was already known. */
  add(value: string): boolean {
    if (this.#values.has(value)) return false;
    this.#values.add(value);
    this.#forms = [...new Set([...this.#forms, ...formsOf(value)])].sort((a, b) => b.length - a.length);
    for (let start = 0; start + MIN_FRAGMENT_CHARS <= value.length; start++) {
      this.#fragments.add(value.slice(start, start + MIN_FRAGMENT_CHARS));
    }
    for (let i = 1; i < value.length; i++) this.#pairs[pairKey(value.charCodeAt(i - 1), value.charCodeAt(i))] = 1;
    return true;
  }

  /** The text with every form of every known value, and every fragment of one, replaced. */
  mask(text: string): string {
    let out = text;
    for (const form of this.#forms) {
      if (out.includes(form)) out = out.replaceAll(form, REDACTED);
    }
    return this.#maskFragments(out);
  }

  /** Whether any form or fragment of a known value occurs in the text. */
  foundIn(text: string): boolean {
    return this.#forms.some((form) => text.includes(form)) || this.#fragmentSpans(text).length > 0;
  }

  #maskFragments(text: string): string {
    const spans = this.#fragmentSpans(text);
    if (spans.length === 0) return text;
    let out = '';
    let copiedTo = 0;
    for (const [start, end] of spans) {
      out += `${text.slice(copiedTo, start)}${REDACTED}`;
      copiedTo = end;
    }
    return out + text.slice(copiedTo);
  }

  /** Start and end of each stretch of text covered by fragments, merged where they touch. */
  #fragmentSpans(text: string): [number, number][] {
    const spans: [number, number][] = [];
    if (this.#fragments.size === 0 || text.length < MIN_FRAGMENT_CHARS) return spans;
    let chained = 0;
    for (let i = 1; i < text.length; i++) {
      chained = this.#pairs[pairKey(text.charCodeAt(i - 1), text.charCodeAt(i))] === 1 ? chained + 1 : 0;
      if (chained < MIN_FRAGMENT_CHARS - 1) continue;
      const start = i + 1 - MIN_FRAGMENT_CHARS;
      if (!this.#fragments.has(text.slice(start, i + 1))) continue;
      const last = spans.at(-1);
      if (last !== undefined && start <= last[1]) last[1] = i + 1;
      else spans.push([start, i + 1]);
    }
    return spans;
  }
}
