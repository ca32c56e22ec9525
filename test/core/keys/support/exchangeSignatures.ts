import { createHash, createHmac, generateKeyPairSync, verify } from 'node:crypto';
import type { ExchangeId } from '../../../../core/keys/index.ts';
import type { FixtureRequest } from './fixtureServer.ts';

/**
 * Obviously fake credentials, and each exchange's documented signing scheme checked from the
 * server side, so the fixtures prove that ccxt's real `sign` step ran against these keys.
 */
export interface FakeCredentials {
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase?: string;
}

const coinbaseKeys = generateKeyPairSync('ec', {
  namedCurve: 'prime256v1',
  privateKeyEncoding: { type: 'sec1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

export function fakeCredentials(exchange: ExchangeId, canary = 'FAKE-SECRET-CANARY-7f3a'): FakeCredentials {
  switch (exchange) {
    case 'kraken':
      // Kraken secrets are base64; ccxt decodes them before signing.
      return { apiKey: 'FAKE-KEY-CANARY-kraken-0001', secret: Buffer.from(`${canary}-kraken`).toString('base64') };
    case 'coinbase':
      // Coinbase CDP keys: the key name plus an EC private key; ccxt signs an ES256 JWT with it.
      return { apiKey: 'organizations/FAKE-ORG/apiKeys/FAKE-KEY-CANARY-cb01', secret: coinbaseKeys.privateKey };
    case 'okx':
    case 'kucoin':
    case 'bitget':
      return { apiKey: `FAKE-KEY-CANARY-${exchange}-0001`, secret: `${canary}-${exchange}`, passphrase: `FAKE-PASS-CANARY-${exchange}` };
    default:
      return { apiKey: `FAKE-KEY-CANARY-${exchange}-0001`, secret: `${canary}-${exchange}` };
  }
}

const header = (request: FixtureRequest, name: string): string => {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
};
const hmac = (algorithm: string, key: string | Buffer, data: string | Buffer): Buffer =>
  createHmac(algorithm, key).update(data).digest();

function verifyCoinbaseJwt(request: FixtureRequest, credentials: FakeCredentials): boolean {
  const token = header(request, 'authorization').replace(/^Bearer /, '');
  const [head, payload, signature] = token.split('.');
  if (head === undefined || payload === undefined || signature === undefined) return false;
  const signatureOk = verify(
    'sha256',
    Buffer.from(`${head}.${payload}`),
    { key: coinbaseKeys.publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: string; uri?: string };
  const uri = claims.uri ?? '';
  return signatureOk && claims.sub === credentials.apiKey && uri.startsWith('GET ') && uri.endsWith(request.path);
}

/** True when the request carries a valid signature for these credentials. */
export function isSignedCorrectly(exchange: ExchangeId, request: FixtureRequest, credentials: FakeCredentials): boolean {
  const { apiKey, secret, passphrase = '' } = credentials;
  switch (exchange) {
    case 'binance': {
      const unsigned = request.query.replace(/&signature=[0-9a-f]+$/, '');
      const expected = hmac('sha256', secret, unsigned).toString('hex');
      return header(request, 'x-mbx-apikey') === apiKey && request.query.endsWith(`&signature=${expected}`);
    }
    case 'kraken': {
      const nonce = new URLSearchParams(request.body).get('nonce') ?? '';
      const digest = createHash('sha256').update(nonce + request.body).digest();
      const expected = hmac('sha512', Buffer.from(secret, 'base64'), Buffer.concat([Buffer.from(request.path), digest]));
      return header(request, 'api-key') === apiKey && header(request, 'api-sign') === expected.toString('base64');
    }
    case 'okx': {
      const ts = header(request, 'ok-access-timestamp');
      const expected = hmac('sha256', secret, `${ts}${request.method}${request.path}`).toString('base64');
      return header(request, 'ok-access-key') === apiKey && header(request, 'ok-access-passphrase') === passphrase &&
        header(request, 'ok-access-sign') === expected;
    }
    case 'bybit': {
      const ts = header(request, 'x-bapi-timestamp');
      const window = header(request, 'x-bapi-recv-window');
      const expected = hmac('sha256', secret, `${ts}${apiKey}${window}${request.query}`).toString('hex');
      return header(request, 'x-bapi-api-key') === apiKey && header(request, 'x-bapi-sign') === expected;
    }
    case 'kucoin': {
      const ts = header(request, 'kc-api-timestamp');
      const expected = hmac('sha256', secret, `${ts}${request.method}${request.path}`).toString('base64');
      const signedPassphrase = hmac('sha256', secret, passphrase).toString('base64');
      return header(request, 'kc-api-key') === apiKey && header(request, 'kc-api-sign') === expected &&
        header(request, 'kc-api-passphrase') === signedPassphrase && header(request, 'kc-api-key-version') === '2';
    }
    case 'coinbase':
      return verifyCoinbaseJwt(request, credentials);
    case 'bitget': {
      const ts = header(request, 'access-timestamp');
      const expected = hmac('sha256', secret, `${ts}${request.method}${request.path}`).toString('base64');
      return header(request, 'access-key') === apiKey && header(request, 'access-passphrase') === passphrase &&
        header(request, 'access-sign') === expected;
    }
  }
}
