import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { sharedDataPath } from '../support/sharedData.ts';
import { unitsOf, unitsToNumber } from './decimals.ts';

/** Real Binance symbol entries (ccxt's static market fixture keeps the raw `info` of each). */
const MARKETS_FILE = 'markets/ccxt_static_markets_binance_BTCUSDT_ETHUSDT_excerpt.json';

const decimalText = z.string().regex(/^\d+(\.\d+)?$/);
const filterSchema = z.looseObject({ filterType: z.string() });
export const symbolInfoSchema = z.looseObject({
  symbol: z.string().min(1),
  status: z.string(),
  baseAsset: z.string().min(1),
  quoteAsset: z.string().min(1),
  orderTypes: z.array(z.string()),
  filters: z.array(filterSchema),
});
export type SymbolInfo = z.infer<typeof symbolInfoSchema>;

const priceFilter = z.looseObject({ filterType: z.literal('PRICE_FILTER'), minPrice: decimalText, maxPrice: decimalText, tickSize: decimalText });
const lotSize = z.looseObject({ filterType: z.string(), minQty: decimalText, maxQty: decimalText, stepSize: decimalText });
const notional = z.looseObject({
  filterType: z.literal('NOTIONAL'),
  minNotional: decimalText,
  maxNotional: decimalText,
  applyMinToMarket: z.boolean(),
  applyMaxToMarket: z.boolean(),
});
const minNotional = z.looseObject({ filterType: z.literal('MIN_NOTIONAL'), minNotional: decimalText, applyToMarket: z.boolean() });
const maxNumOrders = z.looseObject({ filterType: z.literal('MAX_NUM_ORDERS'), maxNumOrders: z.coerce.number().int().positive() });
const maxNumAlgoOrders = z.looseObject({ filterType: z.literal('MAX_NUM_ALGO_ORDERS'), maxNumAlgoOrders: z.coerce.number().int().positive() });
const percentPriceBySide = z.looseObject({
  filterType: z.literal('PERCENT_PRICE_BY_SIDE'),
  bidMultiplierUp: z.coerce.number(),
  bidMultiplierDown: z.coerce.number(),
  askMultiplierUp: z.coerce.number(),
  askMultiplierDown: z.coerce.number(),
});

export interface StepRange {
  min: number;
  max: number;
  step: number;
  minUnits: bigint;
  maxUnits: bigint;
  stepUnits: bigint;
}

/** The trading rules of one symbol, taken from its filters, in the shape the checks need. */
export interface SymbolRules {
  symbolId: string;
  baseAsset: string;
  quoteAsset: string;
  orderTypes: readonly string[];
  price: StepRange;
  lot: StepRange;
  marketLot: StepRange | undefined;
  notional: { min: number; max: number; applyMinToMarket: boolean; applyMaxToMarket: boolean; filterType: 'NOTIONAL' | 'MIN_NOTIONAL' } | undefined;
  maxNumOrders: number | undefined;
  /** Open stop orders allowed on the symbol at once (Binance counts STOP_LOSS_LIMIT among its "algo" orders). */
  maxNumAlgoOrders: number | undefined;
  percentPriceBySide: z.infer<typeof percentPriceBySide> | undefined;
  info: SymbolInfo;
}

export function loadSharedSymbolInfos(): SymbolInfo[] {
  const raw: unknown = JSON.parse(readFileSync(sharedDataPath(MARKETS_FILE), 'utf8'));
  const entries = z.record(z.string(), z.looseObject({ info: symbolInfoSchema })).parse(raw);
  return Object.values(entries).map((entry) => entry.info);
}

export function rulesOf(info: SymbolInfo): SymbolRules {
  const find = <T>(schema: z.ZodType<T>, type: string): T | undefined => {
    const filter = info.filters.find((candidate) => candidate.filterType === type);
    return filter === undefined ? undefined : schema.parse(filter);
  };
  const price = find(priceFilter, 'PRICE_FILTER');
  const lot = find(lotSize, 'LOT_SIZE');
  if (price === undefined || lot === undefined) {
    throw new Error(`Symbol ${info.symbol} lacks a PRICE_FILTER or LOT_SIZE filter; the fake exchange cannot trade it`);
  }
  const marketLot = find(lotSize, 'MARKET_LOT_SIZE');
  const newNotional = find(notional, 'NOTIONAL');
  const oldNotional = find(minNotional, 'MIN_NOTIONAL');
  return {
    symbolId: info.symbol,
    baseAsset: info.baseAsset,
    quoteAsset: info.quoteAsset,
    orderTypes: info.orderTypes,
    price: stepRange(price.minPrice, price.maxPrice, price.tickSize),
    lot: stepRange(lot.minQty, lot.maxQty, lot.stepSize),
    marketLot: marketLot === undefined ? undefined : stepRange(marketLot.minQty, marketLot.maxQty, marketLot.stepSize),
    notional:
      newNotional !== undefined
        ? { min: Number(newNotional.minNotional), max: Number(newNotional.maxNotional), applyMinToMarket: newNotional.applyMinToMarket, applyMaxToMarket: newNotional.applyMaxToMarket, filterType: 'NOTIONAL' }
        : oldNotional !== undefined
          ? { min: Number(oldNotional.minNotional), max: Number.POSITIVE_INFINITY, applyMinToMarket: oldNotional.applyToMarket, applyMaxToMarket: false, filterType: 'MIN_NOTIONAL' }
          : undefined,
    maxNumOrders: find(maxNumOrders, 'MAX_NUM_ORDERS')?.maxNumOrders,
    maxNumAlgoOrders: find(maxNumAlgoOrders, 'MAX_NUM_ALGO_ORDERS')?.maxNumAlgoOrders,
    percentPriceBySide: find(percentPriceBySide, 'PERCENT_PRICE_BY_SIDE'),
    info,
  };
}

function stepRange(min: string, max: string, step: string): StepRange {
  const minUnits = unitsOf(min);
  const maxUnits = unitsOf(max);
  const stepUnits = unitsOf(step);
  return { min: unitsToNumber(minUnits), max: unitsToNumber(maxUnits), step: unitsToNumber(stepUnits), minUnits, maxUnits, stepUnits };
}

/** `GET /api/v3/exchangeInfo`, with the request-weight limit the fake actually enforces. */
export function exchangeInfoResponse(symbols: readonly SymbolRules[], serverTimeMs: number, weightLimitPerMinute: number): object {
  return {
    timezone: 'UTC',
    serverTime: serverTimeMs,
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: weightLimitPerMinute },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
      { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
    ],
    exchangeFilters: [],
    symbols: symbols.map((rules) => rules.info),
  };
}
