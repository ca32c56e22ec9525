/**
 * How the risk layer writes numbers for a person: money with two decimals and its currency,
 * shares of equity as percentages, amounts without float noise.
 */

export function percent(fraction: number, decimals = 2): string {
  if (!Number.isFinite(fraction)) return 'an unknown share';
  return `${(fraction * 100).toFixed(decimals)}%`;
}

export function money(amountQuote: number, asset: string): string {
  if (!Number.isFinite(amountQuote)) return `an unknown amount of ${asset}`;
  return `${amountQuote.toFixed(2)} ${asset}`;
}

/** A base amount as the exchange would print it: at most 8 decimals, trailing zeros dropped. */
export function amount(amountBase: number, asset: string): string {
  if (!Number.isFinite(amountBase)) return `an unknown amount of ${asset}`;
  return `${String(Number(amountBase.toFixed(8)))} ${asset}`;
}

export function price(priceQuote: number, asset: string): string {
  if (!Number.isFinite(priceQuote)) return `an unknown price`;
  return `${String(Number(priceQuote.toPrecision(10)))} ${asset}`;
}

export function basisPointsAsPercent(bps: number): string {
  return percent(bps / 10_000);
}
