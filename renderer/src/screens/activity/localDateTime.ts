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
