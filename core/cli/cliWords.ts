import { CLI_MESSAGES, type CliMessageCode } from './messages.ts';

export type CodeParams = Readonly<Record<string, string | number | boolean | null | undefined>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/**
 * A number as a person reads it in a sentence: whole numbers as they are, others to two decimals
 * from 1 up and to three significant digits below (a Brier skill of -0.00123 stays visible).
 */
export function readableNumber(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  if (Math.abs(value) >= 1) return String(Number(value.toFixed(2)));
  return String(Number(value.toPrecision(3)));
}

/** Parameters as text: numbers made readable, absent ones dropped. */
export function plainParams(params: CodeParams = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    out[name] = typeof value === 'number' ? readableNumber(value) : String(value);
  }
  return out;
}

/**
 * `{{name}}` filled in, as i18next would; a missing parameter is left as written, so a test sees
 * it. Kept free of the core layers, so `ballast help` and flag errors start at once.
 */
export function fillTemplate(template: string, params: CodeParams = {}): string {
  const values = plainParams(params);
  return template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

/** One of the CLI's own messages in words. */
export function cliText(code: CliMessageCode, params: CodeParams = {}): string {
  return fillTemplate(CLI_MESSAGES[code], params);
}
