/**
 * A number as a person types it in a form: digits with at most one decimal point or comma. No
 * exponents (1e-9), no hexadecimal (0x10), no signs, no thousands separators, so what is typed
 * is exactly the number used. `Number()` alone would accept all of those.
 */
const PLAIN_NUMBER = /^(\d+)(?:[.,](\d+))?$/;

export interface PlainNumber {
  readonly value: number;
  /** Digits after the decimal point, as typed. */
  readonly decimals: number;
}

export function readPlainNumber(text: string): PlainNumber | null {
  const match = PLAIN_NUMBER.exec(text.trim());
  if (match === null) return null;
  const [, whole = '0', fraction = ''] = match;
  return { value: Number(`${whole}.${fraction === '' ? '0' : fraction}`), decimals: fraction.length };
}
