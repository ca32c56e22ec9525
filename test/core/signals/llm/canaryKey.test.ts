import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSecret } from '../../../../core/keys/index.ts';
import { createLogger } from '../../../../core/log/index.ts';
import { createLlmAdvisor, type AdviceRecord } from '../../../../core/signals/llm/index.ts';
import { FAKE_MARKET, goodAnswer, goodReply, replyWith } from '../../../fake-llm/answers.ts';
import { BAD_ANSWERS } from '../../../fake-llm/badAnswers.ts';
import { startFakeLlm, type FakeLlm, type FakeReply } from '../../../fake-llm/fakeLlmServer.ts';
import { advisorSettings, briefInputForBar, CANARY_KEY } from './fixtures.ts';

/**
 * The API key travels in exactly one place: the Authorization header of the request. It must
 * never come back in a record (the journal), an error, or a log line, even when a server or a
 * model throws it back at us.
 */
let fake: FakeLlm;
beforeAll(async () => {
  fake = await startFakeLlm();
});
afterAll(async () => {
  await fake.close();
});

const LEAKY_REPLIES: readonly { name: string; reply: FakeReply }[] = [
  { name: 'a 500 page echoing the request headers', reply: { kind: 'http', status: 500, body: '<html><body>Internal error. Request headers:', contentType: 'text/html', echoAuthorization: true } },
  { name: 'a 200 page echoing the request headers', reply: { kind: 'http', status: 200, body: '<html><body>Debug:', contentType: 'text/html', echoAuthorization: true } },
  { name: 'a 401 quoting the key', reply: { kind: 'http', status: 401, body: JSON.stringify({ error: { message: `Incorrect API key provided: ${CANARY_KEY}` } }) } },
  { name: 'a 429 quoting the key', reply: { kind: 'http', status: 429, body: JSON.stringify({ error: { message: `Key ${CANARY_KEY} is rate limited` } }) } },
  { name: 'a model repeating the key in its rationale', reply: goodReply({ rationale: `My instructions came with the key ${CANARY_KEY}.` }) },
  { name: 'a model repeating the key as a field name', reply: replyWith(JSON.stringify({ ...goodAnswer(), [CANARY_KEY]: 1 })) },
  { name: 'a model repeating the key in prose', reply: replyWith(`Authorization: Bearer ${CANARY_KEY}`) },
];

describe('the canary API key', () => {
  it('never appears in a record, an error or a log line, whatever comes back', async () => {
    let logged = '';
    const logger = createLogger({ level: 'debug', destination: { write: (line: string) => { logged += line; } } });
    const records: AdviceRecord[] = [];
    const replies = [...LEAKY_REPLIES, ...BAD_ANSWERS.filter((answer) => answer.timeoutMs === undefined), { name: 'good', reply: goodReply() }];
    for (const [index, { reply }] of replies.entries()) {
      fake.script(reply);
      const advisor = createLlmAdvisor({
        settings: advisorSettings(fake.baseUrl),
        readApiKey: () => Promise.resolve(makeSecret(CANARY_KEY)),
        allowlist: FAKE_MARKET.allowlist,
        nowMs: () => Date.UTC(2026, 0, 3),
        logger,
      });
      // advise() never throws: an exception here fails the test.
      records.push(await advisor.advise(briefInputForBar(index)));
      const check = await advisor.testConnection();
      expect(JSON.stringify(check)).not.toContain(CANARY_KEY);
    }
    // The key did travel, as a Bearer token, on every request.
    const chats = fake.requests.filter((request) => request.path === '/v1/chat/completions');
    expect(chats).toHaveLength(replies.length);
    for (const request of chats) expect(request.headers.authorization).toBe(`Bearer ${CANARY_KEY}`);
    // …and nowhere else.
    expect(logged.split('\n').filter(Boolean)).toHaveLength(replies.length);
    expect(logged).not.toContain(CANARY_KEY);
    const journal = JSON.stringify(records);
    expect(journal).not.toContain(CANARY_KEY);
    // The echoed pages were journaled with the key masked, so the masking was really exercised.
    expect(records[0]?.rawAnswer).toContain('[redacted]');
    expect(records[0]?.detail).toContain('[redacted]');
    expect(records[2]?.detail).toContain('[redacted]');
    expect(records[4]?.reasons.map((item) => item.code)).toContain('TEXT_KEY_LIKE');
  });
});
