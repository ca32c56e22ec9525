import { fixedWeight, type Route } from './route.ts';

/** The few `/sapi` endpoints ccxt touches for a spot account, plus the key-permission endpoint. */
export const walletRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/sapi/v1/account/apiRestrictions',
    security: 'SIGNED',
    weight: fixedWeight(1),
    handle: (context) => context.state.account.apiRestrictions(),
  },
  {
    method: 'GET',
    path: '/sapi/v1/system/status',
    security: 'NONE',
    weight: fixedWeight(1),
    handle: () => ({ status: 0, msg: 'normal' }),
  },
  // ccxt's loadMarkets asks for margin pairs whenever a key is set (option fetchMargins).
  {
    method: 'GET',
    path: '/sapi/v1/margin/allPairs',
    security: 'API_KEY',
    weight: fixedWeight(1),
    handle: (context) =>
      context.state.markets.all().map((market, index) => ({
        id: String(351637150141315861n + BigInt(index)),
        symbol: market.rules.symbolId,
        base: market.rules.baseAsset,
        quote: market.rules.quoteAsset,
        isMarginTrade: true,
        isBuyAllowed: true,
        isSellAllowed: true,
      })),
  },
  { method: 'GET', path: '/sapi/v1/margin/isolated/allPairs', security: 'SIGNED', weight: fixedWeight(10), handle: () => [] },
];
