/**
 * Input the statistics cannot judge honestly: too few observations, a kurtosis no distribution
 * can have, unsorted times. These functions refuse loudly (fail closed) instead of returning a
 * number that a gate could mistake for a verdict: `NaN < 0.95` is false, so a NaN deflated Sharpe
 * would slip past a "must be at least 0.95" check.
 */
export type BacktestInputErrorCode =
  | 'NOT_A_NUMBER'
  | 'TOO_FEW_OBSERVATIONS'
  | 'IMPOSSIBLE_MOMENTS'
  | 'OUT_OF_RANGE'
  | 'MISMATCHED_LENGTHS'
  | 'TIMES_NOT_IN_ORDER'
  | 'NOT_CANONICAL_JSON'
  | 'UNUSABLE_STRATEGY'
  | 'WARM_UP_DOES_NOT_CONVERGE';

export class BacktestInputError extends RangeError {
  readonly code: BacktestInputErrorCode;

  constructor(code: BacktestInputErrorCode, message: string) {
    super(message);
    this.name = 'BacktestInputError';
    this.code = code;
  }
}

export function requireFinite(what: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new BacktestInputError('NOT_A_NUMBER', `${what} must be a finite number (got ${String(value)}).`);
  }
}

export function requireWholeNumber(what: string, value: number, minimum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new BacktestInputError('OUT_OF_RANGE', `${what} must be a whole number of at least ${minimum} (got ${String(value)}).`);
  }
}
