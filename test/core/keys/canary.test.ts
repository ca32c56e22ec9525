import { afterEach, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NetworkError } from 'ccxt';
import { createLogger } from '../../../core/log/index.ts';
import {
  JsonFileKeyRecordStore, Keystore, KeysError, LIVE_CONFIRMATION_PHRASE, PermissionWatch, createExchangeClient,
  evaluateLiveGate, makeSecret, verifyKeyPermissions, withdrawVerdict, type PermissionReport,
} from '../../../core/keys/index.ts';
import { startFixtureServer, type FixtureReply, type FixtureServer } from './support/fixtureServer.ts';
import { EXCHANGE_RESPONSES } from './support/exchangeResponses.ts';
import { StandInOsCipher } from './support/testCiphers.ts';
import { removeTempDirs, tempDir } from '../../support/tempDirs.ts';

// Runs after the hooks below (they close what uses the folders), then removes the folders.
afterEach(removeTempDirs);

const API_KEY = 'FAKE-KEY-CANARY-7f3a-0000000000wXyZ';
const SECRET = 'FAKE-SECRET-CANARY-7f3a';
const NEEDLE = 'CANARY';

let server: FixtureServer | undefined;
afterEach(async () => { await server?.close(); });

function capturedLog() {
  const lines: string[] = [];
  const destination = new Writable({ write(chunk: Buffer, _e, done) { lines.push(chunk.toString('utf8')); done(); } });
  return { log: createLogger({ destination }), lines };
}

async function thrownMessage(work: () => Promise<unknown>): Promise<string> {
  try { await work(); } catch (error) { return error instanceof Error ? `${error.name}: ${error.message} ${String(error.stack)}` : String(error); }
  throw new Error('expected a failure');
}

describe('canary: a fake secret never leaves the keys layer', () => {
  it('stays out of returned values, error messages, files and log lines from save to live gate', async () => {
    const { log, lines } = capturedLog();
    const seen: unknown[] = [];
    const messages: string[] = [];
    const keep = <T>(value: T): T => { seen.push(value); log.info({ value }, 'keys layer output'); return value; };

    // Replies in order: rejected key echoing the credentials, HTTP 500 echoing them, a good key, then withdrawals on.
    const good = { ...EXCHANGE_RESPONSES.binance.base(), createTime: Date.now() - 86_400_000 };
    const withdrawing = { ...good };
    EXCHANGE_RESPONSES.binance.withdrawEnabled(withdrawing);
    const replies: FixtureReply[] = [
      { status: 401, body: { code: -2015, msg: `Invalid API-key ${API_KEY} secret ${SECRET}` } },
      { status: 500, body: `upstream failed for ${API_KEY}:${SECRET}` },
      { status: 200, body: good },
      { status: 200, body: good },
      { status: 200, body: withdrawing },
    ];
    server = await startFixtureServer(() => replies.shift() ?? { status: 500, body: SECRET });
    const origin = server.origin;

    const path = join(tempDir('canary'), 'keys.json');
    const keystore = new Keystore({ cipher: new StandInOsCipher('gnome_libsecret'), store: new JsonFileKeyRecordStore(path), logger: log });
    const saved = keep(await keystore.save({
      exchange: 'binance', environment: 'live', label: 'main', credentials: { apiKey: makeSecret(API_KEY), secret: makeSecret(SECRET) },
    }));

    let breakTransport = false;
    const read = async (): Promise<PermissionReport> => {
      const credentials = await keystore.readCredentials(saved.id);
      log.info({ credentials }, 'credentials read for verification');
      const client = createExchangeClient('binance', credentials, { environment: 'live', apiBaseUrl: origin, timeoutMs: 1_000 });
      if (breakTransport) {
        // What a ccxt transport error can look like: URL with signature, headers with the key.
        client.fetch = () => Promise.reject(new NetworkError(`binance GET ${origin}/sapi/v1/account/apiRestrictions?signature=abc {"X-MBX-APIKEY":"${API_KEY}"} ${SECRET}`));
      }
      return keep(await verifyKeyPermissions('binance', client));
    };

    const rejected = await read();
    const failed = await read();
    breakTransport = true;
    const broken = await read();
    breakTransport = false;
    expect([rejected.readFailure?.code, failed.readFailure?.code, broken.readFailure?.code]).toEqual(['AUTHENTICATION', 'NETWORK', 'NETWORK']);
    for (const report of [rejected, failed, broken]) keep(withdrawVerdict(report));

    const verified = await read();
    expect(verified.canWithdraw).toBe(false);
    keep(await keystore.recordPermissionReport(saved.id, verified));
    keep(await keystore.list());

    const gate = keep(await evaluateLiveGate({
      strategyId: 's', readPermissions: read, nowMs: Date.now(), keyCreatedAtMs: Date.now(),
      riskLimits: { configured: true }, typedConfirmation: LIVE_CONFIRMATION_PHRASE,
      paperRecord: { strategyId: 's', paperDays: 7, paperTrades: 0 },
    }));
    expect(gate.allowed).toBe(true);

    const alarms: unknown[] = [];
    const watch = new PermissionWatch({
      read, intervalMs: 1, onWithdrawEnabled: (r) => alarms.push(r), onUnknown: (reason, r) => alarms.push(reason, r),
    });
    expect(await watch.checkNow()).toBe('withdraw-enabled');
    keep(alarms);

    messages.push(await thrownMessage(() => new Keystore({ cipher: new StandInOsCipher('kwallet5'), store: new JsonFileKeyRecordStore(path) }).readCredentials(saved.id)));
    messages.push(await thrownMessage(() => new Keystore({ cipher: new StandInOsCipher('gnome_libsecret'), store: new JsonFileKeyRecordStore(path) }).readCredentials(saved.id)));
    messages.push(await thrownMessage(() => Promise.resolve(createExchangeClient('kraken', { apiKey: makeSecret(API_KEY), secret: makeSecret(SECRET) }, { environment: 'testnet' }))));
    messages.push(await thrownMessage(() => keystore.save({ exchange: 'binance', environment: 'live', label: 'main', credentials: { apiKey: makeSecret(API_KEY), secret: makeSecret(SECRET) } })));
    for (const message of messages) log.error({ message }, 'keys layer error');
    expect(messages.every((m) => m.includes('KeysError'))).toBe(true);

    const everything = [JSON.stringify(seen), ...messages, ...lines, await readFile(path, 'utf8')];
    for (const text of everything) expect(text).not.toContain(NEEDLE);
    expect(lines.length).toBeGreaterThan(10);
    // Five reads reached the fixture; the broken-transport read never left the client.
    expect(server.requests.length).toBe(5);
  });

  it('keeps KeysError messages free of the secret even when the input is the secret', async () => {
    const keystore = new Keystore({ cipher: new StandInOsCipher('basic_text'), store: new JsonFileKeyRecordStore(join(tempDir('canary'), 'k.json')) });
    const error = await thrownMessage(() => keystore.save({ exchange: 'binance', environment: 'live', label: SECRET, credentials: { apiKey: makeSecret(API_KEY), secret: makeSecret(SECRET) } }));
    expect(error).toContain('KeysError');
    expect(error).not.toContain(NEEDLE);
    expect(new KeysError('INVALID_INPUT', 'x').code).toBe('INVALID_INPUT');
  });
});
