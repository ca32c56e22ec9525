import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeSecret } from '../../../../core/keys/index.ts';
import { ADVISOR_SYSTEM_PROMPT, applySecondOpinion, createLlmAdvisor, DEFAULT_SECOND_OPINION, PROMPT_VERSION, RANGE_KEYWORDS, VALIDATOR_VERSION, type AdvisorSettings, type LlmAdvisorOptions } from '../../../../core/signals/llm/index.ts';
import { FAKE_MARKET, goodAnswer, goodReply } from '../../../fake-llm/answers.ts';
import { answerFollowingBrief } from '../../../fake-llm/briefAnswers.ts';
import { startFakeLlm, type FakeLlm } from '../../../fake-llm/fakeLlmServer.ts';
import { advisorSettings, briefInput, briefInputForBar, CANARY_KEY, START_MS } from './fixtures.ts';

let fake: FakeLlm;
let nowMs = START_MS;

beforeAll(async () => {
  fake = await startFakeLlm({ models: ['fake-model', 'other-model'] });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.setFallback(goodReply());
  nowMs = Date.UTC(2026, 0, 3);
});

function advisor(settings: Partial<AdvisorSettings> = {}, options: Partial<LlmAdvisorOptions> = {}) {
  return createLlmAdvisor({
    settings: advisorSettings(fake.baseUrl, settings),
    readApiKey: () => Promise.resolve(makeSecret(CANARY_KEY)),
    allowlist: FAKE_MARKET.allowlist,
    nowMs: () => nowMs,
    ...options,
  });
}

const chatRequests = (): typeof fake.requests => fake.requests.filter((request) => request.path === '/v1/chat/completions');

