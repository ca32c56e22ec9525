import { SERVICE_CHECK_MESSAGES } from './messages.ts';
import type { ReasonParams } from './serviceVerdict.ts';

/** Turns a message code and its parameters into words; the app passes i18next's `t` here. */
export type Translate = (code: string, params: ReasonParams) => string;

export interface FormatOptions {
  /** BCP 47 locale for numbers and dates; default 'en'. */
  readonly locale?: string;
  /** IANA time zone dates are shown in; default the computer's own. */
  readonly timeZone?: string;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*(?:,\s*(number|datetime)\s*)?\}\}/g;

/**
 * The i18next interpolation the service check's templates use, for places without i18next (the
 * exported report, the CLI): `{{name}}`, `{{name, number}}` and `{{name, datetime}}`. A missing
 * parameter is left as written, so a test can see it.
 */
export function fillTemplate(template: string, params: ReasonParams, options: FormatOptions = {}): string {
  const locale = options.locale ?? 'en';
  return template.replace(PLACEHOLDER, (whole, name: string, format: string | undefined) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (format === 'number' && typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
    if (format === 'datetime' && typeof value === 'number') {
      return new Intl.DateTimeFormat(locale, {
        year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
        ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
      }).format(value);
    }
    return String(value);
  });
}

/** A Translate over the English templates of messages.ts; an unknown code shows as itself. */
export function englishTranslate(options: FormatOptions = {}): Translate {
  const messages: Readonly<Record<string, string>> = SERVICE_CHECK_MESSAGES;
  return (code, params) => fillTemplate(messages[code] ?? code, params, options);
}
