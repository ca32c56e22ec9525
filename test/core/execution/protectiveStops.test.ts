import { describe, expect, it } from 'vitest';
import { CLIENT_SIDE_STOP_MESSAGE } from '../../../core/execution/index.ts';
import { setup, sizedOrder } from './executionFixtures.ts';

describe('protective exits', () => {
  it('places an exchange stop sized from the FILLED amount (net of the base fee), not the intended one', async () => {
    const s = setup({ supportsNativeStops: true });
    await s.manager.start();
    s.exchange.script('createOrder', { kind: 'partial', fraction: 0.4 });
    const entry = await s.manager.submit(sizedOrder({ amountBase: 0.01, limitPriceQuote: 49_000, stopPriceQuote: 47_000 }));
    expect(entry.ok && entry.value.filledBase).toBe(0.004);
    const stops = s.exchange.allOrders().filter((order) => order.type === 'stop_limit');
    expect(stops).toHaveLength(1);
    // 0.004 filled − 0.000004 fee in BTC = 0.003996 → 0.00399 on the 0.00001 grid.
    expect(stops[0]).toMatchObject({ side: 'sell', amountBase: 0.00399, stopPriceQuote: 47_000, status: 'OPEN' });
    expect(stops[0]!.limitPriceQuote).toBeLessThan(47_000);
    expect(s.manager.protectionWarnings()).toEqual([]);
  });

  it('resizes the stop when more of the entry fills: the old stop is cancelled first, one live stop remains', async () => {
    const s = setup({ supportsNativeStops: true });
    await s.manager.start();
    s.exchange.script('createOrder', { kind: 'partial', fraction: 0.4 });
    const entry = await s.manager.submit(sizedOrder({ amountBase: 0.01, limitPriceQuote: 49_000, stopPriceQuote: 47_000 }));
    if (!entry.ok) throw new Error(entry.error.reason);
    s.exchange.fill(entry.value.exchangeOrderId!, 0.006);
    await s.manager.sync();
    const stops = s.exchange.allOrders().filter((order) => order.type === 'stop_limit');
    expect(stops.map((stop) => stop.status)).toEqual(['CANCELED', 'OPEN']);
    expect(stops[1]?.amountBase).toBe(0.00999);
  });

  it('registers a client-side stop with a visible warning when the exchange has no native stops, and sells the filled amount when hit', async () => {
    const s = setup({ supportsNativeStops: false });
    await s.manager.start();
    s.exchange.script('createOrder', { kind: 'partial', fraction: 0.5 });
    await s.manager.submit(sizedOrder({ amountBase: 0.01, limitPriceQuote: 49_000, stopPriceQuote: 47_000 }));
    expect(s.exchange.allOrders().filter((order) => order.type === 'stop_limit')).toHaveLength(0);
    expect(s.manager.clientSideStops()).toMatchObject([{ amountBase: 0.00499, stopPriceQuote: 47_000 }]);
    expect(s.manager.protectionWarnings()).toMatchObject([{ code: 'CLIENT_SIDE_STOP', message: CLIENT_SIDE_STOP_MESSAGE }]);
    expect(CLIENT_SIDE_STOP_MESSAGE).toContain('only while Ballast is running');

    expect(await s.manager.onPrice('BTC/USDT', 47_500)).toEqual([]);
    const triggered = await s.manager.onPrice('BTC/USDT', 46_900);
    expect(triggered).toHaveLength(1);
    expect(triggered[0]?.ok && triggered[0].value).toMatchObject({ side: 'sell', type: 'market', amountBase: 0.00499, purpose: 'protective_stop', status: 'FILLED' });
    expect(s.manager.clientSideStops()).toEqual([]);
    // Triggered once only.
    expect(await s.manager.onPrice('BTC/USDT', 46_000)).toEqual([]);
  });

  it('keeps the client-side stop and its warning across a restart', async () => {
    const s = setup({ supportsNativeStops: false });
    await s.manager.start();
    s.exchange.script('createOrder', { kind: 'partial', fraction: 0.5 });
    await s.manager.submit(sizedOrder({ amountBase: 0.01, limitPriceQuote: 49_000, stopPriceQuote: 47_000 }));
    const restarted = s.restart();
    expect(restarted.protectionWarnings()).toHaveLength(1);
    expect(restarted.clientSideStops()).toHaveLength(1);
  });
});
