/** Numbers as alerts carry them: finite, rounded for reading, never float noise like 72.49999999. */
export function rounded(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function allFinite(...values: readonly number[]): boolean {
  return values.every((value) => Number.isFinite(value));
}

const DAY_MS = 86_400_000;

/** Whole days from `fromMs` to `toMs`, rounded up: 1.2 days left is "2 days left", never "1". */
export function daysUntil(fromMs: number, toMs: number): number {
  return Math.ceil((toMs - fromMs) / DAY_MS);
}

export function minutesBetween(fromMs: number, toMs: number): number {
  return Math.max(0, Math.round((toMs - fromMs) / 60_000));
}

export { DAY_MS };
