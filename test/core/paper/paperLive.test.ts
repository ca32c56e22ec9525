import { describe, expect, it, onTestFinished } from 'vitest';
import { openJournal } from '../../../core/journal/index.ts';
import { createCcxtMarketData } from '../../../core/market/index.ts';
import { createPaperExchange, type PaperExchange } from '../../../core/paper/index.ts';
import { binanceClientFor, startFakeExchange, type FakeExchange } from '../../fake-exchange/index.ts';
import { okValue, sum } from '../execution/exchangeContract/outcomes.ts';

const CRASH_HOUR = '2020-03-12T10:00:00Z';
const HOUR_MS = 3_600_000;

/** Paper trading on live public data: here the fake Binance's public endpoints through real ccxt. */
async function livePaper(options: { latencyMs?: number } = {}): Promise<{ port: PaperExchange; fake: FakeExchange }> {
  const fake = await startFakeExchange({ startAt: CRASH_HOUR });
  onTestFinished(() => fake.close());
  const marketData = createCcxtMarketData({
    exchangeId: 'binance',
    exchange: binanceClientFor(fake, { enableRateLimit: false, timeout: 2000 }),
    nowMs: () => fake.clock.nowMs(),
    unsafeAllowRateLimiterOffInTests: true,
  });
  if (!marketData.ok) expect.fail(marketData.error.detail);
  const journal = openJournal(':memory:');
  onTestFinished(() => { journal.close(); });
  const created = createPaperExchange({
    journal,
    initialBalances: { USDT: 100_000 },
    feed: { kind: 'live', marketData: marketData.value, timeframe: '1h', minSyncIntervalMs: 0 },
    ...options,
  });
  if (!created.ok) expect.fail(created.error.detail);
  return { port: created.value, fake };
}

describe('paper trading on live market data', () => {
  it('takes its markets and trading rules from the exchange', async () => {
    const { port } = await livePaper();
    expect(okValue(await port.loadMarkets()).get('BTC/USDT')).toMatchObject({ precision: { amountStepBase: 0.00001, priceTickQuote: 0.01 }, limits: { minNotionalQuote: 5 } });
  });

  it('walks the live order book for a market order, level by level, exactly as the exchange itself would fill it', async () => {
    const { port, fake } = await livePaper();
    const paperOrder = okValue(await port.createOrder({ clientOrderId: 'live-walk', symbol: 'BTC/USDT', side: 'buy', type: 'market', amountBase: 10 }));
    const trades = okValue(await port.fetchMyTrades('BTC/USDT'));
    // Ten BTC is more than one level of the book holds, so the price walks up.
    expect(trades.length).toBeGreaterThan(1);
    expect(trades[1]!.priceQuote).toBeGreaterThan(trades[0]!.priceQuote);
    // The same order placed on the exchange itself, at the same moment, fills at the same prices.
    fake.account.setBalance('USDT', 100_000);
    const real = await binanceClientFor(fake, { enableRateLimit: false }).createOrder('BTC/USDT', 'market', 'buy', 10);
    expect(paperOrder.status).toBe('FILLED');
    expect(paperOrder.averagePriceQuote).toBeCloseTo(real.average!, 6);
    expect(sum(trades.map((trade) => trade.priceQuote * trade.amountBase))).toBeCloseTo(real.cost!, 4);
    expect(paperOrder.fees).toEqual([{ asset: 'BTC', amount: 0.01 }]);
  });

  it('fills a resting limit order from the bars that closed since, when it next looks', async () => {
    const { port, fake } = await livePaper();
    const placed = okValue(await port.createOrder({ clientOrderId: 'live-limit', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amountBase: 0.01, limitPriceQuote: 7000 }));
    expect(placed.status).toBe('OPEN');
    fake.clock.advance(HOUR_MS / 2);
    // The crash hour has not closed yet: a bar still forming says nothing final.
    expect(okValue(await port.fetchOrder({ symbol: 'BTC/USDT', exchangeOrderId: placed.exchangeOrderId })).status).toBe('OPEN');
    fake.clock.advance(HOUR_MS / 2);
    const order = okValue(await port.fetchOrder({ symbol: 'BTC/USDT', exchangeOrderId: placed.exchangeOrderId }));
    expect(order).toMatchObject({ status: 'FILLED', averagePriceQuote: 7000, fees: [{ asset: 'BTC', amount: 0.00001 }] });
    expect(okValue(await port.fetchBalances()).get('USDT')).toMatchObject({ free: 99_930, used: 0 });
  });

  it('waits out the configured latency in real time before meeting the book', async () => {
    const { port } = await livePaper({ latencyMs: 120 });
    const startedMs = Date.now();
    okValue(await port.createOrder({ clientOrderId: 'live-slow', symbol: 'BTC/USDT', side: 'buy', type: 'market', amountBase: 0.01 }));
    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(110);
  });

  it('answers unavailable when the market data cannot be fetched, and places nothing', async () => {
    const { port, fake } = await livePaper();
    okValue(await port.loadMarkets());
    fake.faults.add({ path: '/api/v3/depth', fault: { kind: 'serverError', status: 502 } });
    expect(await port.createOrder({ clientOrderId: 'live-down', symbol: 'BTC/USDT', side: 'buy', type: 'market', amountBase: 0.01 })).toMatchObject({ kind: 'unavailable' });
    expect(okValue(await port.fetchOpenOrders())).toEqual([]);
    expect(okValue(await port.fetchMyTrades('BTC/USDT'))).toEqual([]);
  });

  it('refuses replay controls on a live account', async () => {
    const { port } = await livePaper();
    expect(port.advanceTo(Date.now() + HOUR_MS)).toMatchObject({ kind: 'rejected', exchangeCode: 'NOT_A_REPLAY' });
  });
});
