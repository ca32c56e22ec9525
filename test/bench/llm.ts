// `llm_validate_us` and `llm_roundtrip_overhead_ms` of BENCH.md: the advisor's validator on one
// answer, and a whole advise() (brief, request through the openai package, HTTP to the fake
// server answering at once, validation, scrubbing, record) — everything but the model's own
// time. Run alone with `node test/bench/llm.ts`.
import { pathToFileURL } from 'node:url';
import { makeSecret } from '../../core/keys/index.ts';
import { createLlmAdvisor, validateAdvice, type AdviceValidationContext } from '../../core/signals/llm/index.ts';
import { advisorSettings, briefInputForBar, CANARY_KEY } from '../core/signals/llm/fixtures.ts';
import { answerText, FAKE_MARKET, goodReply } from '../fake-llm/answers.ts';
import { startFakeLlm } from '../fake-llm/fakeLlmServer.ts';
import { measureRounds, progress, round1 } from './stats.ts';

const VALIDATIONS_PER_ROUND = 2_000;
const CALLS_PER_ROUND = 200;

const CONTEXT: AdviceValidationContext = {
  askedSymbol: FAKE_MARKET.symbol,
  allowlist: FAKE_MARKET.allowlist,
  lastCloseQuote: FAKE_MARKET.lastCloseQuote,
  atrQuote: FAKE_MARKET.atrQuote,
  horizonMinBars: 1,
  horizonMaxBars: 48,
  maxInvalidationAtr: 5,
  neutralProbabilityBand: 0.15,
  elapsedMs: 500,
  timeoutMs: 30_000,
  maxAnswerBytes: 4_096,
  finishReason: 'stop',
  budget: { callsLastHour: 1, callsPerHour: 12, callsLastDay: 1, callsPerDay: 120, tokensLastDay: 500, tokensPerDay: 300_000 },
};

export async function benchLlmValidate(): Promise<{ llm_validate_us: number }> {
  progress(`LLM validator (${String(VALIDATIONS_PER_ROUND)} answers a round)`);
  const text = answerText();
  const [p99] = await measureRounds(() => {
    const samples: number[] = [];
    for (let i = 0; i < VALIDATIONS_PER_ROUND; i++) {
      const started = process.hrtime.bigint();
      const verdict = validateAdvice(text, CONTEXT);
      samples.push(Number(process.hrtime.bigint() - started) / 1_000);
      if (verdict.verdict !== 'accepted') throw new Error('the benchmark answer was rejected');
    }
    return samples;
  }, [99]);
  return { llm_validate_us: round1(p99 ?? Number.NaN) };
}

export async function benchLlmRoundtrip(): Promise<{ llm_roundtrip_overhead_ms: number }> {
  progress(`LLM advise() against the fake server with no delay (${String(CALLS_PER_ROUND)} calls a round)`);
  const fake = await startFakeLlm({ fallback: goodReply() });
  let bar = 0;
  try {
    const advisor = createLlmAdvisor({
      settings: advisorSettings(fake.baseUrl, { callsPerHour: 3_600, callsPerDay: 100_000, tokensPerDay: 100_000_000 }),
      readApiKey: () => Promise.resolve(makeSecret(CANARY_KEY)),
      allowlist: FAKE_MARKET.allowlist,
      nowMs: Date.now,
    });
    const [p50, p99] = await measureRounds(async () => {
      const samples: number[] = [];
      for (let i = 0; i < CALLS_PER_ROUND; i++) {
        const input = briefInputForBar(bar++);
        const started = performance.now();
        const record = await advisor.advise(input);
        samples.push(performance.now() - started);
        if (record.verdict !== 'accepted') throw new Error(`the benchmark answer was rejected: ${record.reasons.map((item) => item.code).join(', ')}`);
      }
      return samples;
    }, [50, 99]);
    // Context for a shared machine: the same request by bare fetch, without the advisor.
    const body = JSON.stringify({ model: 'fake-model', messages: [{ role: 'user', content: 'x'.repeat(3_000) }] });
    const [bareP50, bareP99] = await measureRounds(async () => {
      const samples: number[] = [];
      for (let i = 0; i < CALLS_PER_ROUND; i++) {
        const started = performance.now();
        await (await fetch(`${fake.baseUrl}/chat/completions`, { method: 'POST', body, headers: { 'content-type': 'application/json' } })).text();
        samples.push(performance.now() - started);
      }
      return samples;
    }, [50, 99]);
    const ms = (value: number | undefined): string => String(round1(value ?? Number.NaN));
    progress(`LLM round trip p50 ${ms(p50)} / p99 ${ms(p99)} ms; the same HTTP exchange by bare fetch p50 ${ms(bareP50)} / p99 ${ms(bareP99)} ms`);
    return { llm_roundtrip_overhead_ms: round1(p99 ?? Number.NaN) };
  } finally {
    await fake.close();
  }
}

export async function benchLlm(): Promise<{ llm_validate_us: number; llm_roundtrip_overhead_ms: number }> {
  return { ...(await benchLlmValidate()), ...(await benchLlmRoundtrip()) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await benchLlm())}\n`);
}
