import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { createCcxtMarketData } from '../../../core/market/index.ts';

describe('createCcxtMarketData construction', () => {
  it('builds a port for a known exchange id with the rate limiter on', () => {
    const port = createCcxtMarketData({ exchangeId: 'binance' });
    expect(port.ok && port.value.exchangeId).toBe('binance');
  });

  it('keeps the rate limiter on even when asked to turn it off, unless a test says so explicitly', () => {
    const refused = createCcxtMarketData({ exchangeId: 'binance', config: { enableRateLimit: false } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(refused.ok || refused.error.detail).toMatch(/enableRateLimit/);
    const instance = new ccxt.binance({ enableRateLimit: false });
    expect(createCcxtMarketData({ exchangeId: 'binance', exchange: instance }).ok).toBe(false);
    expect(createCcxtMarketData({ exchangeId: 'binance', exchange: instance, unsafeAllowRateLimiterOffInTests: true }).ok).toBe(true);
  });

  it('refuses an unknown exchange id in plain words', () => {
    expect(createCcxtMarketData({ exchangeId: 'notanexchange' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SUPPORTED', message: "Ballast does not know an exchange called 'notanexchange'." },
    });
  });

  it('refuses an instance of another exchange than the one named', () => {
    expect(createCcxtMarketData({ exchangeId: 'kraken', exchange: new ccxt.binance() })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('refuses an exchange without real candle history (missing or emulated fetchOHLCV)', () => {
    for (const value of [false, 'emulated', undefined] as const) {
      const instance = new ccxt.binance();
      instance.has = { ...instance.has, fetchOHLCV: value };
      expect(createCcxtMarketData({ exchangeId: 'binance', exchange: instance })).toMatchObject({
        ok: false,
        error: { code: 'NOT_SUPPORTED', message: 'Binance does not provide price history (candles), which Ballast needs.' },
      });
    }
  });

  it('works for other ccxt spot exchanges that have candles', () => {
    for (const exchangeId of ['kraken', 'okx', 'bybit', 'kucoin', 'coinbase', 'bitget']) {
      expect(createCcxtMarketData({ exchangeId }).ok).toBe(true);
    }
  });

  it('uses the injected clock', () => {
    const port = createCcxtMarketData({ exchangeId: 'binance', nowMs: () => 42 });
    expect(port.ok && port.value.nowMs()).toBe(42);
  });
});
