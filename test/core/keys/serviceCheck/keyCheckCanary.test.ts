import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../core/log/index.ts';
import { makeSecret, type ExchangeCredentials, type ExchangeId } from '../../../../core/keys/index.ts';
import {
  buildServiceCheckReport, checkServiceKey, serviceCheckReportToHtml, serviceCheckReportToJson, type ServiceKeyCheckOptions,
} from '../../../../core/keys/serviceCheck/index.ts';
import { startFakeExchange, type FakeExchange } from '../../../fake-exchange/index.ts';
import { EXCHANGE_RESPONSES } from '../support/exchangeResponses.ts';
import { startFixtureServer, type FixtureReply, type FixtureServer } from '../support/fixtureServer.ts';

const NEEDLE = 'CANARY';
const KEY = 'FAKE-CANARY-KEY-5e1f-00000000000000000001';
const SECRET = 'FAKE-CANARY-SECRET-5e1f-000000000001';
const PASSPHRASE = 'FAKE-CANARY-PASS-5e1f';
/** Kraken secrets are base64; the canary must not leak in that form either. */
const KRAKEN_SECRET = Buffer.from(`${SECRET}-kraken`).toString('base64');

let fake: FakeExchange | undefined;
let server: FixtureServer | undefined;
afterEach(async () => {
  await fake?.close();
  await server?.close();
  fake = undefined;
  server = undefined;
});

const canary = (exchange: ExchangeId, overrides: { apiKey?: string; secret?: string } = {}): ExchangeCredentials => ({
  apiKey: makeSecret(overrides.apiKey ?? KEY),
  secret: makeSecret(overrides.secret ?? (exchange === 'kraken' ? KRAKEN_SECRET : SECRET)),
  ...(['okx', 'kucoin', 'bitget'].includes(exchange) ? { passphrase: makeSecret(PASSPHRASE) } : {}),
});

describe('canary: a key checked for a service leaves no trace', () => {
  it('appears in no log line, no returned object, no exported report and no error', async () => {
    const lines: string[] = [];
    const log = createLogger({ destination: new Writable({ write(chunk: Buffer, _e, done) { lines.push(chunk.toString('utf8')); done(); } }) });
    const results: unknown[] = [];
    const errors: string[] = [];
    const run = async (exchange: string, credentials: ExchangeCredentials, options: ServiceKeyCheckOptions): Promise<void> => {
      try {
        const result = await checkServiceKey(exchange, credentials, { log, timeoutMs: 1_500, ...options });
        results.push(result);
        log.info({ result }, 'key check shown');
        const report = buildServiceCheckReport({ createdAtMs: 0, answers: {}, keyCheck: result });
        results.push(serviceCheckReportToJson(report), serviceCheckReportToHtml(report, { timeZone: 'UTC' }));
      } catch (error) {
        errors.push(error instanceof Error ? `${error.name}: ${error.message} ${String(error.stack)}` : String(error));
      }
    };

    // The fake Binance, whose account holds the canary key: withdrawals off, then on, then faults.
    fake = await startFakeExchange({ account: { credentials: { apiKey: KEY, secret: SECRET } } });
    const atFake = { apiBaseUrl: fake.url };
    await run('binance', canary('binance'), atFake);
    fake.account.setPermissions({ enableWithdrawals: true });
    await run('binance', canary('binance'), atFake);
    await run('binance', canary('binance', { secret: 'FAKE-CANARY-WRONG-SECRET-5e1f' }), atFake);
    fake.faults.add({ method: 'GET', path: '/sapi/v1/account/apiRestrictions', times: 1, fault: { kind: 'serverError', status: 500 } });
    await run('binance', canary('binance'), atFake);
    fake.faults.add({ method: 'GET', path: '/sapi/v1/account/apiRestrictions', times: 1, fault: { kind: 'latency', ms: 2_500 } });
    await run('binance', canary('binance'), { ...atFake, timeoutMs: 300 });

    // Exchanges that echo the credentials back: in an error, in a 500 page, inside an IP allowlist.
    const echo = `${KEY} ${SECRET} ${KRAKEN_SECRET} ${PASSPHRASE}`;
    const krakenEcho = EXCHANGE_RESPONSES.kraken.base();
    (krakenEcho['result'] as Record<string, unknown>)['ipAllowlist'] = ['203.0.113.7', KEY];
    const replies: [ExchangeId, FixtureReply][] = [
      ['binance', { status: 401, body: EXCHANGE_RESPONSES.binance.authError.body(echo) }],
      ['okx', { status: 401, body: EXCHANGE_RESPONSES.okx.authError.body(echo) }],
      ['bybit', { status: 500, body: `upstream failed for ${echo}` }],
      ['kraken', { status: 200, body: krakenEcho }],
      ['kucoin', { status: 200, body: { code: '200000', data: { permission: `General,Spot,${KEY}`, ipWhitelist: SECRET } } }],
    ];
    let next: FixtureReply = { status: 500, body: echo };
    server = await startFixtureServer(() => next);
    for (const [exchange, reply] of replies) {
      next = reply;
      await run(exchange, canary(exchange), { apiBaseUrl: server.origin, servicePublishedIps: ['203.0.113.7'] });
    }

    // Never sent at all: a malformed key, the key pasted as the exchange name, an unreachable exchange.
    await run('binance', canary('binance', { apiKey: `${KEY} ${SECRET}` }), {});
    await run('kraken', canary('kraken', { secret: SECRET }), {});
    await run(KEY, canary('binance'), {});
    await run('binance', canary('binance'), { apiBaseUrl: 'http://127.0.0.1:9' });

    // The test is only meaningful if the canary really reached the exchanges and results came back.
    // Four answered requests; the fifth is still held by the latency fault when the check gives up.
    expect(fake.inspect.requests().length).toBeGreaterThanOrEqual(4);
    expect(server.requests.some((r) => JSON.stringify(r.headers).includes(KEY))).toBe(true);
    expect(results.length).toBe(3 * (5 + replies.length + 4));
    expect(lines.length).toBeGreaterThanOrEqual(2 * (5 + replies.length + 4));
    expect(errors).toEqual([]);

    const everything = [JSON.stringify(results), ...lines, ...errors];
    for (const text of everything) {
      expect(text).not.toContain(NEEDLE);
      expect(text).not.toContain(KRAKEN_SECRET);
    }
  });
});
