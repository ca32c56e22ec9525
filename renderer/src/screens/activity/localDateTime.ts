/** Between epoch milliseconds and the `datetime-local` input's text, both in the person's own time zone. */

const pad = (value: number): string => String(value).padStart(2, '0');

export function msToLocalInput(atMs: number): string {
  const at = new Date(atMs);
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** An empty or unreadable value means "no bound". A date-time without an offset is read as local time. */
export function localInputToMs(value: string): number | undefined {
  if (value === '') return undefined;
  const atMs = new Date(value).getTime();
  return Number.isFinite(atMs) && atMs >= 0 ? atMs : undefined;
}

/** One end of the time range as typed: no bound, a time, or why it cannot be used. */
export type TimeBound =
  | { readonly kind: 'none' }
  | { readonly kind: 'at'; readonly atMs: number }
  /** The browser reports a date-time typed only in part (its value is then empty). */
  | { readonly kind: 'incomplete' }
  /** Journal times start in 1970: a bound before then would be quietly dropped by the core. */
  | { readonly kind: 'before1970' };

export function readTimeBound(value: string, incomplete: boolean): TimeBound {
  if (incomplete) return { kind: 'incomplete' };
  if (value === '') return { kind: 'none' };
  const atMs = new Date(value).getTime();
  if (!Number.isFinite(atMs)) return { kind: 'incomplete' };
  return atMs < 0 ? { kind: 'before1970' } : { kind: 'at', atMs };
}

/** Why a typed time range is not used; the key of its sentence under activity.range. */
export type RangeProblem = 'fromIncomplete' | 'toIncomplete' | 'fromBefore1970' | 'toBefore1970' | 'reversed';

export type TimeRange =
  | { readonly ok: true; readonly fromMs: number | undefined; readonly toMs: number | undefined }
  | { readonly ok: false; readonly problem: RangeProblem };

export function timeRange(from: TimeBound, to: TimeBound): TimeRange {
  if (from.kind === 'incomplete') return { ok: false, problem: 'fromIncomplete' };
  if (to.kind === 'incomplete') return { ok: false, problem: 'toIncomplete' };
  if (from.kind === 'before1970') return { ok: false, problem: 'fromBefore1970' };
  if (to.kind === 'before1970') return { ok: false, problem: 'toBefore1970' };
  const fromMs = from.kind === 'at' ? from.atMs : undefined;
  const toMs = to.kind === 'at' ? to.atMs : undefined;
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) return { ok: false, problem: 'reversed' };
  return { ok: true, fromMs, toMs };
}

const pad2 = (value: number): string => String(value).padStart(2, '0');

/** "2026-12-04_16-43": a local date-time that sorts, reads, and is allowed in a file name on every system. */
export function fileNameTime(atMs: number): string {
  const at = new Date(atMs);
  return `${at.getFullYear()}-${pad2(at.getMonth() + 1)}-${pad2(at.getDate())}_${pad2(at.getHours())}-${pad2(at.getMinutes())}`;
}
