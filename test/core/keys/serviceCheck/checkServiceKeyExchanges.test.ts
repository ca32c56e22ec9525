import { afterEach, describe, expect, it } from 'vitest';
import { makeSecret, type ExchangeCredentials, type ExchangeId } from '../../../../core/keys/index.ts';
import { checkServiceKey, type ServiceKeyCheck, type ServiceKeyCheckOptions } from '../../../../core/keys/serviceCheck/index.ts';
import { EXCHANGE_RESPONSES } from '../support/exchangeResponses.ts';
import { fakeCredentials } from '../support/exchangeSignatures.ts';
import { startFixtureServer, type FixtureServer } from '../support/fixtureServer.ts';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Tweak = (body: Record<string, unknown>) => void;

function secretsOf(exchange: ExchangeId): ExchangeCredentials {
  const plain = fakeCredentials(exchange);
  return {
    apiKey: makeSecret(plain.apiKey),
    secret: makeSecret(plain.secret),
    ...(plain.passphrase === undefined ? {} : { passphrase: makeSecret(plain.passphrase) }),
  };
}

/** The exchange's documented answer (a trade-only key), changed by `tweaks`, served on 127.0.0.1. */
async function checkAgainst(exchange: ExchangeId, tweaks: readonly Tweak[], options: ServiceKeyCheckOptions = {}): Promise<ServiceKeyCheck> {
  const body = EXCHANGE_RESPONSES[exchange].base();
  for (const tweak of tweaks) tweak(body);
  server = await startFixtureServer(() => ({ status: 200, body }));
  const result = await checkServiceKey(exchange, secretsOf(exchange), { apiBaseUrl: server.origin, timeoutMs: 2_000, ...options });
  expect(server.requests).toHaveLength(1);
  return result;
}

const ip = (check: ServiceKeyCheck) => check.findings.filter((f) => f.topic === 'ip').map((f) => [f.code, f.params]);
const withdraw = (check: ServiceKeyCheck) => check.findings.find((f) => f.topic === 'withdraw');

const WITH_IP_LISTS = (['kraken', 'okx', 'bybit', 'kucoin', 'bitget'] as const).map((exchange) => [exchange] as const);

type Obj = Record<string, unknown>;
/** Each exchange's way of saying "no address bound" (Bybit: ["*"]). */
const EMPTY_LIST: Readonly<Record<(typeof WITH_IP_LISTS)[number][0], Tweak>> = {
  kraken: (b) => { (b['result'] as Obj)['ipAllowlist'] = []; },
  okx: (b) => { ((b['data'] as Obj[])[0] as Obj)['ip'] = ''; },
  bybit: (b) => { (b['result'] as Obj)['ips'] = ['*']; },
  kucoin: (b) => { (b['data'] as Obj)['ipWhitelist'] = ''; },
  bitget: (b) => { (b['data'] as Obj)['ips'] = ''; },
};


describe.each(WITH_IP_LISTS)('%s reports the addresses a key is restricted to', (exchange) => {
  const setList = EXCHANGE_RESPONSES[exchange].ipAllowlist!;

  it('lists them', async () => {
    const result = await checkAgainst(exchange, [setList]);
    expect(ip(result)).toEqual([['KEY_IP_RESTRICTED_TO', { addresses: '203.0.113.7, 203.0.113.8', count: 2 }]]);
    expect(result.permissions?.ipAllowlist).toEqual(['203.0.113.7', '203.0.113.8']);
  });

  it('confirms they are the service’s published addresses', async () => {
    const result = await checkAgainst(exchange, [setList], { servicePublishedIps: [' 203.0.113.8 ', '203.0.113.7', '198.51.100.1'] });
    expect(ip(result).map(([code]) => code)).toEqual(['KEY_IP_RESTRICTED_TO', 'KEY_IP_MATCHES_SERVICE']);
  });

  it('names the addresses the service does not publish', async () => {
    const result = await checkAgainst(exchange, [setList], { servicePublishedIps: ['203.0.113.7'] });
    expect(ip(result)[1]).toEqual(['KEY_IP_NOT_PUBLISHED_BY_SERVICE', { addresses: '203.0.113.8', count: 1 }]);
    expect(result.findings.find((f) => f.code === 'KEY_IP_NOT_PUBLISHED_BY_SERVICE')?.severity).toBe('caution');
  });

  it('cautions when the list is empty (the key works from anywhere)', async () => {
    const result = await checkAgainst(exchange, [EMPTY_LIST[exchange]]);
    expect(ip(result).map(([code]) => code)).toEqual(['KEY_IP_NOT_RESTRICTED']);
  });
});

/**
 * What each exchange leaves unsaid about a plain trade-only key (the fixtures' base answers), read
 * from the verifiers' documentation: Kraken and Bybit do not report margin per key, KuCoin's base
 * answer has no ipWhitelist field, Coinbase reports neither IP restrictions nor futures/margin.
 */
const UNREPORTED_FOR_TRADE_KEY: Readonly<Record<ExchangeId, readonly string[]>> = {
  binance: [],
  kraken: ['KEY_MARGIN_NOT_CONFIRMED'],
  okx: [],
  bybit: ['KEY_MARGIN_NOT_CONFIRMED'],
  kucoin: ['KEY_IP_NOT_CONFIRMED'],
  coinbase: ['KEY_IP_NOT_CONFIRMED', 'KEY_FUTURES_NOT_CONFIRMED', 'KEY_MARGIN_NOT_CONFIRMED'],
  bitget: [],
};

