import { readFileSync } from 'node:fs';
import { PRECISION_MODE, marketInfoFromCcxt } from '../../../core/market/ccxtMarkets.ts';
import type { LiquidityView, MarketInfo } from '../../../core/market/index.ts';
import { DEFAULT_RISK_LIMITS, type AccountView, type Intent, type MarketView, type PositionView, type RiskLimits } from '../../../core/risk/index.ts';
import { sharedDataPath } from '../../support/sharedData.ts';

/**
 * Binance's real BTC/USDT and ETH/USDT trading rules (step 0.00001 / 0.0001, tick 0.01, minimum
 * value 5 USDT), read from the shared reference data through the market layer's own mapping.
 */
function realMarkets(): ReadonlyMap<string, MarketInfo> {
  const raw = JSON.parse(readFileSync(sharedDataPath('markets/ccxt_static_markets_binance_BTCUSDT_ETHUSDT_excerpt.json'), 'utf8')) as Record<string, unknown>;
  const markets = new Map<string, MarketInfo>();
  for (const symbol of ['BTC/USDT', 'ETH/USDT']) {
    const mapped = marketInfoFromCcxt(raw[symbol], 'binance', PRECISION_MODE.decimalPlaces);
    if (!mapped.ok) throw new Error(`reference market ${symbol} did not map: ${mapped.reason}`);
    markets.set(symbol, mapped.market);
  }
  return markets;
}

export const REAL_MARKETS = realMarkets();
export const BTC_USDT = REAL_MARKETS.get('BTC/USDT')!;
export const ETH_USDT = REAL_MARKETS.get('ETH/USDT')!;

export const NOW_MS = 1_600_000_000_000;

/** A liquid book around `midQuote`: spread `spreadBps`, `depthQuote` resting per side within 50 bps. */
export function liquidityAround(symbol: string, midQuote: number, options: { spreadBps?: number; depthQuote?: number; quoteVolume24h?: number | null; atMs?: number } = {}): LiquidityView {
  const spreadBps = options.spreadBps ?? 2;
  const half = (midQuote * spreadBps) / 20_000;
  return {
    symbol,
    atMs: options.atMs ?? NOW_MS,
    quoteVolume24h: options.quoteVolume24h === undefined ? 2_000_000_000 : options.quoteVolume24h,
    bidQuote: midQuote - half,
    askQuote: midQuote + half,
    midQuote,
    spreadBps,
    depthWithinBps: 50,
    bidDepthQuote: options.depthQuote ?? 5_000_000,
    askDepthQuote: options.depthQuote ?? 5_000_000,
  };
}

export function marketView(market: MarketInfo, midQuote: number, options: Parameters<typeof liquidityAround>[2] & { atrQuote?: number | null } = {}): MarketView {
  return { market, liquidity: liquidityAround(market.symbol, midQuote, options), atrQuote: options.atrQuote === undefined ? midQuote * 0.01 : options.atrQuote };
}

export function account(overrides: Partial<AccountView> = {}): AccountView {
  return {
    quoteAsset: 'USDT',
    equityQuote: 10_000,
    freeQuote: 10_000,
    positions: [],
    openOrders: [],
    dayStartEquityQuote: 10_000,
    highWaterMarkQuote: 10_000,
    orderTimesMs: [],
    ...overrides,
  };
}

export function position(symbol: string, amountBase: number, markPriceQuote: number): PositionView {
  return { symbol, amountBase, averageEntryQuote: markPriceQuote, markPriceQuote };
}

let intentCounter = 0;

export function buyIntent(overrides: Partial<Intent> = {}): Intent {
  intentCounter += 1;
  return {
    intentId: `test-intent-${intentCounter}`,
    origin: 'strategy',
    purpose: 'entry',
    symbol: 'BTC/USDT',
    side: 'buy',
    atMs: NOW_MS,
    orderType: 'limit',
    limitPriceQuote: 50_000,
    desiredFractionOfEquity: 0.01,
    rationale: 'test entry',
    ...overrides,
  };
}

export function sellIntent(overrides: Partial<Intent> = {}): Intent {
  intentCounter += 1;
  return {
    intentId: `test-exit-${intentCounter}`,
    origin: 'strategy',
    purpose: 'exit',
    symbol: 'BTC/USDT',
    side: 'sell',
    atMs: NOW_MS,
    orderType: 'limit',
    limitPriceQuote: 50_000,
    rationale: 'test exit',
    ...overrides,
  };
}

export function limits(overrides: Partial<RiskLimits> = {}): RiskLimits {
  return { ...DEFAULT_RISK_LIMITS, ...overrides };
}
