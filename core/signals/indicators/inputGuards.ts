/**
 * Guards shared by every indicator. A single NaN or Infinity fed into a running average would
 * poison every later value without any visible error, so indicators refuse such input loudly
 * (fail closed) instead of carrying on with a corrupted state.
 */

export class IndicatorInputError extends RangeError {
  readonly indicator: string;

  constructor(indicator: string, message: string) {
    super(message);
    this.name = 'IndicatorInputError';
    this.indicator = indicator;
  }
}

/** Throws unless `period` is a whole number of samples, at least `minimum`. */
export function requirePeriod(indicator: string, what: string, period: number, minimum = 1): void {
  if (!Number.isSafeInteger(period) || period < minimum) {
    throw new IndicatorInputError(
      indicator,
      `${indicator}: the ${what} must be a whole number of candles of at least ${minimum} (got ${String(period)}).`,
    );
  }
}

/**
 * Builds the error for a value that is not a finite number. Callers test `Number.isFinite`
 * inline and only call this on failure, so the hot path stays one comparison.
 */
export function nonFiniteInput(indicator: string, what: string, value: number): IndicatorInputError {
  return new IndicatorInputError(
    indicator,
    `${indicator} received a ${what} that is not a usable number (${String(value)}). ` +
      'It refuses it, because one bad price would silently corrupt every later value.',
  );
}
