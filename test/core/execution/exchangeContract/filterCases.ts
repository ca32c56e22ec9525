import { expect, it } from 'vitest';
import { REJECTION_CODES } from '../../../../core/execution/index.ts';
import type { MakeHarness } from './harness.ts';
import { harnessFor, limitBuy, marketOrder } from './orderLifecycleCases.ts';
import { expectRejected, okValue } from './outcomes.ts';

/** The real Binance filters: BTC/USDT step 0.00001, ETH/USDT step 0.0001, tick 0.01, NOTIONAL ≥ 5 USDT. */
export function filterCases(makeHarness: MakeHarness): void {
  const start = harnessFor(makeHarness);

  it.each([
    ['BTC/USDT', 0.000015, 5000],
    ['ETH/USDT', 0.00015, 100],
    ['BTC/USDT', 0.0100001, 5000],
  ])('refuses an amount off the %s step (%f) with LOT_SIZE', async (symbol, amountBase, priceQuote) => {
    const { port } = await start();
    expectRejected(await port.createOrder(limitBuy('contract-lot', amountBase, priceQuote, symbol)), REJECTION_CODES.lotSize);
    expect(okValue(await port.fetchOpenOrders())).toEqual([]);
  });

  it('refuses an amount above the market maximum with LOT_SIZE', async () => {
    const { port } = await start({ balances: { USDT: 1e9 } });
    expectRejected(await port.createOrder(limitBuy('contract-lot-max', 9001, 5000)), REJECTION_CODES.lotSize);
  });

  it.each([
    ['BTC/USDT', 0.01, 5000.005],
    ['ETH/USDT', 0.1, 100.001],
  ])('refuses a %s price off the tick with PRICE_FILTER', async (symbol, amountBase, priceQuote) => {
    const { port } = await start();
    expectRejected(await port.createOrder(limitBuy('contract-tick', amountBase, priceQuote, symbol)), REJECTION_CODES.priceFilter);
  });

  it('refuses a stop price off the tick with PRICE_FILTER', async () => {
    const { port } = await start({ balances: { BTC: 1 } });
    const request = { clientOrderId: 'contract-stop-tick', symbol: 'BTC/USDT', side: 'sell', type: 'stop_limit', amountBase: 0.5, limitPriceQuote: 6900, stopPriceQuote: 7000.005 } as const;
    expectRejected(await port.createOrder(request), REJECTION_CODES.priceFilter);
  });

  it('refuses limit and market orders worth less than the minimum with NOTIONAL', async () => {
    const { port } = await start();
    expectRejected(await port.createOrder(limitBuy('contract-small-btc', 0.0001, 5000)), REJECTION_CODES.notional);
    expectRejected(await port.createOrder(limitBuy('contract-small-eth', 0.01, 100, 'ETH/USDT')), REJECTION_CODES.notional);
    // 0.0005 BTC at about 7354 USDT is about 3.68 USDT: the minimum applies to market orders too.
    expectRejected(await port.createOrder(marketOrder('contract-small-market', 'buy', 0.0005)), REJECTION_CODES.notional);
    expect(okValue(await port.fetchBalances()).get('USDT')).toMatchObject({ free: 10_000, used: 0 });
  });

  it('accepts orders worth exactly the minimum', async () => {
    const { port } = await start();
    expect(okValue(await port.createOrder(limitBuy('contract-min-btc', 0.001, 5000))).status).toBe('OPEN');
    expect(okValue(await port.createOrder(limitBuy('contract-min-eth', 0.05, 100, 'ETH/USDT'))).status).toBe('OPEN');
  });

  it('refuses orders the free balance cannot pay with INSUFFICIENT_BALANCE, and places nothing', async () => {
    const { port } = await start();
    expectRejected(await port.createOrder(limitBuy('contract-broke-buy', 2, 7000)), REJECTION_CODES.insufficientBalance);
    expectRejected(await port.createOrder(marketOrder('contract-broke-sell', 'sell', 0.01)), REJECTION_CODES.insufficientBalance);
    expect(okValue(await port.fetchOpenOrders())).toEqual([]);
    expect(okValue(await port.fetchBalances()).get('USDT')).toMatchObject({ free: 10_000, used: 0 });
  });

  it('counts funds locked by open orders as unavailable', async () => {
    const { port } = await start();
    okValue(await port.createOrder(limitBuy('contract-lock-1', 1, 6000)));
    expectRejected(await port.createOrder(limitBuy('contract-lock-2', 1, 5000)), REJECTION_CODES.insufficientBalance);
  });
}
