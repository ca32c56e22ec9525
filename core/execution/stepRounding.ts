/**
 * Exact rounding of amounts and prices to an exchange's step, on decimal digits rather than
 * binary floats: 0.29 / 0.01 is 28.999… in floating point, and flooring that would sell one step
 * less than intended, while rounding it "to nearest" could one day send one step MORE than the
 * risk layer approved. Numbers are read through their shortest decimal form (`String(n)`), the
 * form an exchange sees, and scaled to integers of 10^-SCALE.
 */
const SCALE = 18;
const SCALE_FACTOR = 10n ** BigInt(SCALE);
const NUMBER_TEXT = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

export type TickRounding = 'down' | 'up' | 'nearest';

/** The value as an integer count of 10^-18, truncated (never rounded up). */
function toUnits(value: number): bigint {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`step rounding needs a finite, non-negative number, got ${value}`);
  const match = NUMBER_TEXT.exec(String(value));
  if (match === null) throw new RangeError(`cannot read ${value} as a decimal`);
  const [, whole = '0', fraction = '', exponentText = '0'] = match;
  const digits = whole + fraction;
  const shift = Number(exponentText) - fraction.length + SCALE;
  if (shift >= 0) return BigInt(digits) * 10n ** BigInt(shift);
  const dropped = -shift;
  return dropped >= digits.length ? 0n : BigInt(digits.slice(0, digits.length - dropped));
}

function fromUnits(units: bigint): number {
  const whole = units / SCALE_FACTOR;
  const fraction = (units % SCALE_FACTOR).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return Number(fraction === '' ? whole.toString() : `${whole.toString()}.${fraction}`);
}

function stepUnits(step: number): bigint {
  const units = toUnits(step);
  if (units <= 0n) throw new RangeError(`a market step must be positive, got ${step}`);
  return units;
}

/**
 * The largest `offset + k × step` (k ≥ 0) that is not above `value`; 0 when `value` is below
 * `offset`. Binance checks LOT_SIZE as (quantity − minQty) % stepSize = 0, hence the offset.
 */
export function floorToStep(value: number, step: number, offset = 0): number {
  const valueUnits = toUnits(value);
  const offsetUnits = toUnits(offset);
  if (valueUnits < offsetUnits) return 0;
  const size = stepUnits(step);
  return fromUnits(offsetUnits + ((valueUnits - offsetUnits) / size) * size);
}

/** A price on the tick grid. Buyers round down and sellers up, so a rounded limit is never worse than asked. */
export function roundToTick(value: number, tick: number, rounding: TickRounding): number {
  const valueUnits = toUnits(value);
  const size = stepUnits(tick);
  const below = (valueUnits / size) * size;
  if (below === valueUnits || rounding === 'down') return fromUnits(below);
  if (rounding === 'up') return fromUnits(below + size);
  return fromUnits(valueUnits - below >= size - (valueUnits - below) ? below + size : below);
}

/** True when `value` is exactly `offset + k × step` in decimal terms. */
export function isOnStep(value: number, step: number, offset = 0): boolean {
  const valueUnits = toUnits(value);
  const offsetUnits = toUnits(offset);
  return valueUnits >= offsetUnits && (valueUnits - offsetUnits) % stepUnits(step) === 0n;
}

/** Exact product compared with a threshold, for min-notional checks that must not flip on float noise. */
export function productAtLeast(amount: number, price: number, threshold: number): boolean {
  return toUnits(amount) * toUnits(price) >= toUnits(threshold) * SCALE_FACTOR;
}
