/** Numbers as a person reads them: grouped digits, a unit always, signs where they mean gain or loss. */
const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
// Significant digits: 45,000.12 and 0.00012345 both read naturally; eight decimals on a large price do not.
const price = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 8 });
const percent = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });

export const formatMoney = (value: number, asset: string): string => `${money.format(value)} ${asset}`;

export const formatPrice = (value: number | null, asset: string): string => (value === null ? '—' : `${price.format(value)} ${asset}`);

export const formatAmount = (value: number, asset: string): string => `${price.format(value)} ${asset}`;

const share = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 2 });

/** A share of something, in percent (no sign: it is not a gain or a loss). */
export const formatShare = (valuePct: number): string => `${share.format(valuePct)} %`;

/** `returnPct` is already in percent (1.5 means 1.5 %). */
export const formatPercent = (value: number): string => `${percent.format(value)} %`;

export const formatSignedMoney = (value: number, asset: string): string =>
  `${value > 0 ? '+' : ''}${money.format(value)} ${asset}`;
