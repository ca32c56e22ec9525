import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { exchangeForTest, rejectionOf } from './testExchange.ts';

type Client = Awaited<ReturnType<typeof exchangeForTest>>['client'];

/** ccxt keeps the last response's headers with each word capitalised ("X-Mbx-Used-Weight-1m"). */
function header(client: Client, name: string): string | undefined {
  const headers = (client.last_response_headers ?? {}) as Record<string, string>;
  const wanted = name.toLowerCase();
  return Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

describe('request weight limits', () => {
  it('reports the weight used this minute, by Binance’s endpoint weights', async () => {
    const { client } = await exchangeForTest();
    await client.loadMarkets();
    expect(header(client, 'X-MBX-USED-WEIGHT-1M')).toBe('20');
    await client.fetchOrderBook('BTC/USDT', 500);
    expect(header(client, 'X-MBX-USED-WEIGHT-1M')).toBe('45');
    await client.fetchOHLCV('BTC/USDT', '1h', undefined, 10);
    expect(header(client, 'X-MBX-USED-WEIGHT-1M')).toBe('47');
    await client.fetchBalance();
    expect(header(client, 'X-MBX-USED-WEIGHT-1M')).toBe('67');
  });

  it('answers 429 with Retry-After past the limit, then 418 (a ban) to a client that keeps going', async () => {
    const { client, fake } = await exchangeForTest({ weightLimitPerMinute: 30, rateLimit: { requestsAfter429BeforeBan: 2, banDurationMs: 120_000 } });
    await client.loadMarkets();
    for (let request = 0; request < 10; request += 1) await client.fetchTime();

    const limited = await rejectionOf(client.fetchTime());
    // ccxt's Binance raises DDoSProtection for both 429 and 418, never RateLimitExceeded.
    expect(limited).toBeInstanceOf(ccxt.DDoSProtection);
    expect(limited).not.toBeInstanceOf(ccxt.RateLimitExceeded);
    expect(limited.message).toContain('429');
    const retryAfterS = Number(header(client, 'Retry-After'));
    expect(retryAfterS).toBeGreaterThanOrEqual(1);
    expect(retryAfterS).toBeLessThanOrEqual(60);

    await rejectionOf(client.fetchTime());
    await rejectionOf(client.fetchTime());
    const banned = await rejectionOf(client.fetchTime());
    expect(banned).toBeInstanceOf(ccxt.DDoSProtection);
    expect(banned.message).toContain('418');
    expect(banned.message).toContain('IP banned until');
    expect(Number(header(client, 'Retry-After'))).toBe(120);
    expect(fake.inspect.requests().map((entry) => entry.status).slice(-4)).toEqual([429, 429, 429, 418]);

    fake.resetRateLimits();
    await expect(client.fetchTime()).resolves.toBeGreaterThan(0);
  });

  it('keeps ccxt’s own rate limiter on unless a test turns it off', async () => {
    const { binanceClientFor } = await import('./ccxtClient.ts');
    const { fake } = await exchangeForTest();
    expect(binanceClientFor(fake).enableRateLimit).toBe(true);
    expect(binanceClientFor(fake, { enableRateLimit: false }).enableRateLimit).toBe(false);
  });

  it('points every ccxt Binance URL at the fake exchange, so nothing leaves 127.0.0.1', async () => {
    const { client, fake } = await exchangeForTest();
    const urls: unknown[] = Object.values(client.urls.api);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(String(url).startsWith(fake.url)).toBe(true);
  });
});