describe('the LLM advisor client', () => {
  it('returns a journal-ready record for an accepted answer', async () => {
    const record = await advisor().advise(briefInput());
    expect(record).toMatchObject({
      recordVersion: 1,
      adviceId: `llm:BTC/USDT:${START_MS + 29 * 3_600_000}`,
      symbol: 'BTC/USDT',
      barOpenTimeMs: START_MS + 29 * 3_600_000,
      askedAtMs: nowMs,
      promptVersion: PROMPT_VERSION,
      validatorVersion: VALIDATOR_VERSION,
      model: 'fake-model',
      baseUrl: fake.baseUrl,
      called: true,
      httpStatus: 200,
      finishReason: 'stop',
      usage: { promptTokens: 420, completionTokens: 80, totalTokens: 500, estimated: false },
      verdict: 'accepted',
      signal: goodAnswer(),
      parsed: goodAnswer(),
      reasons: [],
      detail: null,
    });
    expect(record.briefHash).toMatch(/^[0-9a-f]{64}$/);
    expect(record.latencyMs).toBeGreaterThan(0);
    expect(record.rawAnswer).toBe(JSON.stringify(goodAnswer()));
  });

  it('asks at temperature 0, without streaming, for the strict schema without ranges, with the key as a Bearer token', async () => {
    await advisor().advise(briefInput());
    const [request] = chatRequests();
    expect(request?.headers.authorization).toBe(`Bearer ${CANARY_KEY}`);
    const body = request?.body as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'fake-model', temperature: 0, stream: false, max_completion_tokens: 600 });
    expect(body).not.toHaveProperty('max_tokens');
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'ballast_advice', strict: true } });
    const schemaText = JSON.stringify(body.response_format);
    for (const keyword of RANGE_KEYWORDS) expect(schemaText).not.toContain(`"${keyword}"`);
    const messages = body.messages as { role: string; content: string }[];
    expect(messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(messages[0]?.content).toBe(ADVISOR_SYSTEM_PROMPT);
  });

  it('sends no Authorization header without a key, and max_tokens to a local server', async () => {
    await advisor({ presetId: 'ollama', usesApiKey: false }, { readApiKey: () => Promise.resolve(null) }).advise(briefInput());
    const [request] = chatRequests();
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.body).toMatchObject({ max_tokens: 600 });
    expect(request?.body).not.toHaveProperty('max_completion_tokens');
  });

  it('asks at most once per bar per market, and never retries', async () => {
    const llm = advisor();
    fake.script({ kind: 'http', status: 503, body: '{"error":{"message":"overloaded"}}' });
    const failed = await llm.advise(briefInput());
    expect(failed.reasons.map((item) => item.code)).toEqual(['PROVIDER_HTTP_ERROR']);
    const again = await llm.advise(briefInput());
    expect(again).toMatchObject({ called: false, verdict: 'rejected', reasons: [{ code: 'ALREADY_ASKED_THIS_BAR' }] });
    expect(chatRequests()).toHaveLength(1);
    // The next bar may ask again.
    expect((await llm.advise(briefInputForBar(1))).verdict).toBe('accepted');
    expect(chatRequests()).toHaveLength(2);
  });

  it('enforces the calls-per-hour budget before sending anything', async () => {
    const llm = advisor({ callsPerHour: 2 });
    expect((await llm.advise(briefInputForBar(1))).verdict).toBe('accepted');
    expect((await llm.advise(briefInputForBar(2))).verdict).toBe('accepted');
    const third = await llm.advise(briefInputForBar(3));
    expect(third).toMatchObject({ called: false, reasons: [{ code: 'BUDGET_CALLS_PER_HOUR', params: { used: 2, limit: 2 } }] });
    expect(chatRequests()).toHaveLength(2);
    nowMs += 3_600_000;
    expect((await llm.advise(briefInputForBar(4))).verdict).toBe('accepted');
  });

  it('counts tokens from the usage the server reports, and refuses the answer that breaks the daily tokens', async () => {
    // 500 tokens a call (the fake's usage): the second call brings the day to 1,000 > 900.
    const llm = advisor({ tokensPerDay: 900 });
    expect((await llm.advise(briefInputForBar(1))).verdict).toBe('accepted');
    const second = await llm.advise(briefInputForBar(2));
    expect(second.reasons).toEqual([{ code: 'BUDGET_TOKENS_PER_DAY', params: { used: 1_000, limit: 900 } }]);
    const third = await llm.advise(briefInputForBar(3));
    expect(third).toMatchObject({ called: false, reasons: [{ code: 'BUDGET_TOKENS_PER_DAY' }] });
    expect(llm.budgetState()).toMatchObject({ callsLastDay: 2, tokensLastDay: 1_000 });
  });

  it('estimates tokens when the server reports none', async () => {
    fake.script({ ...goodReply(), usage: null } as never);
    const record = await advisor().advise(briefInput());
    expect(record.usage?.estimated).toBe(true);
    expect(record.usage?.totalTokens).toBeGreaterThan(100);
  });

  it('keeps quiet after a 429 for the time the server asked', async () => {
    const llm = advisor();
    fake.script({ kind: 'http', status: 429, body: '{"error":{"message":"rate limited"}}', headers: { 'retry-after': '120' } });
    expect((await llm.advise(briefInputForBar(1))).reasons).toEqual([{ code: 'PROVIDER_RATE_LIMITED', params: { retryAfterSeconds: 120, waitSeconds: 120 } }]);
    nowMs += 60_000;
    expect((await llm.advise(briefInputForBar(2))).reasons).toEqual([{ code: 'PROVIDER_COOLING_DOWN', params: { untilMs: nowMs + 60_000, waitSeconds: 60 } }]);
    nowMs += 60_000;
    expect((await llm.advise(briefInputForBar(3))).verdict).toBe('accepted');
    expect(chatRequests()).toHaveLength(2);
  });

  it('refuses without asking when the brief cannot be built or the key cannot be read', async () => {
    const noAtr = await advisor().advise(briefInput({ atrQuote: Number.NaN }));
    expect(noAtr).toMatchObject({ called: false, briefHash: null, reasons: [{ code: 'BRIEF_INPUT_INVALID', params: { field: 'atrQuote' } }] });
    const noKey = await advisor({}, { readApiKey: () => Promise.reject(new Error(`cipher failed for ${CANARY_KEY}`)) }).advise(briefInput());
    expect(noKey).toMatchObject({ called: false, reasons: [{ code: 'API_KEY_UNAVAILABLE', params: {} }] });
    expect(JSON.stringify(noKey)).not.toContain(CANARY_KEY);
    expect(chatRequests()).toHaveLength(0);
  });

  it.each([
    ['bullish', 'keep', 0.02],
    ['neutral', 'shrink', 0.01],
    ['bearish', 'veto', 0],
  ] as const)('a %s answer, accepted, makes the second opinion %s the entry', async (stance, action, sizeBase) => {
    fake.script(answerFollowingBrief(stance));
    const record = await advisor().advise(briefInput());
    expect(record).toMatchObject({ verdict: 'accepted', signal: { stance } });
    expect(applySecondOpinion(0.02, record, DEFAULT_SECOND_OPINION)).toMatchObject({ action, sizeBase });
  });

  it('never throws, even on input that is not a brief at all', async () => {
    const broken = await advisor().advise({ ...briefInput(), candles: undefined as never });
    expect(broken).toMatchObject({ verdict: 'rejected', called: false, signal: null });
    expect(broken.reasons.map((item) => item.code)).toEqual(['ADVISOR_FAILED']);
    expect(chatRequests()).toHaveLength(0);
  });

  it('tests the connection by listing the server\'s models', async () => {
    expect(await advisor().testConnection()).toMatchObject({ ok: true, models: ['fake-model', 'other-model'], modelFound: true });
    expect(await advisor({ model: 'missing' }).testConnection()).toMatchObject({ ok: true, modelFound: false });
    const models = fake.requests.filter((request) => request.path === '/v1/models');
    expect(models[0]?.headers.authorization).toBe(`Bearer ${CANARY_KEY}`);
    const unreachable = await advisor({ baseUrl: 'http://127.0.0.1:9/v1' }).testConnection();
    expect(unreachable).toMatchObject({ ok: false, reasons: [{ code: 'PROVIDER_UNREACHABLE' }] });
  });
});
