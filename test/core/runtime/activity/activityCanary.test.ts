import { afterEach, describe, expect, it } from 'vitest';
import { ACTIVITY_KINDS } from '../../../../core/contract/index.ts';
import type { Journal } from '../../../../core/journal/index.ts';
import { journalsUnderTest, type JournalsUnderTest } from './activitySources.ts';

/** Obviously fake key material: none of it may come back out of any Activity command. */
const CANARY = {
  apiKey: 'FAKE-KEY-CANARY-activity-00000000abcd',
  secret: 'FAKE-SECRET-CANARY-activity-7e1d',
  passphrase: 'FAKE-PASS-CANARY-activity',
} as const;

let journals: JournalsUnderTest | undefined;
afterEach(() => { journals?.close(); journals = undefined; });

/** Rows of every kind carrying the secrets where real ones could hide: fields, free text, URLs, headers, the subject. */
function writeRowsWithSecrets(journal: Journal): void {
  journal.registerSecretValue(CANARY.apiKey);
  journal.registerSecretValue(CANARY.secret);
  journal.registerSecretValue(CANARY.passphrase);
  ACTIVITY_KINDS.forEach((kind, i) => {
    journal.append({
      atMs: 1_700_000_000_000 + i,
      kind,
      subject: i === 2 ? `order-for-${CANARY.apiKey}` : 'BTC/USDT',
      payload: {
        event: `request with ${CANARY.secret} inside`,
        apiKey: CANARY.apiKey,
        headers: { 'X-MBX-APIKEY': CANARY.apiKey, note: `passphrase ${CANARY.passphrase}` },
        url: `https://api.example.test/order?symbol=BTCUSDT&signature=${CANARY.secret}`,
        reason: `exchange said: invalid key ${CANARY.apiKey}`,
        rationale: CANARY.secret,
        title: `Alert about ${CANARY.passphrase}`,
        cause: { code: 'X', message: `key ${CANARY.apiKey}` },
        transition: 'pause', from: 'ACTIVE', to: 'PAUSED',
      },
    });
  });
}

function expectNoCanary(text: string): void {
  for (const value of Object.values(CANARY)) expect(text).not.toContain(value);
  expect(text).not.toMatch(/CANARY-activity/);
}

describe('canary: a registered secret never comes out of the Activity screen', () => {
  it('is in no list, page, summary, detail, verification or export of any journal', async () => {
    journals = journalsUnderTest();
    writeRowsWithSecrets(journals.app);
    writeRowsWithSecrets(journals.run);
    const { handlers } = journals;
    const outputs: unknown[] = [await handlers.listJournals(undefined)];
    for (const journal of ['app', `paper-${journals.runId}`]) {
      const page = await handlers.queryActivity({ journal, limit: 50 });
      expect(page.rows).toHaveLength(ACTIVITY_KINDS.length);
      outputs.push(page);
      for (const kind of ACTIVITY_KINDS) outputs.push(await handlers.queryActivity({ journal, kinds: [kind], limit: 50 }));
      // Searching for the secret finds nothing: it was never stored.
      expect((await handlers.queryActivity({ journal, text: CANARY.secret, limit: 50 })).rows).toHaveLength(0);
      outputs.push(await handlers.verifyActivity({ journal }));
      outputs.push(await handlers.exportActivity({ journal, format: 'csv', filters: {} }));
      outputs.push(await handlers.exportActivity({ journal, format: 'json', filters: {} }));
    }
    const everything = JSON.stringify(outputs);
    expect(everything).toContain('[redacted]');
    expectNoCanary(everything);
  });
});
