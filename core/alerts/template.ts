import type { AlertParamValue } from './alert.ts';

/** Where the reader is: times are shown in their time zone. */
export interface ReaderContext {
  /** IANA time zone, e.g. `Europe/Berlin`. */
  readonly timeZone: string;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*(?:,\s*(number|datetime)\s*)?\}\}/g;
// Control characters from an exchange's message must not break a line-based channel.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]+/g;

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
    });
    dateFormats.set(timeZone, format);
  }
  return format;
}

/** True for a time zone this runtime knows (settings are parsed with it). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    dateFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

function formatValue(value: AlertParamValue | undefined, format: string | undefined, reader: ReaderContext): string {
  if (value === undefined) return '?';
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '?';
    if (format === 'datetime') return dateFormat(reader.timeZone).format(new Date(value));
    if (format === 'number') return numberFormat.format(value);
    return String(value);
  }
  return value.replace(CONTROL, ' ');
}

/**
 * Fills an i18next-style template: `{{name}}`, `{{name, number}}` (grouped, at most 2
 * decimals), `{{name, datetime}}` (milliseconds since 1970 shown in the reader's time zone).
 * The result is plain text; channels escape it for their own markup.
 */
export function fillTemplate(template: string, params: Readonly<Record<string, AlertParamValue>>, reader: ReaderContext): string {
  return template.replace(PLACEHOLDER, (_match, name: string, format: string | undefined) => formatValue(params[name], format, reader));
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
