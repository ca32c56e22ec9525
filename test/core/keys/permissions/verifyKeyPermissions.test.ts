import { afterEach, describe, expect, it } from 'vitest';
import { EXCHANGE_IDS, verifyKeyPermissions, withdrawVerdict, type ExchangeId, type PermissionReport } from '../../../../core/keys/index.ts';
import { startFixtureServer, type FixtureReply, type FixtureServer } from '../support/fixtureServer.ts';
import { fakeCredentials, isSignedCorrectly } from '../support/exchangeSignatures.ts';
import { EXCHANGE_RESPONSES } from '../support/exchangeResponses.ts';
import { guardedClient } from '../support/guardedClient.ts';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Tweak = (body: Record<string, unknown>) => void;

/**
 * Runs the exchange's verifier through a real ccxt client against a fixture that answers with
 * `reply`, and checks the one request it received: right method, right documented path, a
 * valid signature for the fake key, and nothing sent anywhere else.
 */
async function verifyAgainst(exchange: ExchangeId, reply: FixtureReply, ccxtTimeoutMs = 2_000): Promise<PermissionReport> {
  const shape = EXCHANGE_RESPONSES[exchange];
  const credentials = fakeCredentials(exchange);
  server = await startFixtureServer(() => reply);
  const { client, escapedUrls } = guardedClient(exchange, credentials, server.origin, ccxtTimeoutMs);
  const report = await verifyKeyPermissions(exchange, client, { timeoutMs: 5_000 });
  expect(escapedUrls).toEqual([]);
  expect(server.requests).toHaveLength(1);
  const request = server.requests[0]!;
  expect(`${request.method} ${request.path}`).toBe(`${shape.method} ${shape.path}`);
  expect(isSignedCorrectly(exchange, request, credentials)).toBe(true);
  return report;
}

function answer(exchange: ExchangeId, tweak?: Tweak): FixtureReply {
  const body = EXCHANGE_RESPONSES[exchange].base();
  tweak?.(body);
  return { status: 200, body };
}

// Kraken's and Coinbase's secrets must decode (base64, a private key) before a request can be signed.
it.each(['kraken', 'coinbase'] as const)('%s: a secret that cannot sign a request is malformed, not an exchange error, and nothing is sent', async (exchange) => {
  server = await startFixtureServer(() => answer(exchange));
  const { client } = guardedClient(exchange, { ...fakeCredentials(exchange), secret: 'not-a-decodable-secret-!!' }, server.origin, 2_000);
  const report = await verifyKeyPermissions(exchange, client, { timeoutMs: 5_000 });
  expect(report.canWithdraw).toBe('unknown');
  expect(report.readFailure?.code).toBe('MALFORMED_CREDENTIALS');
  expect(server.requests).toHaveLength(0);
});

