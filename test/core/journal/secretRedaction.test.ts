import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, JournalError, openJournal } from '../../../core/journal/index.ts';
import { REDACTED, SecretRedactor } from '../../../core/log/index.ts';
import { tempJournalPath } from './journalFixtures.ts';

const FAKE_KEY = 'FAKE-KEY-CANARY-7f3a9c1e55b2';
const FAKE_SECRET = 'FAKE-SECRET-CANARY-d41d8cd98f00b204';
const FAKE_PASSPHRASE = 'FAKE-PASSPHRASE-CANARY-horse';

/** Every byte SQLite wrote for this journal: main file, WAL and shared memory. */
function bytesOnDisk(path: string): string {
  const folder = dirname(path);
  return readdirSync(folder).map((name) => readFileSync(join(folder, name)).toString('latin1')).join('\n');
}

function redact(value: unknown, secrets: readonly string[] = []): string {
  const redactor = new SecretRedactor();
  for (const secret of secrets) redactor.registerSecretValue(secret);
  return canonicalJson(value, redactor);
}

describe('secrets never reach the journal', () => {
  it('masks fields whose name looks like a secret, in any case and at any depth, keeping the name', () => {
    const text = redact({
      apiKey: 'a1', API_KEY: 'a2', 'api-key': 'a3', secret: 's1', clientSecret: 's2', secretKey: 's3',
      password: 'p1', Passphrase: 'p2', signature: 'g1', privateKey: 'k1', token: 't1', accessToken: 't2',
      request: { headers: { 'X-MBX-APIKEY': 'h1', Authorization: 'Bearer h2', 'OK-ACCESS-SIGN': 'h3', 'KC-API-PASSPHRASE': 'h4' } },
      nested: [{ deeper: { refresh_token: 't3' } }],
    });
    for (const leaked of ['a1', 'a2', 'a3', 's1', 's2', 's3', 'p1', 'p2', 'g1', 'k1', 't1', 't2', 'h1', 'h2', 'h3', 'h4', 't3']) {
      expect(text).not.toContain(`"${leaked}"`);
      expect(text).not.toContain('Bearer');
    }
    expect(text).toContain(`"X-MBX-APIKEY":"${REDACTED}"`);
    expect(text).toContain(`"apiKey":"${REDACTED}"`);
  });

  it('keeps ordinary trading fields that merely contain similar words', () => {
    const text = redact({ promptTokens: 812, tokenCount: 3, signal: 'buy', symbol: 'BTC/USDT', clientOrderId: 'ballast-1', designNote: 'ok' });
    expect(JSON.parse(text)).toEqual({ clientOrderId: 'ballast-1', designNote: 'ok', promptTokens: 812, signal: 'buy', symbol: 'BTC/USDT', tokenCount: 3 });
  });

  it('masks registered secret values wherever they appear: strings, URLs, error messages, field names', () => {
    const text = redact(
      {
        note: `request failed for key ${FAKE_KEY}`,
        url: `https://api.example.test/api/v3/order?apiKeyHint=${FAKE_KEY}&x=1`,
        error: new Error(`invalid signature for secret ${FAKE_SECRET}`),
        byKey: { [FAKE_KEY]: 'weights' },
        list: ['ok', FAKE_PASSPHRASE],
      },
      [FAKE_KEY, FAKE_SECRET, FAKE_PASSPHRASE],
    );
    expect(text).not.toContain('CANARY');
    expect(text).toContain(REDACTED);
  });

  it('masks inline secret assignments in free text even when the value was never registered', () => {
    const text = redact({
      url: 'https://api.example.test/api/v3/order?symbol=BTCUSDT&timestamp=1&signature=9f86d081884c7d659a2feaa0c55ad015',
      log: 'headers: X-MBX-APIKEY: vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
      body: '{"apiKey":"unregistered-key-123","symbol":"ETHUSDT"}',
    });
    expect(text).not.toContain('9f86d081884c7d659a2feaa0c55ad015');
    expect(text).not.toContain('vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A');
    expect(text).not.toContain('unregistered-key-123');
    expect(text).toContain('symbol=BTCUSDT');
    expect(text).toContain('ETHUSDT');
  });

  it('writes no canary secret into any byte of the database, WAL included', () => {
    const path = tempJournalPath();
    const journal = openJournal(path);
    journal.registerSecretValue(FAKE_KEY);
    journal.registerSecretValue(FAKE_SECRET);
    journal.append({
      atMs: 1,
      kind: 'exchange_response',
      subject: `order for ${FAKE_KEY}`,
      payload: { status: 401, body: `{"msg":"Invalid API-key ${FAKE_KEY}"}`, request: { apiKey: FAKE_KEY, secret: FAKE_SECRET } },
    });
    journal.append({ atMs: 2, kind: 'person_action', payload: { action: 'saved key', key: FAKE_KEY, secret: FAKE_SECRET } });
    const stored = journal.query().events.map((event) => `${event.subject ?? ''} ${event.payloadJson}`).join('\n');
    expect(stored).not.toContain('CANARY');
    expect(bytesOnDisk(path)).not.toContain('CANARY');
    journal.close();
    expect(bytesOnDisk(path)).not.toContain('CANARY');
  });

  it('hashes the redacted payload, so the chain never depends on a secret', () => {
    const a = openJournal(':memory:');
    const b = openJournal(':memory:');
    b.registerSecretValue(FAKE_KEY);
    const first = a.append({ atMs: 5, kind: 'order', payload: { apiKey: 'anything', side: 'buy' } });
    const second = b.append({ atMs: 5, kind: 'order', payload: { side: 'buy', apiKey: FAKE_KEY } });
    expect(second.hash).toBe(first.hash);
    a.close();
    b.close();
  });

  it('refuses to register an empty secret, which would mask nothing useful', () => {
    const journal = openJournal(':memory:');
    expect(() => { journal.registerSecretValue(''); }).toThrow(TypeError);
    journal.close();
  });

  it('an error about a payload that is not plain data carries no secret', () => {
    const journal = openJournal(':memory:');
    journal.registerSecretValue(FAKE_KEY);
    const cyclic: Record<string, unknown> = { apiKey: FAKE_KEY };
    cyclic.self = cyclic;
    let caught: unknown;
    try {
      journal.append({ atMs: 1, kind: 'system', payload: cyclic });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(JournalError);
    expect(JSON.stringify(caught) + String(caught) + (caught instanceof JournalError ? caught.detail : '')).not.toContain('CANARY');
    journal.close();
  });
});
