import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryKeyRecordStore, Keystore, KeysError, keyPermissionReader, makeSecret } from '../../../core/keys/index.ts';
import { startFixtureServer, type FixtureServer } from './support/fixtureServer.ts';
import { EXCHANGE_RESPONSES } from './support/exchangeResponses.ts';
import { isSignedCorrectly } from './support/exchangeSignatures.ts';
import { StandInOsCipher } from './support/testCiphers.ts';

let server: FixtureServer | undefined;
afterEach(async () => { await server?.close(); });

describe('keyPermissionReader', () => {
  it('decrypts the saved key and asks its exchange, every time it is called', async () => {
    server = await startFixtureServer(() => ({ status: 200, body: EXCHANGE_RESPONSES.bitget.base() }));
    const keystore = new Keystore({ cipher: new StandInOsCipher('dpapi'), store: new InMemoryKeyRecordStore() });
    const credentials = { apiKey: 'FAKE-KEY-CANARY-bitget-0001', secret: 'FAKE-SECRET-CANARY-bitget', passphrase: 'FAKE-PASS-CANARY-bitget' };
    const saved = await keystore.save({
      exchange: 'bitget', environment: 'live', label: 'main',
      credentials: { apiKey: makeSecret(credentials.apiKey), secret: makeSecret(credentials.secret), passphrase: makeSecret(credentials.passphrase) },
    });
    const read = keyPermissionReader(keystore, saved.id, { apiBaseUrl: server.origin, timeoutMs: 2_000 });
    expect((await read()).canWithdraw).toBe(false);
    expect((await read()).exchange).toBe('bitget');
    expect(server.requests).toHaveLength(2);
    expect(server.requests.every((request) => isSignedCorrectly('bitget', request, credentials))).toBe(true);
  });

  it('rejects with the keystore refusal when the key cannot be read safely', async () => {
    const store = new InMemoryKeyRecordStore();
    const saved = await new Keystore({ cipher: new StandInOsCipher('keychain'), store }).save({
      exchange: 'okx', environment: 'live', label: 'main',
      credentials: { apiKey: makeSecret('FAKE-KEY-CANARY-okx-0001'), secret: makeSecret('FAKE-SECRET-CANARY'), passphrase: makeSecret('p') },
    });
    const read = keyPermissionReader(new Keystore({ cipher: new StandInOsCipher('dpapi'), store }), saved.id);
    await expect(read()).rejects.toBeInstanceOf(KeysError);
  });
});