describe.each(EXCHANGE_IDS.map((exchange) => [exchange]))('%s key permissions', (exchange) => {
  const shape = EXCHANGE_RESPONSES[exchange];

  it('accepts a trade key whose withdrawals the exchange reports as off', async () => {
    const report = await verifyAgainst(exchange, answer(exchange));
    expect(report.canWithdraw).toBe(false);
    expect(report.canTrade).toBe(true);
    expect(report.readFailure).toBeUndefined();
    expect(withdrawVerdict(report).accepted).toBe(true);
  });

  it('refuses a key that can withdraw', async () => {
    const report = await verifyAgainst(exchange, answer(exchange, shape.withdrawEnabled));
    expect(report.canWithdraw).toBe(true);
    const verdict = withdrawVerdict(report);
    expect(verdict.accepted).toBe(false);
    expect(verdict.reason).toBe('This key can withdraw funds. Ballast will not use it.');
    expect(verdict.fix).toMatch(/Turn off withdrawals/);
  });

  it('reports a read-only key as unable to trade or withdraw', async () => {
    const report = await verifyAgainst(exchange, answer(exchange, shape.readOnly));
    expect(report.canWithdraw).toBe(false);
    expect(report.canTrade).toBe(false);
  });

  it('refuses as unknown when the withdraw field is missing', async () => {
    const report = await verifyAgainst(exchange, answer(exchange, shape.withdrawFieldMissing));
    expect(report.canWithdraw).toBe('unknown');
    expect(withdrawVerdict(report).accepted).toBe(false);
    expect(report.problems.join(' ')).toMatch(/missing/);
  });

  it('refuses as unknown when the exchange lists a permission Ballast does not recognise', async () => {
    const report = await verifyAgainst(exchange, answer(exchange, shape.unknownPermissionCode));
    expect(report.canWithdraw).toBe('unknown');
    expect(withdrawVerdict(report).accepted).toBe(false);
    expect(report.problems.join(' ')).toMatch(/does not recognise/);
  });

  it('refuses as unknown when the exchange rejects the key, without echoing it', async () => {
    const credentials = fakeCredentials(exchange);
    const echo = `${credentials.apiKey} ${credentials.secret} ${credentials.passphrase ?? ''}`;
    const report = await verifyAgainst(exchange, { status: shape.authError.status, body: shape.authError.body(echo) });
    expect(report.canWithdraw).toBe('unknown');
    expect(report.readFailure?.code).toBe('AUTHENTICATION');
    expect(withdrawVerdict(report).accepted).toBe(false);
    expect(JSON.stringify(report)).not.toContain('CANARY');
  });

  it('refuses as unknown on an HTTP 500', async () => {
    const report = await verifyAgainst(exchange, { status: 500, body: 'Internal Server Error' });
    expect(report.canWithdraw).toBe('unknown');
    expect(report.readFailure).toBeDefined();
    expect(withdrawVerdict(report).accepted).toBe(false);
  });

  it('says the exchange could not be reached when nothing listens at its address, never that it answered', async () => {
    const credentials = fakeCredentials(exchange);
    // A port that was just free: the connection is refused at once.
    const closed = await startFixtureServer(() => answer(exchange));
    const origin = closed.origin;
    await closed.close();
    const { client } = guardedClient(exchange, credentials, origin, 2_000);
    const report = await verifyKeyPermissions(exchange, client, { timeoutMs: 5_000 });
    expect(report.canWithdraw).toBe('unknown');
    expect(report.readFailure?.code).toBe('NETWORK');
    expect(withdrawVerdict(report).accepted).toBe(false);
  });

  it('refuses as unknown when the exchange does not answer in time', async () => {
    const report = await verifyAgainst(exchange, { ...answer(exchange), delayMs: 3_000 }, 300);
    expect(report.canWithdraw).toBe('unknown');
    expect(report.readFailure?.code).toBe('TIMEOUT');
    expect(withdrawVerdict(report).accepted).toBe(false);
  });

  it('refuses as unknown when the answer has the wrong shape', async () => {
    const report = await verifyAgainst(exchange, { status: 200, body: JSON.stringify(['not', 'an', 'object']) });
    expect(report.canWithdraw).toBe('unknown');
    expect(withdrawVerdict(report).accepted).toBe(false);
  });

  if (shape.ipAllowlist) {
    it('reports the IP allowlist the exchange returns', async () => {
      const report = await verifyAgainst(exchange, answer(exchange, shape.ipAllowlist));
      expect(report.ipRestricted).toBe(true);
      expect(report.ipAllowlist).toEqual(['203.0.113.7', '203.0.113.8']);
    });
  }
});

type Obj = Record<string, unknown>;
it.each([
  ['kraken', (body: Obj) => { (body['result'] as Obj)['permissions'] = []; }],
  ['bybit', (body: Obj) => { (body['result'] as Obj)['permissions'] = { ContractTrade: [], Spot: [], Wallet: [], Options: [], Derivatives: [], CopyTrading: [], BlockTrade: [], Exchange: [], NFT: [] }; }],
] as const)('%s: an empty permission list is unknown, never "cannot withdraw"', async (exchange, tweak) => {
  const report = await verifyAgainst(exchange, answer(exchange, tweak));
  expect(report.canWithdraw).toBe('unknown');
  expect(withdrawVerdict(report).accepted).toBe(false);
  expect(report.problems.join(' ')).toMatch(/listed no permissions at all/);
});
