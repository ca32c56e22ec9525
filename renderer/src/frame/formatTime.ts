/** A time in the person's own time zone, with the zone named so nobody has to guess. */
const localTime = new Intl.DateTimeFormat(undefined, {
  // dateStyle/timeStyle cannot be combined with timeZoneName, so the parts are spelled out.
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});

export function formatLocalTime(atMs: number): string {
  return localTime.format(new Date(atMs));
}
