const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // Throws a RangeError for a name that is not an IANA zone: a wrong day boundary is not guessed.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The last answer per zone and the span of instants it is certainly valid for. */
const lastAnswers = new Map<string, { fromMs: number; untilMs: number; key: string }>();

/**
 * The person's calendar day containing `atMs`, as 'YYYY-MM-DD' in `timeZone`: the daily loss
 * limit restarts at their midnight, not the exchange's (daylight saving included).
 *
 * Formatting a date in a time zone is slow and this runs on every mark-to-market, so an answer
 * is reused until one hour before the next local midnight as seen from when it was computed:
 * a daylight-saving shift moves that midnight by at most an hour, so the reuse never crosses it.
 */
export function tradingDayKey(atMs: number, timeZone: string): string {
  const cached = lastAnswers.get(timeZone);
  if (cached !== undefined && atMs >= cached.fromMs && atMs < cached.untilMs) return cached.key;
  let year = '';
  let month = '';
  let day = '';
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of formatterFor(timeZone).formatToParts(atMs)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
    else if (part.type === 'second') second = Number(part.value);
  }
  const key = `${year}-${month}-${day}`;
  const sinceLocalMidnightMs = hour * HOUR_MS + minute * 60_000 + second * 1_000 + (atMs % 1_000 + 1_000) % 1_000;
  lastAnswers.set(timeZone, { fromMs: atMs, untilMs: atMs + (DAY_MS - sinceLocalMidnightMs) - HOUR_MS, key });
  return key;
}
