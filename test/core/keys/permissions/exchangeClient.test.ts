import { describe, expect, it } from 'vitest';
import { EXCHANGE_IDS, KeysError, createExchangeClient, makeSecret } from '../../../../core/keys/index.ts';

const credentials = { apiKey: makeSecret('FAKE-KEY-CANARY-0001'), secret: makeSecret('FAKE-SECRET-CANARY-7f3a'), passphrase: makeSecret('FAKE-PASS-CANARY') };

function allUrls(tree: unknown): string[] {
  if (typeof tree === 'string') return [tree];
  return tree !== null && typeof tree === 'object' ? Object.values(tree).flatMap(allUrls) : [];
}

describe('createExchangeClient', () => {
  it('points every API url of every exchange at the given origin, keeping the paths', () => {
    for (const exchange of EXCHANGE_IDS) {
      const client = createExchangeClient(exchange, credentials, { environment: 'live', apiBaseUrl: 'http://127.0.0.1:9/' });
      const urls = allUrls(client.urls['api']);
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.every((url) => url.startsWith('http://127.0.0.1:9'))).toBe(true);
    }
    const binance = createExchangeClient('binance', credentials, { environment: 'live', apiBaseUrl: 'http://127.0.0.1:9' });
    expect((binance.urls['api'] as Record<string, string>)['sapi']).toBe('http://127.0.0.1:9/sapi/v1');
  });

  it('passes the passphrase as ccxt password and the timeout through', () => {
    const client = createExchangeClient('okx', credentials, { environment: 'live', timeoutMs: 1234 });
    expect(client.password).toBe('FAKE-PASS-CANARY');
    expect(client.timeout).toBe(1234);
  });

  it('uses the exchange test network for testnet keys where ccxt has one', () => {
    const client = createExchangeClient('bybit', credentials, { environment: 'testnet' });
    expect(allUrls(client.urls['api']).every((url) => url.includes('testnet'))).toBe(true);
  });

  it('refuses testnet plainly where the exchange has none, instead of sending requests nowhere', () => {
    for (const exchange of ['kraken', 'kucoin', 'coinbase', 'bitget'] as const) {
      let caught: unknown;
      try {
        createExchangeClient(exchange, credentials, { environment: 'testnet' });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(KeysError);
      expect((caught as KeysError).code).toBe('NO_TESTNET');
      expect((caught as KeysError).message).toMatch(/no test network/);
    }
  });
});
