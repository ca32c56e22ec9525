import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { binanceClientFor } from './ccxtClient.ts';
import { signQuery } from './signing.ts';
import { exchangeForTest, rejectionOf } from './testExchange.ts';

describe('keys, signatures and timestamps', () => {
  it('accepts a request signed with the right secret', async () => {
    const { client, fake } = await exchangeForTest();
    await client.fetchBalance();
    expect(fake.inspect.requests().at(-1)).toMatchObject({ path: '/api/v3/account', status: 200 });
  });

  it('refuses a signature made with the wrong secret (-1022, AuthenticationError)', async () => {
    const { fake } = await exchangeForTest();
    const client = binanceClientFor(fake, { secret: 'FAKE-SECRET-WRONG', enableRateLimit: false });
    const error = await rejectionOf(client.fetchBalance());
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(error.message).toContain('Signature for this request is not valid.');
    expect(fake.inspect.requests().at(-1)).toMatchObject({ status: 400, code: -1022 });
  });

  it('refuses an unknown API key (-2015, AuthenticationError)', async () => {
    const { fake } = await exchangeForTest();
    const client = binanceClientFor(fake, { apiKey: 'FAKE-KEY-UNKNOWN', enableRateLimit: false });
    const error = await rejectionOf(client.fetchBalance());
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(fake.inspect.requests().at(-1)).toMatchObject({ status: 401, code: -2015 });
  });

  it('refuses a signed request without an API key header (-2014)', async () => {
    const { fake } = await exchangeForTest();
    // ccxt never sends a signed request without a key, so this one is sent by hand.
    const query = `timestamp=${Date.now()}`;
    const response = await fetch(`${fake.url}/api/v3/account?${query}&signature=${signQuery(query, fake.credentials.secret)}`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: -2014, msg: 'API-key format invalid.' });
  });

  it('verifies the signature over the query string and the body together', async () => {
    const { fake } = await exchangeForTest({ startAt: '2020-03-12T10:00:00Z' });
    const query = 'symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC';
    const body = `quantity=0.01&price=5000&timestamp=${Date.now()}`;
    const send = (signature: string) =>
      fetch(`${fake.url}/api/v3/order?${query}`, {
        method: 'POST',
        headers: { 'X-MBX-APIKEY': fake.credentials.apiKey, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `${body}&signature=${signature}`,
      });
    expect((await send(signQuery(`${query}&${body}`, fake.credentials.secret))).status).toBe(400);
    expect((await send(signQuery(query + body, fake.credentials.secret))).status).toBe(200);
    expect(fake.inspect.orders()).toHaveLength(1);
  });

  it('refuses a request whose timestamp is older than the recvWindow (-1021, InvalidNonce)', async () => {
    const { client, fake } = await exchangeForTest({}, { options: { recvWindow: 5000 } });
    fake.faults.setClockSkewMs(6000);
    const error = await rejectionOf(client.fetchBalance());
    expect(error).toBeInstanceOf(ccxt.InvalidNonce);
    expect(error.message).toContain('Timestamp for this request is outside of the recvWindow.');
    // the same skew is tolerated by a wider window
    const patient = binanceClientFor(fake, { enableRateLimit: false, options: { recvWindow: 10_000 } });
    await expect(patient.fetchBalance()).resolves.toBeDefined();
  });

  it('refuses a timestamp more than 1 s ahead of the server, whatever the recvWindow', async () => {
    const { client, fake } = await exchangeForTest({}, { options: { recvWindow: 60_000 } });
    fake.faults.setClockSkewMs(-1500);
    const error = await rejectionOf(client.fetchBalance());
    expect(error).toBeInstanceOf(ccxt.InvalidNonce);
    expect(error.message).toContain("1000ms ahead of the server's time");
  });

  it('never records the secret or the API key in its request log', async () => {
    const { client, fake } = await exchangeForTest({ startAt: '2020-03-12T10:00:00Z' });
    await client.fetchBalance();
    await client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 5000);
    const logged = JSON.stringify(fake.inspect.requests());
    expect(logged).toContain('/api/v3/order');
    expect(logged).not.toContain(fake.credentials.secret);
    expect(logged).not.toContain(fake.credentials.apiKey);
    expect(logged).not.toContain('signature');
  });
});

describe('key permissions', () => {
  it('reports the default key as read-and-trade, no withdrawals, IP-restricted', async () => {
    const { client } = await exchangeForTest();
    const restrictions = (await client.sapiGetAccountApiRestrictions()) as Record<string, unknown>;
    expect(restrictions).toMatchObject({
      ipRestrict: true,
      enableReading: true,
      enableWithdrawals: false,
      enableSpotAndMarginTrading: true,
      enableMargin: false,
      enableFutures: false,
    });
    expect(typeof restrictions.createTime).toBe('number');
    expect(typeof restrictions.tradingAuthorityExpirationTime).toBe('number');
  });

  it('reflects permission changes made while running', async () => {
    const { client, fake } = await exchangeForTest();
    fake.account.setPermissions({ enableWithdrawals: true, ipRestrict: false });
    expect(await client.sapiGetAccountApiRestrictions()).toMatchObject({ enableWithdrawals: true, ipRestrict: false });
    fake.account.setPermissions({ enableWithdrawals: false, enableSpotAndMarginTrading: false });
    const restrictions = (await client.sapiGetAccountApiRestrictions()) as Record<string, unknown>;
    expect(restrictions).toMatchObject({ enableWithdrawals: false, enableSpotAndMarginTrading: false });
    expect(restrictions).not.toHaveProperty('tradingAuthorityExpirationTime');
  });

  it('refuses orders from a key without trading permission: AuthenticationError at first, DDoSProtection once ccxt has authenticated', async () => {
    const { fake } = await exchangeForTest({ startAt: '2020-03-12T10:00:00Z' });
    fake.account.setPermissions({ enableSpotAndMarginTrading: false });
    const fresh = binanceClientFor(fake, { enableRateLimit: false });
    const first = await rejectionOf(fresh.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 5000));
    expect(first).toBeInstanceOf(ccxt.AuthenticationError);
    expect(fake.inspect.requests().at(-1)).toMatchObject({ status: 401, code: -2015 });

    // ccxt reads -2015 after an earlier successful private call as a temporary ban.
    const seasoned = binanceClientFor(fake, { enableRateLimit: false });
    await seasoned.fetchBalance();
    const later = await rejectionOf(seasoned.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 5000));
    expect(later).toBeInstanceOf(ccxt.DDoSProtection);
    expect(fake.inspect.orders()).toEqual([]);
  });

  it('refuses every keyed request from outside the IP allowlist, but not once the restriction is off', async () => {
    const { client, fake } = await exchangeForTest();
    fake.account.setRequestIpAllowed(false);
    expect(await rejectionOf(client.fetchBalance())).toBeInstanceOf(ccxt.AuthenticationError);
    fake.account.setPermissions({ ipRestrict: false });
    await expect(client.fetchBalance()).resolves.toBeDefined();
  });
});