describe.each((['binance', 'kraken', 'okx', 'bybit', 'kucoin', 'coinbase', 'bitget'] as const).map((e) => [e] as const))(
  '%s: what the exchange did not say is not confirmed',
  (exchange) => {
    const shape = EXCHANGE_RESPONSES[exchange];

    it('raises a red flag when withdrawals are on', async () => {
      const result = await checkAgainst(exchange, [shape.withdrawEnabled]);
      expect(withdraw(result)).toMatchObject({ code: 'KEY_CAN_WITHDRAW', severity: 'red_flag' });
      expect(result.verdict).toBe('red_flags');
    });

    it('cannot confirm withdrawals are off when the field is missing', async () => {
      const result = await checkAgainst(exchange, [shape.withdrawFieldMissing]);
      expect(withdraw(result)).toMatchObject({ code: 'KEY_WITHDRAW_NOT_CONFIRMED', severity: 'not_confirmed' });
      expect(result.verdict).toBe('could_not_confirm');
    });

    it('cannot confirm withdrawals are off next to a permission Ballast does not know', async () => {
      const result = await checkAgainst(exchange, [shape.unknownPermissionCode]);
      expect(withdraw(result)?.code).toBe('KEY_WITHDRAW_NOT_CONFIRMED');
      expect(result.verdict).toBe('could_not_confirm');
    });

    it('reaches "no red flags found" only when the exchange reported every permission', async () => {
      const result = await checkAgainst(exchange, []);
      const unconfirmed = result.findings.filter((f) => f.severity === 'not_confirmed').map((f) => f.code);
      expect(withdraw(result)?.code).toBe('KEY_CANNOT_WITHDRAW');
      expect(unconfirmed).toEqual(UNREPORTED_FOR_TRADE_KEY[exchange]);
      expect(result.verdict).toBe(unconfirmed.length > 0 ? 'could_not_confirm' : 'no_red_flags_found');
    });
  },
);

describe('exchanges that leave a question open', () => {
  it('Coinbase does not report IP restrictions, so the check cannot confirm them', async () => {
    const result = await checkAgainst('coinbase', []);
    expect(ip(result).map(([code]) => code)).toEqual(['KEY_IP_NOT_CONFIRMED']);
    expect(result.verdict).toBe('could_not_confirm');
  });

  it('Kraken does not report margin per key', async () => {
    const result = await checkAgainst('kraken', [EXCHANGE_RESPONSES.kraken.ipAllowlist!]);
    expect(result.findings.find((f) => f.topic === 'margin')?.code).toBe('KEY_MARGIN_NOT_CONFIRMED');
    expect(result.verdict).toBe('could_not_confirm');
  });

  it('OKX, KuCoin and Bitget keys without their passphrase are refused before sending', async () => {
    server = await startFixtureServer(() => ({ status: 500, body: 'must not be asked' }));
    for (const exchange of ['okx', 'kucoin', 'bitget'] as const) {
      const { apiKey, secret } = secretsOf(exchange);
      const result = await checkServiceKey(exchange, { apiKey, secret }, { apiBaseUrl: server.origin });
      expect(result.findings[0]?.code).toBe('KEY_MALFORMED_PASSPHRASE_MISSING');
    }
    expect(server.requests).toEqual([]);
  });

  it('a Kraken secret that is not base64 and a Coinbase secret that is not a private key are refused before sending', async () => {
    server = await startFixtureServer(() => ({ status: 500, body: 'must not be asked' }));
    const kraken = await checkServiceKey('kraken', { apiKey: makeSecret('FAKE-KEY-0001'), secret: makeSecret('not-base64?') }, { apiBaseUrl: server.origin });
    const coinbase = await checkServiceKey('coinbase', { apiKey: makeSecret('organizations/x/apiKeys/y'), secret: makeSecret('FAKE-SECRET-0001') }, { apiBaseUrl: server.origin });
    expect(kraken.findings[0]?.code).toBe('KEY_MALFORMED_KRAKEN_SECRET');
    expect(coinbase.findings[0]?.code).toBe('KEY_MALFORMED_COINBASE_SECRET');
    expect(server.requests).toEqual([]);
  });

  it('a Coinbase private key pasted with its JSON line breaks (\\n) is read as the key it is', async () => {
    const plain = fakeCredentials('coinbase');
    server = await startFixtureServer(() => ({ status: 200, body: EXCHANGE_RESPONSES.coinbase.base() }));
    const result = await checkServiceKey('coinbase', {
      apiKey: makeSecret(plain.apiKey), secret: makeSecret(plain.secret.replaceAll('\n', '\\n')),
    }, { apiBaseUrl: server.origin, timeoutMs: 2_000 });
    expect(withdraw(result)?.code).toBe('KEY_CANNOT_WITHDRAW');
  });

  it('confirms nothing rather than return a text that contains a credential', async () => {
    // An odd passphrase that is also part of the endpoint's name, which the result names as its source.
    const plain = fakeCredentials('okx');
    server = await startFixtureServer(() => ({ status: 200, body: EXCHANGE_RESPONSES.okx.base() }));
    const result = await checkServiceKey('okx', {
      apiKey: makeSecret(plain.apiKey), secret: makeSecret(plain.secret), passphrase: makeSecret('v5/account'),
    }, { apiBaseUrl: server.origin, timeoutMs: 2_000 });
    expect(server.requests).toHaveLength(1);
    expect(result.findings[0]?.code).toBe('KEY_READ_FAILED');
    expect(result.verdict).toBe('could_not_confirm');
    expect(JSON.stringify(result)).not.toContain('v5/account');
  });
});
