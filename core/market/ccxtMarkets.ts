import { z } from 'zod';
import type { MarketCatalogue, MarketInfo } from './marketDataPort.ts';

/** ccxt's precision modes (ccxt exports them as numbers: DECIMAL_PLACES 2, SIGNIFICANT_DIGITS 3, TICK_SIZE 4). */
export const PRECISION_MODE = { decimalPlaces: 2, significantDigits: 3, tickSize: 4 } as const;

const limit = z.object({ min: z.number().nullish(), max: z.number().nullish() }).partial().nullish();

/** The part of a ccxt unified market Ballast relies on. */
const marketSchema = z.object({
  symbol: z.string().min(1),
  base: z.string().min(1),
  quote: z.string().min(1),
  spot: z.boolean().nullish(),
  active: z.boolean().nullish(),
  maker: z.number().nullish(),
  taker: z.number().nullish(),
  precision: z.object({ amount: z.number().positive().nullish(), price: z.number().positive().nullish() }),
  limits: z.object({ amount: limit, cost: limit }).partial(),
});

/** Decimal places of a step such as 0.00001 (5), 0.5 (1) or 10 (0). */
export function decimalsOfStep(step: number): number {
  const [mantissa = '', exponentText = '0'] = step.toExponential().split('e');
  const fractionDigits = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fractionDigits - Number(exponentText));
}

type Step = { readonly ok: true; readonly step: number; readonly decimals: number } | { readonly ok: false; readonly reason: string };

function stepFrom(value: number | null | undefined, precisionMode: number, what: string): Step {
  if (value === null || value === undefined) return { ok: false, reason: `the exchange does not state the ${what} precision` };
  if (precisionMode === PRECISION_MODE.tickSize) return { ok: true, step: value, decimals: decimalsOfStep(value) };
  if (precisionMode === PRECISION_MODE.decimalPlaces && Number.isInteger(value)) {
    return { ok: true, step: Number(`1e-${value}`), decimals: value };
  }
  return { ok: false, reason: `the ${what} precision is given in a form Ballast cannot round safely (mode ${precisionMode}, value ${value})` };
}

type Mapped = { readonly ok: true; readonly market: MarketInfo } | { readonly ok: false; readonly symbol: string; readonly reason: string };

/**
 * One ccxt market to Ballast's `MarketInfo`, or the reason it is refused. Missing precision
 * or fees refuse the market: rounding or fee maths on a guess is how orders get rejected or
 * sized wrong.
 */
export function marketInfoFromCcxt(raw: unknown, exchange: string, precisionMode: number): Mapped {
  const parsed = marketSchema.safeParse(raw);
  if (!parsed.success) {
    const symbol = typeof raw === 'object' && raw !== null && 'symbol' in raw ? String(raw.symbol) : '(unknown)';
    const issue = parsed.error.issues[0];
    return { ok: false, symbol, reason: `its description is incomplete (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unreadable'})` };
  }
  const market = parsed.data;
  if (market.spot !== true) return { ok: false, symbol: market.symbol, reason: 'it is not a spot market' };
  const amount = stepFrom(market.precision.amount, precisionMode, 'amount');
  if (!amount.ok) return { ok: false, symbol: market.symbol, reason: amount.reason };
  const price = stepFrom(market.precision.price, precisionMode, 'price');
  if (!price.ok) return { ok: false, symbol: market.symbol, reason: price.reason };
  if (market.maker === null || market.maker === undefined || market.taker === null || market.taker === undefined) {
    return { ok: false, symbol: market.symbol, reason: 'the exchange does not state its trading fees' };
  }
  return {
    ok: true,
    market: {
      exchange,
      symbol: market.symbol,
      base: market.base,
      quote: market.quote,
      active: market.active !== false,
      precision: { amountStepBase: amount.step, amountDecimals: amount.decimals, priceTickQuote: price.step, priceDecimals: price.decimals },
      limits: {
        minAmountBase: market.limits.amount?.min ?? null,
        maxAmountBase: market.limits.amount?.max ?? null,
        minNotionalQuote: market.limits.cost?.min ?? null,
      },
      fees: { makerRate: market.maker, takerRate: market.taker },
    },
  };
}

export function catalogueFromCcxt(markets: readonly unknown[], exchange: string, precisionMode: number): MarketCatalogue {
  const accepted: MarketInfo[] = [];
  const refused: { symbol: string; reason: string }[] = [];
  for (const raw of markets) {
    const mapped = marketInfoFromCcxt(raw, exchange, precisionMode);
    if (mapped.ok) accepted.push(mapped.market);
    else refused.push({ symbol: mapped.symbol, reason: mapped.reason });
  }
  return { markets: accepted, refused };
}
