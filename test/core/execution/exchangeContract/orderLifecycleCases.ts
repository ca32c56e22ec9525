import { expect, it, onTestFinished } from 'vitest';
import { REJECTION_CODES, type OrderRequest } from '../../../../core/execution/index.ts';
import type { ExchangeHarness, HarnessOptions, MakeHarness } from './harness.ts';
import { expectRejected, okValue } from './outcomes.ts';

/** 2020-03-12 10:00 UTC: BTC/USDT opens at 7354.21 and falls to 5550 within the hour. */
export const CRASH_HOUR = '2020-03-12T10:00:00Z';

export function harnessFor(makeHarness: MakeHarness) {
  return async (options: Partial<HarnessOptions> = {}): Promise<ExchangeHarness> => {
    const harness = await makeHarness({ startAt: CRASH_HOUR, balances: { USDT: 10_000 }, ...options });
    onTestFinished(() => harness.close());
    return harness;
  };
}

export const limitBuy = (clientOrderId: string, amountBase: number, limitPriceQuote: number, symbol = 'BTC/USDT'): OrderRequest => ({
  clientOrderId,
  symbol,
  side: 'buy',
  type: 'limit',
  amountBase,
  limitPriceQuote,
});

export const marketOrder = (clientOrderId: string, side: 'buy' | 'sell', amountBase: number, symbol = 'BTC/USDT'): OrderRequest => ({
  clientOrderId,
  symbol,
  side,
  type: 'market',
  amountBase,
});

