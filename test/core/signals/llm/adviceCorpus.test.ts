import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSecret } from '../../../../core/keys/index.ts';
import { ADVICE_REASON_CODES, AdviceRecordSchema, adviceReasonMessages, createLlmAdvisor } from '../../../../core/signals/llm/index.ts';
import { FAKE_MARKET } from '../../../fake-llm/answers.ts';
import { BAD_ANSWERS, type BadAnswerClass } from '../../../fake-llm/badAnswers.ts';
import { startFakeLlm, type FakeLlm } from '../../../fake-llm/fakeLlmServer.ts';
import { advisorSettings, briefInput, CANARY_KEY } from './fixtures.ts';

/**
 * Every bad answer of the corpus goes through the real client (the openai package over HTTP)
 * against the fake server, and must come back as a rejection with its reason code: never an
 * accepted signal, never a throw, and never a second request.
 */
let fake: FakeLlm;

beforeAll(async () => {
  fake = await startFakeLlm();
});
afterAll(async () => {
  await fake.close();
});

describe('the bad-answer corpus', () => {
  it('holds at least 40 answers across every class the issue names', () => {
    expect(BAD_ANSWERS.length).toBeGreaterThanOrEqual(40);
    const classes: BadAnswerClass[] = ['symbol', 'numbers', 'contradiction', 'invalidation', 'injection', 'instructions-urls', 'oversized', 'truncated', 'prose', 'code-fence', 'fields', 'timeout', 'rate-limit', 'server-error', 'html'];
    expect(new Set(BAD_ANSWERS.map((answer) => answer.class))).toEqual(new Set(classes));
    expect(new Set(BAD_ANSWERS.map((answer) => answer.name)).size).toBe(BAD_ANSWERS.length);
    for (const answer of BAD_ANSWERS) for (const code of answer.expected) expect(ADVICE_REASON_CODES).toContain(code);
  });

  it.each(BAD_ANSWERS.map((answer) => [answer.class, answer.name, answer] as const))('%s: %s is rejected with its reason code', async (_class, _name, answer) => {
    const before = fake.requests.length;
    fake.script(answer.reply);
    const advisor = createLlmAdvisor({
      settings: advisorSettings(fake.baseUrl, answer.timeoutMs === undefined ? {} : { timeoutMs: answer.timeoutMs }),
      readApiKey: () => Promise.resolve(makeSecret(CANARY_KEY)),
      allowlist: FAKE_MARKET.allowlist,
      nowMs: () => Date.UTC(2026, 0, 2),
    });
    const record = await advisor.advise(briefInput());
    expect(record.verdict).toBe('rejected');
    expect(record.signal).toBeNull();
    expect(record.called).toBe(true);
    const codes = record.reasons.map((item) => item.code);
    for (const code of answer.expected) expect(codes).toContain(code);
    // No retry: exactly one request reached the server for this answer.
    expect(fake.requests.length - before).toBe(1);
    // The record is what the journal will store: it parses, and holds no key material.
    expect(AdviceRecordSchema.safeParse(record).success).toBe(true);
    expect(JSON.stringify(record)).not.toContain(CANARY_KEY);
    // Every reason can be worded: each placeholder of its template has a parameter.
    for (const item of record.reasons) {
      for (const [, name] of adviceReasonMessages[item.code].matchAll(/\{\{(\w+)\}\}/g)) expect(item.params).toHaveProperty(name ?? '');
    }
  });
});
