import type { ImportRowProblemCode } from './importProblems.ts';

/** Why a cell that should hold a number does not. */
export type NumberCellFailure = Extract<
  ImportRowProblemCode,
  'VALUE_EMPTY' | 'VALUE_MISSING' | 'VALUE_NOT_A_NUMBER' | 'VALUE_NOT_FINITE' | 'VALUE_COMMA_IN_COMMA_FILE' | 'VALUE_THOUSANDS_SEPARATOR'
>;

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const COMMA_DECIMAL = /^[+-]?\d+,\d+([eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}([.,' \u00a0\u202f]\d{3})+([.,]\d+)?$/;
const INFINITE = /^[+-]?(inf|infinity)$/i;
/** Words exports write for "no value"; allowed only in optional columns (the quote volume). */
const MISSING_MARKER = /^(nan|null|none|na|n\/a|-)$/i;

/**
 * Fast path for the common cell: Number() of a string that starts like a decimal and is
 * finite. Number() alone would also accept '', ' ', '0x1F' and 'Infinity', hence the checks.
 */
function isPlainDecimal(text: string): boolean {
  if (text.length === 0) return false;
  const first = text.charCodeAt(0);
  const startsLikeDecimal = (first >= 48 && first <= 57) || first === 45 || first === 46 || first === 43;
  if (!startsLikeDecimal) return false;
  const second = text.charCodeAt(1) | 32;
  if (second === 120 || second === 98 || second === 111) return false; // 0x, 0b, 0o
  return Number.isFinite(Number(text)) && text.charCodeAt(text.length - 1) > 32;
}

/**
 * A number cell as text (CSV) or a JSON value, or the reason it is not one. A decimal comma is
 * read only when `commaDecimals` says the file's separator cannot be a comma; in a
 * comma-separated file a comma inside a value is refused, since it could be a thousands mark.
 */
export function readNumberCell(value: unknown, commaDecimals: boolean): number | NumberCellFailure {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'VALUE_NOT_FINITE';
  if (typeof value !== 'string') return 'VALUE_EMPTY';
  if (isPlainDecimal(value)) return Number(value);
  const text = value.trim();
  if (text === '') return 'VALUE_EMPTY';
  if (MISSING_MARKER.test(text)) return 'VALUE_MISSING';
  if (INFINITE.test(text)) return 'VALUE_NOT_FINITE';
  if (DECIMAL.test(text)) {
    const number = Number(text);
    return Number.isFinite(number) ? number : 'VALUE_NOT_FINITE';
  }
  if (COMMA_DECIMAL.test(text)) {
    if (!commaDecimals) return 'VALUE_COMMA_IN_COMMA_FILE';
    const number = Number(text.replace(',', '.'));
    return Number.isFinite(number) ? number : 'VALUE_NOT_FINITE';
  }
  if (THOUSANDS.test(text)) return 'VALUE_THOUSANDS_SEPARATOR';
  return 'VALUE_NOT_A_NUMBER';
}

/** The decimal mark a successfully read text cell used, for files where both are possible. */
export function decimalMarkOf(value: unknown): 'comma' | 'point' | null {
  if (typeof value !== 'string') return null;
  if (value.includes(',')) return 'comma';
  return value.includes('.') ? 'point' : null;
}

/** A cell value shortened for a message. */
export function cellText(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
