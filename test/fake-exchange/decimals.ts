import { reject } from './rejections.ts';

/**
 * Binance quotes every price and quantity with 8 decimals. Filters (tick size, step size) are
 * checked on exact scaled integers, never on floats, so that 0.1 + 0.2 style noise can never
 * make a valid order look invalid or the reverse.
 */
export const DECIMALS = 8;
const SCALE = 10n ** BigInt(DECIMALS);
const DECIMAL_TEXT = /^(\d+)(?:\.(\d*))?$/;

export interface ExactDecimal {
  /** the value in units of 1e-8 */
  readonly units: bigint;
  readonly value: number;
}

/** Parses a request parameter the way Binance does: plain decimal text, at most 8 decimals. */
export function parseDecimalParameter(name: string, text: string): ExactDecimal {
  const match = DECIMAL_TEXT.exec(text);
  if (match === null) throw reject.illegalCharacters(name);
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > DECIMALS) throw reject.tooMuchPrecision(name);
  const units = BigInt(whole) * SCALE + BigInt(fraction.padEnd(DECIMALS, '0') || '0');
  return { units, value: Number(text) };
}

/** Exact units of a decimal text known to be valid (market metadata). */
export function unitsOf(text: string): bigint {
  return parseDecimalParameter('metadata', text).units;
}

export function unitsToNumber(units: bigint): number {
  return Number(units) / Number(SCALE);
}

/** Rounds to the 8 decimals Binance keeps, so balances do not drift with float noise. */
export function round8(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}

/** Binance's wire format for amounts: a string with exactly 8 decimals. */
export function formatDecimal(value: number): string {
  const rounded = round8(value);
  return (rounded === 0 ? 0 : rounded).toFixed(DECIMALS);
}

/** Largest multiple of `step` not above `value` (amounts always round down). */
export function floorToStep(value: number, step: number): number {
  if (step <= 0) return round8(value);
  return round8(Math.floor(round8(value / step) + 1e-9) * step);
}

export function floorToTick(value: number, tick: number): number {
  return floorToStep(value, tick);
}

export function ceilToTick(value: number, tick: number): number {
  if (tick <= 0) return round8(value);
  return round8(Math.ceil(round8(value / tick) - 1e-9) * tick);
}
