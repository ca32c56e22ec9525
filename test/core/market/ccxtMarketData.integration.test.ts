import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCcxtMarketData, fetchLiquidityView, type MarketDataPort, type MarketResult } from '../../../core/market/index.ts';
import { binanceClientFor, startFakeExchange, type Fault, type FakeExchange } from '../../fake-exchange/index.ts';

const CANARY_KEY = 'FAKE-KEY-CANARY-7d3f9c1a';
const CANARY_SECRET = 'FAKE-SECRET-CANARY-b21e0c44';
const LAST_BAR_MS = Date.UTC(2021, 5, 9, 23);

describe('ccxt market data against the fake Binance exchange', () => {
  let fake: FakeExchange;
  let port: MarketDataPort;
  const results: unknown[] = [];

  const remember = <T>(result: MarketResult<T>): MarketResult<T> => {
    results.push(result);
    return result;
  };

  beforeAll(async () => {
    fake = await startFakeExchange({ book: { spreadBps: 10 } });
    const client = binanceClientFor(fake, { timeout: 1_000, apiKey: CANARY_KEY, secret: CANARY_SECRET });
    client.rateLimit = 5;
    const created = createCcxtMarketData({ exchangeId: 'binance', exchange: client, nowMs: () => fake.clock.nowMs() });
    if (!created.ok) throw new Error(created.error.detail);
    expect(client.enableRateLimit).toBe(true);
    port = created.value;
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.faults.clear();
    fake.resetRateLimits();
  });

  it("reads the real BTC/USDT and ETH/USDT rules from the exchange's filters", async () => {
    const catalogue = remember(await port.fetchMarkets());
    expect(catalogue.ok && catalogue.value.refused).toEqual([]);
    const btc = remember(await port.fetchMarket('BTC/USDT'));
    expect(btc).toEqual({
      ok: true,
      value: {
        exchange: 'binance',
        symbol: 'BTC/USDT',
        base: 'BTC',
        quote: 'USDT',
        active: true,
        precision: { amountStepBase: 0.00001, amountDecimals: 5, priceTickQuote: 0.01, priceDecimals: 2 },
        limits: { minAmountBase: 0.00001, maxAmountBase: 9000, minNotionalQuote: 5 },
        fees: { makerRate: 0.001, takerRate: 0.001 },
      },
    });
    const eth = remember(await port.fetchMarket('ETH/USDT'));
    expect(eth.ok && eth.value.precision.amountStepBase).toBe(0.0001);
  });

  it('fetches candles as the file has them, the latest one last', async () => {
    const candles = remember(await port.fetchCandles('BTC/USDT', '1h', LAST_BAR_MS - 3_600_000, 10));
    expect(candles).toEqual({
      ok: true,
      value: [
        { openTimeMs: LAST_BAR_MS - 3_600_000, open: 36641.21, high: 37353.56, low: 36507, close: 37098.53, volumeBase: 4960.255467 },
        { openTimeMs: LAST_BAR_MS, open: 37098.31, high: 37534.79, low: 36960, close: 37388.05, volumeBase: 4701.451279 },
      ],
    });
  });

  it('builds a liquidity view with the configured spread, depth and the 24 h quote volume', async () => {
    const view = remember(await fetchLiquidityView(port, 'BTC/USDT', { depthWithinBps: 50, bookDepthLimit: 100 }));
    expect(view.ok).toBe(true);
    if (!view.ok) return;
    expect(view.value.spreadBps).toBeGreaterThan(9.9);
    expect(view.value.spreadBps).toBeLessThan(10.1);
    expect(view.value.bidDepthQuote).toBeGreaterThan(0);
    expect(view.value.askDepthQuote).toBeGreaterThan(0);
    expect(view.value.quoteVolume24h).toBeGreaterThan(1e9);
    expect(view.value.midQuote).toBeCloseTo(37388.05, -1);
  });

  it('reads the exchange clock', async () => {
    const time = remember(await port.fetchTime());
    expect(time.ok && time.value).toBeGreaterThan(0);
  });

  it('refuses a market the exchange does not list without asking for candles', async () => {
    const before = fake.inspect.counters().byPath['GET /api/v3/klines'] ?? 0;
    expect(remember(await port.fetchCandles('XRP/USDT', '1h', LAST_BAR_MS, 5))).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SYMBOL' } });
    expect(fake.inspect.counters().byPath['GET /api/v3/klines'] ?? 0).toBe(before);
  });

  it.each<[string, string, boolean, Fault]>([
    ['maintenance (503)', 'EXCHANGE_UNAVAILABLE', true, { kind: 'maintenance' }],
    ['rate limit (429)', 'RATE_LIMITED', true, { kind: 'rateLimited' }],
    ['IP ban (418)', 'RATE_LIMITED', true, { kind: 'ipBanned' }],
    ['an internal error (500, -1000)', 'EXCHANGE_UNAVAILABLE', true, { kind: 'serverError', status: 500 }],
    ['a gateway page (502)', 'EXCHANGE_UNAVAILABLE', true, { kind: 'serverError', status: 502, body: 'html' }],
    ['a gateway timeout (504)', 'TIMEOUT', true, { kind: 'serverError', status: 504, body: 'text' }],
    ['no answer', 'TIMEOUT', true, { kind: 'timeoutBeforeAccept' }],
    ['a reset connection', 'NETWORK', true, { kind: 'timeoutBeforeAccept', connection: 'reset' }],
  ])('turns %s into a typed, plain-worded %s result', async (_name, code, retryable, fault) => {
    fake.faults.add({ fault, path: '/api/v3/klines', times: 1 });
    const result = remember(await port.fetchCandles('BTC/USDT', '1h', LAST_BAR_MS, 5));
    expect(result).toMatchObject({ ok: false, error: { code, retryable } });
    if (!result.ok) expect(result.error.message).not.toMatch(/ccxt|Error|undefined/);
    expect(remember(await port.fetchCandles('BTC/USDT', '1h', LAST_BAR_MS, 5)).ok).toBe(true);
  });

  it('turns faults on the order book and ticker into typed results too', async () => {
    fake.faults.add({ fault: { kind: 'maintenance' }, path: /^\/api\/v3\/(depth|ticker\/24hr)$/ });
    expect(remember(await port.fetchOrderBook('BTC/USDT', 5))).toMatchObject({ ok: false, error: { code: 'EXCHANGE_UNAVAILABLE' } });
    expect(remember(await port.fetchTicker('BTC/USDT'))).toMatchObject({ ok: false, error: { code: 'EXCHANGE_UNAVAILABLE' } });
    expect(remember(await fetchLiquidityView(port, 'BTC/USDT'))).toMatchObject({ ok: false });
  });

  it('never puts the API key or secret in any result, message or detail', () => {
    expect(results.length).toBeGreaterThan(15);
    const text = JSON.stringify(results);
    expect(text).not.toContain(CANARY_KEY);
    expect(text).not.toContain(CANARY_SECRET);
  });
});
