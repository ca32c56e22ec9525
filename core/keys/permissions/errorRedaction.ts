/**
 * ccxt error messages carry the full request URL (query string, signature) and the response
 * body, which an exchange may echo back with the key in it. Before any of that becomes
 * "technical detail" it goes through here: credential strings (whole, URL- or base64-encoded,
 * and any fragment of 8 or more characters) are replaced, query strings and bearer tokens are
 * dropped, and the text is cut short.
 */
const MAX_INPUT_CHARS = 4000;
const MAX_DETAIL_CHARS = 300;
const MIN_FRAGMENT_CHARS = 8;
const REDACTED = '[redacted]';

function replaceAll(text: string, needle: string): string {
  return needle.length === 0 ? text : text.split(needle).join(REDACTED);
}

/** Replaces every run of at least MIN_FRAGMENT_CHARS characters that also occurs in `value`. */
function redactFragments(text: string, value: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    let k = 0;
    while (i + k < text.length && value.includes(text.slice(i, i + k + 1))) k++;
    if (k >= MIN_FRAGMENT_CHARS) {
      out += REDACTED;
      i += k;
    } else {
      out += text.charAt(i);
      i += 1;
    }
  }
  return out;
}

export function redactDetail(text: string, credentials: readonly string[]): string {
  let out = text.slice(0, MAX_INPUT_CHARS);
  const values = credentials.filter((value) => value.length >= 4).sort((a, b) => b.length - a.length);
  for (const value of values) {
    out = replaceAll(out, encodeURIComponent(value));
    out = replaceAll(out, Buffer.from(value, 'utf8').toString('base64'));
    out = replaceAll(out, value);
    if (value.length >= MIN_FRAGMENT_CHARS) out = redactFragments(out, value);
  }
  out = out
    .replace(/\?[^\s"']*/g, '?[query removed]')
    .replace(/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
    .replace(/\s+/g, ' ')
    .trim();
  return out.length > MAX_DETAIL_CHARS ? `${out.slice(0, MAX_DETAIL_CHARS)}…` : out;
}

/** A thrown value as "Name: message", redacted. */
export function describeError(error: unknown, credentials: readonly string[]): string {
  const name = error instanceof Error ? error.constructor.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  return redactDetail(`${name}: ${message}`, credentials);
}
