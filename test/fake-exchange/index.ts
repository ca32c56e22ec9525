/**
 * A local exchange that speaks Binance spot REST, replays real candles, and fails on demand, so
 * that the real ccxt code path (signing, parsing, error mapping, rate limiting) runs in tests.
 */
export { startFakeExchange, DEFAULT_CANDLE_FILES, type FakeExchange, type FakeExchangeOptions } from './exchange.ts';
export { binanceClientFor, fakeExchangeApiUrls, FAKE_EXCHANGE_CCXT_OPTIONS, type BinanceClientOverrides } from './ccxtClient.ts';
export { FaultPlan, seededRandom, type Fault, type FaultRule, type FiredFault, type LostConnection, type RequestLimit, type ServerErrorBody } from './faults.ts';
export { FakeAccount, defaultPermissions, generateFakeCredentials, DEFAULT_BALANCES, type AccountOptions, type AssetBalance, type Credentials, type KeyPermissions } from './account.ts';
export { MarketClock, type MarketTimeInput } from './clock.ts';
export type { AnotherApp, AnotherAppOrder } from './anotherApp.ts';
export type { ExchangeInspector } from './inspect.ts';
export type { ExchangeCounters, RequestLogEntry } from './requestLog.ts';
export type { FakeOrder, FakeTrade, OrderStatus } from './orders.ts';
export { DEFAULT_BOOK_SHAPE, type BookShape } from './book.ts';
export { DEFAULT_MATCHING, type FeeRates } from './matching.ts';
export { DEFAULT_WEIGHT_LIMIT, type WeightLimitOptions } from './weights.ts';
export { loadCandleCsv, type CandleSeries } from './candles.ts';
export { signQuery } from './signing.ts';
