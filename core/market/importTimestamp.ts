/** How a replay file writes its bar times. */
export type TimestampFormat = 'unix-seconds' | 'unix-milliseconds' | 'unix-microseconds' | 'iso-8601';

/** Why a time cell could not be read. */
export type TimestampFailure = 'missing' | 'empty' | 'implausible-unix' | 'unreadable' | 'not-a-real-date';

export type ParsedTimestamp =
  | {
      readonly ok: true;
      readonly atMs: number;
      readonly format: TimestampFormat;
      /** False for a calendar date written without a zone, which is read as UTC. */
      readonly zoned: boolean;
    }
  | { readonly ok: false; readonly failure: TimestampFailure };

// Magnitude bounds: 1e11 ms is 1973 and 1e11 s is year 5138, so the ranges cannot overlap for
// any bar a crypto exchange ever produced (1e8 s is 1973 too). This is what makes a file that
// mixes seconds, milliseconds and microseconds readable value by value.
const MIN_SECONDS = 1e8;
const MIN_MILLISECONDS = 1e11;
const MIN_MICROSECONDS = 1e14;
const MAX_MICROSECONDS = 1e17;

const UNIX_NUMBER = /^\d+(\.\d+)?$/;
const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;

function fromUnixNumber(value: number): ParsedTimestamp {
  if (!Number.isFinite(value) || value < MIN_SECONDS || value >= MAX_MICROSECONDS) return { ok: false, failure: 'implausible-unix' };
  if (value >= MIN_MICROSECONDS) return { ok: true, atMs: Math.round(value / 1000), format: 'unix-microseconds', zoned: true };
  if (value >= MIN_MILLISECONDS) return { ok: true, atMs: Math.round(value), format: 'unix-milliseconds', zoned: true };
  return { ok: true, atMs: Math.round(value * 1000), format: 'unix-seconds', zoned: true };
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || /^(z|utc)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/** Calendar dates without a zone are read as UTC, which is how exchanges export them. */
function fromIsoText(text: string): ParsedTimestamp | null {
  const match = ISO_DATETIME.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const parts = [year, month, day, hour ?? '0', minute ?? '0', second ?? '0'].map(Number);
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = parts;
  const fractionMs = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  const localMs = Date.UTC(y, mo - 1, d, h, mi, s, fractionMs);
  const check = new Date(localMs);
  // Date.UTC rolls 2021-02-30 over to March; a round trip catches dates that do not exist.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return { ok: false, failure: 'not-a-real-date' };
  }
  return { ok: true, atMs: localMs - offsetMinutes(zone) * 60_000, format: 'iso-8601', zoned: zone !== undefined };
}

export function parseTimestamp(raw: unknown): ParsedTimestamp {
  if (typeof raw === 'number') return fromUnixNumber(raw);
  if (typeof raw !== 'string') return { ok: false, failure: 'missing' };
  const text = raw.trim();
  if (text === '') return { ok: false, failure: 'empty' };
  if (UNIX_NUMBER.test(text)) return fromUnixNumber(Number(text));
  return fromIsoText(text) ?? { ok: false, failure: 'unreadable' };
}

/** True when a cell reads as a bar time: a first cell like this means the line is data, not a header. */
export function looksLikeTimestamp(cell: string): boolean {
  return parseTimestamp(cell).ok;
}
