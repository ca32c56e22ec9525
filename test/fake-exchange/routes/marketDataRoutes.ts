import { formatDecimal } from '../decimals.ts';
import { exchangeInfoResponse } from '../exchangeInfo.ts';
import { klinesFor } from '../klines.ts';
import { reject } from '../rejections.ts';
import { ticker24hr } from '../ticker.ts';
import { limitParam, optionalInteger, required } from './params.ts';
import { fixedWeight, type Params, type Route, type RouteContext } from './route.ts';

const DEPTH_LIMITS_TO_WEIGHT: ReadonlyArray<readonly [number, number]> = [[100, 5], [500, 25], [1000, 50], [5000, 250]];

function depthWeight(params: Params): number {
  const limit = Number(params.limit ?? 100);
  return DEPTH_LIMITS_TO_WEIGHT.find(([upTo]) => limit <= upTo)?.[1] ?? 250;
}

function symbolsParam(context: RouteContext): string[] | undefined {
  const { params } = context;
  if (params.symbol !== undefined) return [params.symbol];
  if (params.symbols === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(params.symbols);
  } catch {
    throw reject.invalidParameter('symbols');
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) throw reject.invalidParameter('symbols');
  return parsed;
}

function klines(context: RouteContext): unknown {
  const market = context.state.markets.get(required(context.params, 'symbol'));
  return klinesFor(
    market.series,
    {
      interval: required(context.params, 'interval'),
      startTimeMs: optionalInteger(context.params, 'startTime'),
      endTimeMs: optionalInteger(context.params, 'endTime'),
      limit: optionalInteger(context.params, 'limit'),
    },
    context.marketNowMs,
  );
}

function tickers(context: RouteContext): unknown {
  const { markets } = context.state;
  const one = (symbolId: string): object =>
    ticker24hr(symbolId, markets.get(symbolId).series, markets.bookAt(symbolId, context.marketNowMs), context.marketNowMs);
  const symbols = symbolsParam(context);
  if (context.params.symbol !== undefined) return one(context.params.symbol);
  return (symbols ?? markets.all().map((market) => market.rules.symbolId)).map(one);
}

function bookTop(context: RouteContext, symbolId: string): { bidPrice: string; bidQty: string; askPrice: string; askQty: string } {
  const book = context.state.markets.bookAt(symbolId, context.marketNowMs);
  return {
    bidPrice: formatDecimal(book.bids[0]?.priceQuote ?? 0),
    bidQty: formatDecimal(book.bids[0]?.amountBase ?? 0),
    askPrice: formatDecimal(book.asks[0]?.priceQuote ?? 0),
    askQty: formatDecimal(book.asks[0]?.amountBase ?? 0),
  };
}

export const marketDataRoutes: readonly Route[] = [
  { method: 'GET', path: '/api/v3/ping', security: 'NONE', weight: fixedWeight(1), handle: () => ({}) },
  { method: 'GET', path: '/api/v3/time', security: 'NONE', weight: fixedWeight(1), handle: (context) => ({ serverTime: context.serverTimeMs }) },
  {
    method: 'GET',
    path: '/api/v3/exchangeInfo',
    security: 'NONE',
    weight: fixedWeight(20),
    handle: (context) => {
      const wanted = symbolsParam(context);
      const rules = (wanted === undefined ? context.state.markets.all() : wanted.map((id) => context.state.markets.get(id))).map((market) => market.rules);
      return exchangeInfoResponse(rules, context.serverTimeMs, context.state.weightLimitPerMinute);
    },
  },
  {
    method: 'GET',
    path: '/api/v3/depth',
    security: 'NONE',
    weight: depthWeight,
    handle: (context) => {
      const symbolId = required(context.params, 'symbol');
      const limit = limitParam(context.params, 100, 5000);
      const book = context.state.markets.bookAt(symbolId, context.marketNowMs);
      const levels = (side: typeof book.bids) => side.slice(0, limit).map((level) => [formatDecimal(level.priceQuote), formatDecimal(level.amountBase)]);
      return { lastUpdateId: Math.floor(context.marketNowMs / 1000), bids: levels(book.bids), asks: levels(book.asks) };
    },
  },
  { method: 'GET', path: '/api/v3/klines', security: 'NONE', weight: fixedWeight(2), handle: klines },
  { method: 'GET', path: '/api/v3/uiKlines', security: 'NONE', weight: fixedWeight(2), handle: klines },
  {
    method: 'GET',
    path: '/api/v3/ticker/24hr',
    security: 'NONE',
    weight: (params) => (params.symbol === undefined ? 80 : 2),
    handle: tickers,
  },
  {
    method: 'GET',
    path: '/api/v3/ticker/price',
    security: 'NONE',
    weight: (params) => (params.symbol === undefined ? 4 : 2),
    handle: (context) => {
      const price = (symbolId: string) => ({ symbol: symbolId, price: formatDecimal(context.state.markets.priceAt(symbolId, context.marketNowMs) ?? 0) });
      if (context.params.symbol !== undefined) return price(context.params.symbol);
      return (symbolsParam(context) ?? context.state.markets.all().map((market) => market.rules.symbolId)).map(price);
    },
  },
  {
    method: 'GET',
    path: '/api/v3/ticker/bookTicker',
    security: 'NONE',
    weight: (params) => (params.symbol === undefined ? 4 : 2),
    handle: (context) => {
      const top = (symbolId: string) => ({ symbol: symbolId, ...bookTop(context, symbolId) });
      if (context.params.symbol !== undefined) return top(context.params.symbol);
      return (symbolsParam(context) ?? context.state.markets.all().map((market) => market.rules.symbolId)).map(top);
    },
  },
];
