import { describe, expect, it } from 'vitest';
import { PositionBook, type Fill } from '../../../core/execution/index.ts';
import { setup, sizedOrder } from './executionFixtures.ts';

function fill(overrides: Partial<Fill>): Fill {
  return { symbol: 'BTC/USDT', tradeId: '1', clientOrderId: 'c', exchangeOrderId: 'e', side: 'buy', priceQuote: 100, amountBase: 1, fee: null, atMs: 0, ...overrides };
}

describe('partial fills', () => {
  it('tracks a partly filled order with its average price and fees, and derives the position from its fills', async () => {
    const s = setup();
    await s.manager.start();
    s.exchange.script('createOrder', { kind: 'partial', fraction: 0.3 });
    const result = await s.manager.submit(sizedOrder({ amountBase: 0.01, limitPriceQuote: 49_000 }));
    if (!result.ok) throw new Error(result.error.reason);
    expect(result.value).toMatchObject({ status: 'PARTIALLY_FILLED', filledBase: 0.003, averagePriceQuote: 49_000 });
    expect(s.manager.positions()[0]?.amountBase).toBeCloseTo(0.003 * 0.999, 12);

    s.exchange.fill(result.value.exchangeOrderId!, 0.007, 48_990);
    await s.manager.sync();
    const order = s.manager.order(result.value.clientOrderId)!;
    expect(order.status).toBe('FILLED');
    expect(order.filledBase).toBe(0.01);
    expect(order.averagePriceQuote).toBeCloseTo((0.003 * 49_000 + 0.007 * 48_990) / 0.01, 6);
    expect(order.fees[0]?.amount).toBeCloseTo(0.00001, 12);
    const position = s.manager.positions()[0]!;
    expect(position.amountBase).toBeCloseTo(0.00999, 12);
    expect(s.manager.balanceDeltas().get('BTC')).toBeCloseTo(s.exchange.balance('BTC'), 12);
    expect(s.manager.balanceDeltas().get('USDT')).toBeCloseTo(s.exchange.balance('USDT') - 100_000, 8);
  });

  it('takes the position from the fills, not from what the order asked for', async () => {
    const s = setup();
    await s.manager.start();
    s.exchange.script('createOrder', { kind: 'partial', fraction: 0.5 });
    const result = await s.manager.submit(sizedOrder({ type: 'market', limitPriceQuote: undefined, amountBase: 0.02 }), { referencePriceQuote: 50_000 });
    expect(result.ok && result.value.status).toBe('EXPIRED');
    expect(s.manager.positions()[0]?.amountBase).toBeCloseTo(0.01 * 0.999, 12);
  });
});

describe('position book', () => {
  it('computes realised and unrealised P&L net of fees with average cost', () => {
    const book = new PositionBook([
      fill({ tradeId: '1', side: 'buy', priceQuote: 100, amountBase: 2, fee: { asset: 'USDT', amount: 0.2 } }),
      fill({ tradeId: '2', side: 'buy', priceQuote: 130, amountBase: 1, fee: { asset: 'USDT', amount: 0.13 } }),
      fill({ tradeId: '3', side: 'sell', priceQuote: 150, amountBase: 1.5, fee: { asset: 'USDT', amount: 0.225 } }),
    ]);
    const position = book.position('BTC/USDT');
    const averageCost = (200.2 + 130.13) / 3;
    expect(position.amountBase).toBeCloseTo(1.5, 12);
    expect(position.averageEntryPriceQuote).toBeCloseTo(averageCost, 9);
    expect(position.realisedPnlQuote).toBeCloseTo(225 - 0.225 - 1.5 * averageCost, 9);
    expect(position.feesPaidQuote).toBeCloseTo(0.555, 12);
    expect(book.valuation('BTC/USDT', 120).unrealisedPnlQuote).toBeCloseTo(1.5 * 120 - 1.5 * averageCost, 9);
    expect(book.balanceDeltas().get('USDT')).toBeCloseTo(-200.2 - 130.13 + 225 - 0.225, 9);
    expect(book.balanceDeltas().get('BTC')).toBeCloseTo(1.5, 12);
  });

  it('holds less base when the fee is taken in base, and never goes short on a sell of older holdings', () => {
    const book = new PositionBook([
      fill({ tradeId: '1', side: 'buy', priceQuote: 100, amountBase: 1, fee: { asset: 'BTC', amount: 0.001 } }),
      fill({ tradeId: '2', side: 'sell', priceQuote: 100, amountBase: 1.5, fee: null }),
    ]);
    const position = book.position('BTC/USDT');
    expect(position.amountBase).toBe(0);
    expect(position.unmatchedSellBase).toBeCloseTo(0.501, 12);
    expect(book.balanceDeltas().get('BTC')).toBeCloseTo(-0.501, 12);
  });
});
