import { Cron } from 'croner';
import { z } from 'zod';

/** Minutes after local midnight, e.g. 22:30 → 1350. */
const minuteOfDay = z.number().int().min(0).max(1_439);

/** Quiet hours in the person's time zone; may wrap past midnight (22:00–07:00). Critical alerts ignore them. */
export const quietHoursSchema = z
  .strictObject({ startMinute: minuteOfDay, endMinute: minuteOfDay })
  .refine((hours) => hours.startMinute !== hours.endMinute, { message: 'Quiet hours need a start and an end that differ.' });
export type QuietHours = z.infer<typeof quietHoursSchema>;

const localClocks = new Map<string, Intl.DateTimeFormat>();

/** The local minute of the day at `atMs` in `timeZone` (DST included, via Intl). */
export function localMinuteOfDay(atMs: number, timeZone: string): number {
  let clock = localClocks.get(timeZone);
  if (clock === undefined) {
    clock = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    localClocks.set(timeZone, clock);
  }
  let hour = 0;
  let minute = 0;
  for (const part of clock.formatToParts(new Date(atMs))) {
    if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return hour * 60 + minute;
}

export function isQuietAt(atMs: number, hours: QuietHours, timeZone: string): boolean {
  const minute = localMinuteOfDay(atMs, timeZone);
  return hours.startMinute < hours.endMinute
    ? minute >= hours.startMinute && minute < hours.endMinute
    : minute >= hours.startMinute || minute < hours.endMinute;
}

/**
 * The first moment after `atMs` when quiet hours end, in the person's time zone. croner works
 * out the local wall-clock time across daylight-saving changes, which is easy to get wrong by hand.
 */
export function quietHoursEndAfter(atMs: number, hours: QuietHours, timeZone: string): number {
  const pattern = `0 ${hours.endMinute % 60} ${Math.floor(hours.endMinute / 60)} * * *`;
  const next = new Cron(pattern, { timezone: timeZone, paused: true }).nextRun(new Date(atMs));
  // A pattern that fires daily always has a next run; fall back to a day later rather than never.
  return next === null ? atMs + 86_400_000 : next.getTime();
}