export function orderLifecycleCases(makeHarness: MakeHarness): void {
  const start = harnessFor(makeHarness);

  it('lists BTC/USDT and ETH/USDT with the real Binance steps, ticks, minimum order value and fees', async () => {
    const { port } = await start();
    const markets = okValue(await port.loadMarkets());
    expect(markets.get('BTC/USDT')).toMatchObject({
      base: 'BTC',
      quote: 'USDT',
      active: true,
      precision: { amountStepBase: 0.00001, priceTickQuote: 0.01 },
      limits: { minAmountBase: 0.00001, maxAmountBase: 9000, minNotionalQuote: 5 },
      fees: { makerRate: 0.001, takerRate: 0.001 },
    });
    expect(markets.get('ETH/USDT')).toMatchObject({ precision: { amountStepBase: 0.0001, priceTickQuote: 0.01 }, limits: { minNotionalQuote: 5 } });
  });

  it('reports the starting balances as free', async () => {
    const { port } = await start({ balances: { USDT: 2500, BTC: 0.5 } });
    const balances = okValue(await port.fetchBalances());
    expect(balances.get('USDT')).toEqual({ asset: 'USDT', free: 2500, used: 0, total: 2500 });
    expect(balances.get('BTC')).toEqual({ asset: 'BTC', free: 0.5, used: 0, total: 0.5 });
    expect(balances.get('ETH')?.total ?? 0).toBe(0);
  });

  it('places a resting limit buy under its client order id and locks its cost', async () => {
    const { port } = await start();
    const order = okValue(await port.createOrder(limitBuy('contract-limit-1', 0.01, 5000)));
    expect(order).toMatchObject({
      clientOrderId: 'contract-limit-1',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      status: 'OPEN',
      amountBase: 0.01,
      filledBase: 0,
      averagePriceQuote: null,
      limitPriceQuote: 5000,
      stopPriceQuote: null,
      fees: [],
    });
    expect(order.exchangeOrderId).not.toBe('');
    expect(okValue(await port.fetchBalances()).get('USDT')).toEqual({ asset: 'USDT', free: 9950, used: 50, total: 10_000 });
  });

  it('finds an order by exchange id, by client order id, and by both', async () => {
    const { port } = await start();
    const placed = okValue(await port.createOrder(limitBuy('contract-find-1', 0.01, 5000)));
    const byId = okValue(await port.fetchOrder({ symbol: 'BTC/USDT', exchangeOrderId: placed.exchangeOrderId }));
    const byClientId = okValue(await port.fetchOrder({ symbol: 'BTC/USDT', clientOrderId: 'contract-find-1' }));
    const byBoth = okValue(await port.fetchOrder({ symbol: 'BTC/USDT', exchangeOrderId: placed.exchangeOrderId, clientOrderId: 'contract-find-1' }));
    for (const found of [byId, byClientId, byBoth]) {
      expect(found).toMatchObject({ exchangeOrderId: placed.exchangeOrderId, clientOrderId: 'contract-find-1', status: 'OPEN', limitPriceQuote: 5000, amountBase: 0.01 });
    }
  });

  it('answers not_found for an unknown exchange id, an unknown client id, and ids that do not belong together', async () => {
    const { port } = await start();
    const placed = okValue(await port.createOrder(limitBuy('contract-known', 0.01, 5000)));
    expect(await port.fetchOrder({ symbol: 'BTC/USDT', exchangeOrderId: '987654321' })).toMatchObject({ kind: 'not_found' });
    expect(await port.fetchOrder({ symbol: 'BTC/USDT', clientOrderId: 'never-sent' })).toMatchObject({ kind: 'not_found' });
    expect(await port.fetchOrder({ symbol: 'BTC/USDT', exchangeOrderId: placed.exchangeOrderId, clientOrderId: 'someone-else' })).toMatchObject({ kind: 'not_found' });
    expect(await port.fetchOrder({ symbol: 'ETH/USDT', exchangeOrderId: placed.exchangeOrderId })).toMatchObject({ kind: 'not_found' });
  });

  it('rejects a second open order with the same client order id as a duplicate, and places nothing', async () => {
    const { port } = await start();
    okValue(await port.createOrder(limitBuy('contract-dup', 0.01, 5000)));
    const duplicate = await port.createOrder(limitBuy('contract-dup', 0.01, 5100));
    expectRejected(duplicate, REJECTION_CODES.duplicateClientOrderId);
    expect(okValue(await port.fetchOpenOrders('BTC/USDT'))).toHaveLength(1);
    expect(okValue(await port.fetchBalances()).get('USDT')).toMatchObject({ free: 9950, used: 50 });
  });

  it('accepts a client order id again once its order is closed, and then finds the newest order by it', async () => {
    const { port } = await start();
    const first = okValue(await port.createOrder(limitBuy('contract-reuse', 0.01, 5000)));
    okValue(await port.cancelOrder({ symbol: 'BTC/USDT', exchangeOrderId: first.exchangeOrderId }));
    const second = okValue(await port.createOrder(limitBuy('contract-reuse', 0.01, 5100)));
    expect(second.exchangeOrderId).not.toBe(first.exchangeOrderId);
    expect(okValue(await port.fetchOrder({ symbol: 'BTC/USDT', clientOrderId: 'contract-reuse' })).exchangeOrderId).toBe(second.exchangeOrderId);
  });

  it('cancels by exchange id and by client order id, releasing the locked funds', async () => {
    const { port } = await start();
    const first = okValue(await port.createOrder(limitBuy('contract-cancel-1', 0.01, 5000)));
    okValue(await port.createOrder(limitBuy('contract-cancel-2', 0.02, 5000)));
    expect(okValue(await port.fetchBalances()).get('USDT')).toMatchObject({ free: 9850, used: 150 });
    const byId = okValue(await port.cancelOrder({ symbol: 'BTC/USDT', exchangeOrderId: first.exchangeOrderId }));
    expect(byId).toMatchObject({ exchangeOrderId: first.exchangeOrderId, clientOrderId: 'contract-cancel-1', status: 'CANCELED', filledBase: 0 });
    const byClientId = okValue(await port.cancelOrder({ symbol: 'BTC/USDT', clientOrderId: 'contract-cancel-2' }));
    expect(byClientId).toMatchObject({ clientOrderId: 'contract-cancel-2', status: 'CANCELED' });
    expect(okValue(await port.fetchOpenOrders('BTC/USDT'))).toEqual([]);
    expect(okValue(await port.fetchBalances()).get('USDT')).toEqual({ asset: 'USDT', free: 10_000, used: 0, total: 10_000 });
    expect(okValue(await port.fetchOrder({ symbol: 'BTC/USDT', clientOrderId: 'contract-cancel-1' })).status).toBe('CANCELED');
  });

  it('answers not_found when cancelling an unknown order or one that has already filled', async () => {
    const { port } = await start();
    expect(await port.cancelOrder({ symbol: 'BTC/USDT', exchangeOrderId: '987654321' })).toMatchObject({ kind: 'not_found' });
    expect(await port.cancelOrder({ symbol: 'BTC/USDT', clientOrderId: 'never-sent' })).toMatchObject({ kind: 'not_found' });
    const filled = okValue(await port.createOrder(marketOrder('contract-filled', 'buy', 0.01)));
    expect(filled.status).toBe('FILLED');
    expect(await port.cancelOrder({ symbol: 'BTC/USDT', exchangeOrderId: filled.exchangeOrderId })).toMatchObject({ kind: 'not_found' });
  });

  it('lists open orders per market and across markets, and only open ones', async () => {
    const { port } = await start();
    const btc = okValue(await port.createOrder(limitBuy('contract-open-btc', 0.01, 5000)));
    const eth = okValue(await port.createOrder(limitBuy('contract-open-eth', 0.1, 100, 'ETH/USDT')));
    const canceled = okValue(await port.createOrder(limitBuy('contract-open-gone', 0.01, 5000)));
    okValue(await port.cancelOrder({ symbol: 'BTC/USDT', exchangeOrderId: canceled.exchangeOrderId }));
    expect(okValue(await port.fetchOpenOrders('BTC/USDT')).map((order) => order.exchangeOrderId)).toEqual([btc.exchangeOrderId]);
    expect(okValue(await port.fetchOpenOrders('ETH/USDT')).map((order) => order.clientOrderId)).toEqual(['contract-open-eth']);
    const all = okValue(await port.fetchOpenOrders());
    expect(all.map((order) => order.exchangeOrderId).sort()).toEqual([btc.exchangeOrderId, eth.exchangeOrderId].sort());
  });

  it('refuses a market it does not list', async () => {
    const { port } = await start();
    expectRejected(await port.createOrder(limitBuy('contract-doge', 100, 0.05, 'DOGE/USDT')), REJECTION_CODES.unknownSymbol);
    expectRejected(await port.fetchOpenOrders('DOGE/USDT'), REJECTION_CODES.unknownSymbol);
  });

  it('refuses a malformed request (a limit order without a price) and places nothing', async () => {
    const { port } = await start();
    const { limitPriceQuote: _omitted, ...withoutPrice } = limitBuy('contract-no-price', 0.01, 5000);
    expectRejected(await port.createOrder(withoutPrice), REJECTION_CODES.invalidRequest);
    expectRejected(await port.createOrder({ ...marketOrder('contract-zero', 'buy', 0.01), amountBase: 0 }), REJECTION_CODES.invalidRequest);
    expect(okValue(await port.fetchOpenOrders())).toEqual([]);
  });
}
