import { describe, expect, it } from 'vitest';
import { CLIENT_ORDER_ID_PATTERN, clientOrderIdFor, floorToStep, isOnStep, prepareOrderRequest, roundToTick } from '../../../core/execution/index.ts';
import { BTC_USDT } from '../../support/scriptedExchange.ts';
import { setup, sizedOrder } from './executionFixtures.ts';

describe('client order id', () => {
  it('is the same for the same intent every time, valid for Binance, and different for another intent', () => {
    const a = clientOrderIdFor({ intentId: 'strategy:sma:BTC/USDT:1700000000000:buy' });
    expect(clientOrderIdFor({ intentId: 'strategy:sma:BTC/USDT:1700000000000:buy' })).toBe(a);
    expect(a).toMatch(CLIENT_ORDER_ID_PATTERN);
    expect(clientOrderIdFor({ intentId: 'strategy:sma:BTC/USDT:1700000000000:sell' })).not.toBe(a);
    expect(clientOrderIdFor({ intentId: 'x'.repeat(500) })).toMatch(CLIENT_ORDER_ID_PATTERN);
  });
});

describe('step rounding', () => {
  it('rounds amounts down on decimal digits, not binary floats', () => {
    expect(floorToStep(0.29, 0.01)).toBe(0.29);
    expect(floorToStep(0.0007856509959147719, 0.00001)).toBe(0.00078);
    expect(floorToStep(1.23456789, 0.001)).toBe(1.234);
    expect(floorToStep(0.3, 0.1)).toBe(0.3);
    expect(floorToStep(1e-7, 0.00001)).toBe(0);
    expect(floorToStep(0.00015, 0.0001, 0.00005)).toBe(0.00015);
  });

  it('puts prices on the tick in the requested direction', () => {
    expect(roundToTick(50_000.129, 0.01, 'down')).toBe(50_000.12);
    expect(roundToTick(50_000.121, 0.01, 'up')).toBe(50_000.13);
    expect(roundToTick(50_000.12, 0.01, 'up')).toBe(50_000.12);
    expect(roundToTick(1.005, 0.01, 'nearest')).toBe(1.01);
    expect(isOnStep(50_000.12, 0.01)).toBe(true);
    expect(isOnStep(50_000.125, 0.01)).toBe(false);
  });
});

describe('orders checked against the market before sending', () => {
  it('rounds the amount down to the step, never up', () => {
    const prepared = prepareOrderRequest(sizedOrder({ amountBase: 0.0123456 }), BTC_USDT);
    expect(prepared.ok && prepared.value.request.amountBase).toBe(0.01234);
    expect(prepared.ok && prepared.value.adjustments).toHaveLength(1);
  });

  it('rounds a buy limit down and a sell limit up to the tick', () => {
    const buy = prepareOrderRequest(sizedOrder({ limitPriceQuote: 49_000.456 }), BTC_USDT);
    const sell = prepareOrderRequest(sizedOrder({ side: 'sell', purpose: 'exit', limitPriceQuote: 49_000.451 }), BTC_USDT);
    expect(buy.ok && buy.value.request.limitPriceQuote).toBe(49_000.45);
    expect(sell.ok && sell.value.request.limitPriceQuote).toBe(49_000.46);
  });

  it('refuses an amount that rounds to zero, is below the minimum amount or below the minimum notional, with a reason', () => {
    expect(prepareOrderRequest(sizedOrder({ amountBase: 0.000004 }), BTC_USDT)).toMatchObject({ ok: false, error: { code: 'BELOW_MIN_AMOUNT' } });
    expect(prepareOrderRequest(sizedOrder({ amountBase: 0.000004 }), { ...BTC_USDT, limits: { ...BTC_USDT.limits, minAmountBase: null } })).toMatchObject({ ok: false, error: { code: 'AMOUNT_ROUNDS_TO_ZERO' } });
    const small = prepareOrderRequest(sizedOrder({ amountBase: 0.0001, limitPriceQuote: 49_000 }), BTC_USDT);
    expect(small).toMatchObject({ ok: false, error: { code: 'BELOW_MIN_NOTIONAL' } });
    expect(!small.ok && small.error.reason).toContain('5 USDT');
    expect(prepareOrderRequest(sizedOrder({ amountBase: 10_000 }), BTC_USDT)).toMatchObject({ ok: false, error: { code: 'ABOVE_MAX_AMOUNT' } });
  });

  it('refuses a market order without a reference price rather than skip the notional check', () => {
    expect(prepareOrderRequest(sizedOrder({ type: 'market', limitPriceQuote: undefined }), BTC_USDT)).toMatchObject({ ok: false, error: { code: 'NO_REFERENCE_PRICE' } });
    expect(prepareOrderRequest(sizedOrder({ type: 'market', limitPriceQuote: undefined }), BTC_USDT, 50_000)).toMatchObject({ ok: true });
  });

  it('does not send or journal an order that was refused locally, and audits the refusal', async () => {
    const s = setup();
    await s.manager.start();
    const result = await s.manager.submit(sizedOrder({ amountBase: 0.00005 }));
    expect(result).toMatchObject({ ok: false, error: { code: 'BELOW_MIN_NOTIONAL' } });
    expect(s.exchange.callsOf('createOrder')).toHaveLength(0);
    expect(s.manager.orders()).toHaveLength(0);
    expect(s.journal.query({ kinds: ['order'] }).events.some((event) => event.payloadJson.includes('refused_locally'))).toBe(true);
  });
});
