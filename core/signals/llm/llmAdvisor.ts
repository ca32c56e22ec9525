import { performance } from 'node:perf_hooks';
import { OpenAI } from 'openai';
import type { Logger, SecretRedactor } from '../../log/index.ts';
import type { Secret } from '../../keys/index.ts';
import { AdviceBudget, OneCallPerBar, type BudgetCall } from './adviceBudget.ts';
import { reason, type AdviceReason } from './adviceReasons.ts';
import { adviceIdFor, ADVICE_RECORD_VERSION, MAX_RECORDED_ANSWER_CHARS, type AdviceRecord } from './adviceRecord.ts';
import { adviceResponseFormat } from './adviceSchema.ts';
import { validateAdvice, VALIDATOR_VERSION, type AdviceBudgetState } from './adviceValidator.ts';
import { PROMPT_VERSION } from './advisorPrompt.ts';
import { readCompletion } from './chatCompletion.ts';
import { buildMarketBrief, type BriefAnswerRules, type MarketBrief, type MarketBriefInput } from './marketBrief.ts';
import { providerFailure, redactorFor } from './providerFailure.ts';
import { providerFetch, type ProviderExchange } from './providerFetch.ts';
import { ADVISOR_PRESETS, displayBaseUrl, type AdvisorSettings } from './providerSettings.ts';

export interface LlmAdvisorOptions {
  readonly settings: AdvisorSettings;
  /**
   * Reads the provider's API key from the keystore, once per call, just before the request;
   * null when the provider needs none. It is revealed only inside the request's fetch.
   */
  readonly readApiKey: () => Promise<Secret | null>;
  /** The risk layer's pair allowlist: an answer about any other market is refused. */
  readonly allowlist: readonly string[];
  readonly nowMs: () => number;
  readonly logger?: Logger;
  /** Calls already made (from the journal's records), so a restart does not reset the budget. */
  readonly budgetHistory?: readonly BudgetCall[];
  /** Bars already asked about (the journal's records with `called`), so a restart cannot ask twice. */
  readonly askedBars?: readonly { readonly symbol: string; readonly barOpenTimeMs: number }[];
  /** Tests and the benchmark only; production uses the global fetch. */
  readonly fetchImpl?: typeof fetch;
}

export type ConnectionCheck =
  | { readonly ok: true; readonly models: readonly string[]; readonly modelFound: boolean; readonly latencyMs: number }
  | { readonly ok: false; readonly reasons: readonly AdviceReason[]; readonly detail: string | null };

export interface LlmAdvisor {
  /** Asks once about the last bar of `input`. Never throws; every outcome is a journal-ready record. */
  advise(input: MarketBriefInput): Promise<AdviceRecord>;
  /** Lists the server's models (`GET /models`), for the "Test connection" button. Never throws. */
  testConnection(): Promise<ConnectionCheck>;
  budgetState(): AdviceBudgetState;
}

/** A placeholder for the openai client, which insists on a key; the real one is set in providerFetch. */
const CLIENT_KEY_PLACEHOLDER = 'key-set-per-request';
/** Token estimate when a server reports no usage: about four characters per token. */
const CHARS_PER_TOKEN = 4;
const MAX_LISTED_MODELS = 100;

interface CallOutcome {
  readonly exchange: ProviderExchange;
  readonly latencyMs: number;
  readonly response?: unknown;
  readonly error?: unknown;
  readonly timedOut: boolean;
}

export function createLlmAdvisor(options: LlmAdvisorOptions): LlmAdvisor {
  const { settings } = options;
  const budget = new AdviceBudget(settings, options.budgetHistory ?? []);
  const bars = new OneCallPerBar(options.askedBars ?? []);
  const rules: BriefAnswerRules = {
    horizonMinBars: settings.horizonMinBars,
    horizonMaxBars: settings.horizonMaxBars,
    maxInvalidationAtr: settings.maxInvalidationAtr,
    neutralProbabilityBand: settings.neutralProbabilityBand,
  };
  const responseFormat = adviceResponseFormat();
  const isLocal = ADVISOR_PRESETS.find((preset) => preset.id === settings.presetId)?.isLocal ?? false;
  // Local servers (Ollama, LM Studio, llama.cpp) read `max_tokens`; OpenAI's newer models accept
  // only `max_completion_tokens`.
  const outputTokenLimit = isLocal ? { max_tokens: settings.maxOutputTokens } : { max_completion_tokens: settings.maxOutputTokens };

  function clientFor(apiKey: Secret | null, exchange: ProviderExchange): OpenAI {
    return new OpenAI({
      baseURL: settings.baseUrl,
      apiKey: CLIENT_KEY_PLACEHOLDER,
      maxRetries: 0,
      // Our own timer aborts first; this is only a backstop.
      timeout: settings.timeoutMs + 1_000,
      logLevel: 'off',
      fetch: providerFetch({ apiKey, maxResponseBytes: settings.maxResponseBytes, exchange, ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}) }),
    });
  }

  async function timed(apiKey: Secret | null, call: (client: OpenAI, signal: AbortSignal) => Promise<unknown>): Promise<CallOutcome> {
    const exchange: ProviderExchange = { status: null, bodyText: null };
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, settings.timeoutMs);
    const startedAt = performance.now();
    try {
      const response = await call(clientFor(apiKey, exchange), controller.signal);
      return { exchange, latencyMs: performance.now() - startedAt, response, timedOut };
    } catch (error) {
      return { exchange, latencyMs: performance.now() - startedAt, error, timedOut };
    } finally {
      clearTimeout(timer);
    }
  }

  function baseRecord(symbol: string, barOpenTimeMs: number | null, askedAtMs: number, brief: MarketBrief | null): AdviceRecord {
    return {
      recordVersion: ADVICE_RECORD_VERSION,
      adviceId: adviceIdFor(symbol, barOpenTimeMs),
      symbol,
      barOpenTimeMs,
      askedAtMs,
      promptVersion: PROMPT_VERSION,
      validatorVersion: VALIDATOR_VERSION,
      briefHash: brief?.briefHash ?? null,
      model: settings.model,
      baseUrl: displayBaseUrl(settings.baseUrl),
      called: false,
      latencyMs: null,
      httpStatus: null,
      finishReason: null,
      usage: null,
      rawAnswer: null,
      rawAnswerTruncated: false,
      parsed: null,
      verdict: 'rejected',
      signal: null,
      reasons: [],
      detail: null,
    };
  }

  function finish(record: AdviceRecord, redactor: SecretRedactor): AdviceRecord {
    const clean = redactor.redactValue(record);
    options.logger?.info({
      event: 'llm_advice',
      adviceId: clean.adviceId,
      model: clean.model,
      verdict: clean.verdict,
      reasons: clean.reasons.map((item) => item.code),
      latencyMs: clean.latencyMs,
      briefHash: clean.briefHash,
      promptVersion: clean.promptVersion,
      ...(clean.detail === null ? {} : { detail: clean.detail }),
    }, 'LLM advice');
    return clean;
  }

  /** The last net: whatever goes wrong, the caller gets a refusal, never an exception. */
  async function advise(input: MarketBriefInput): Promise<AdviceRecord> {
    const askedAtMs = options.nowMs();
    const symbol = typeof input.symbol === 'string' ? input.symbol.slice(0, 40) : 'unknown';
    try {
      return await adviseOnce(input, askedAtMs, symbol);
    } catch (error) {
      const record = baseRecord(symbol, null, askedAtMs, null);
      return redactorFor(null).redactValue({ ...record, reasons: [reason('ADVISOR_FAILED', { errorName: errorName(error) })] });
    }
  }

  async function adviseOnce(input: MarketBriefInput, askedAtMs: number, symbol: string): Promise<AdviceRecord> {
    const refuse = (record: AdviceRecord, reasons: readonly AdviceReason[], redactor = redactorFor(null)): AdviceRecord => finish({ ...record, reasons: [...reasons] }, redactor);
    const built = buildMarketBrief(input, rules);
    if (!built.ok) return refuse(baseRecord(symbol, null, askedAtMs, null), [built.reason]);
    const record = baseRecord(symbol, built.barOpenTimeMs, askedAtMs, built);
    const overBudget = budget.refusalsAt(askedAtMs);
    if (overBudget.length > 0) return refuse(record, overBudget);
    if (!bars.claim(symbol, built.barOpenTimeMs)) return refuse(record, [reason('ALREADY_ASKED_THIS_BAR', { symbol, barOpenTimeMs: built.barOpenTimeMs })]);
    let apiKey: Secret | null;
    try {
      apiKey = await options.readApiKey();
    } catch {
      return refuse(record, [reason('API_KEY_UNAVAILABLE')]);
    }
    const redactor = redactorFor(apiKey);
    try {
      return finish(await ask(built, record, apiKey, redactor), redactor);
    } catch (error) {
      // Nothing in ask() should throw; if it does, the call was made and the answer is refused.
      return refuse({ ...record, called: true }, [reason('ADVISOR_FAILED', { errorName: errorName(error) })], redactor);
    }
  }

  async function ask(brief: MarketBrief, record: AdviceRecord, apiKey: Secret | null, redactor: SecretRedactor): Promise<AdviceRecord> {
    const reportTokens = budget.recordCall(record.askedAtMs);
    const outcome = await timed(apiKey, (client, signal) => client.chat.completions.create({
      model: settings.model,
      messages: brief.messages.map((message) => ({ role: message.role, content: message.content })),
      temperature: 0,
      stream: false,
      ...outputTokenLimit,
      response_format: responseFormat,
    }, { signal, maxRetries: 0 }));
    const called = { ...record, called: true, latencyMs: Math.round(outcome.latencyMs * 1000) / 1000, httpStatus: outcome.exchange.status };
    const promptChars = brief.messages.reduce((sum, message) => sum + message.content.length, 0);
    if (outcome.error !== undefined) {
      const failure = providerFailure(outcome.error, outcome.timedOut, settings.timeoutMs, options.nowMs(), redactor);
      if (failure.reasons.some((item) => item.code === 'PROVIDER_RATE_LIMITED')) budget.coolDown(options.nowMs(), failure.retryAfterSeconds);
      reportTokens(Math.ceil(promptChars / CHARS_PER_TOKEN));
      return { ...called, ...recordedText(outcome.exchange.bodyText, redactor), reasons: [...failure.reasons], detail: failure.detail };
    }
    const answer = readCompletion(outcome.response);
    if (answer === null) {
      reportTokens(Math.ceil(promptChars / CHARS_PER_TOKEN));
      return { ...called, ...recordedText(outcome.exchange.bodyText, redactor), reasons: [reason('RESPONSE_MALFORMED', { problem: 'not-a-chat-completion' })] };
    }
    const estimated = answer.usage.totalTokens === null;
    const totalTokens = answer.usage.totalTokens ?? Math.ceil((promptChars + answer.content.length) / CHARS_PER_TOKEN);
    reportTokens(totalTokens);
    const verdict = validateAdvice(answer.content, {
      askedSymbol: brief.symbol,
      allowlist: options.allowlist,
      lastCloseQuote: brief.lastCloseQuote,
      atrQuote: brief.atrQuote,
      horizonMinBars: settings.horizonMinBars,
      horizonMaxBars: settings.horizonMaxBars,
      maxInvalidationAtr: settings.maxInvalidationAtr,
      neutralProbabilityBand: settings.neutralProbabilityBand,
      elapsedMs: outcome.latencyMs,
      timeoutMs: settings.timeoutMs,
      maxAnswerBytes: settings.maxAnswerBytes,
      finishReason: answer.finishReason,
      budget: budget.stateAt(options.nowMs()),
    });
    const refusal = answer.refused ? [reason('MODEL_REFUSED')] : [];
    const accepted = verdict.verdict === 'accepted' && refusal.length === 0;
    return {
      ...called,
      ...recordedText(answer.content, redactor),
      finishReason: answer.finishReason,
      usage: { promptTokens: answer.usage.promptTokens, completionTokens: answer.usage.completionTokens, totalTokens, estimated },
      verdict: accepted ? 'accepted' : 'rejected',
      signal: accepted ? verdict.signal : null,
      reasons: verdict.verdict === 'rejected' ? [...refusal, ...verdict.reasons] : refusal,
    };
  }

  async function testConnection(): Promise<ConnectionCheck> {
    let apiKey: Secret | null;
    try {
      apiKey = await options.readApiKey();
    } catch {
      return { ok: false, reasons: [reason('API_KEY_UNAVAILABLE')], detail: null };
    }
    const redactor = redactorFor(apiKey);
    const outcome = await timed(apiKey, async (client, signal) => {
      const ids: string[] = [];
      for await (const model of client.models.list({ signal, maxRetries: 0 })) {
        if (typeof model.id === 'string' && ids.length < MAX_LISTED_MODELS) ids.push(redactor.redactText(model.id.slice(0, 200)));
      }
      return ids;
    });
    if (outcome.error !== undefined || !Array.isArray(outcome.response)) {
      const failure = outcome.error === undefined ? null : providerFailure(outcome.error, outcome.timedOut, settings.timeoutMs, options.nowMs(), redactor);
      return { ok: false, reasons: failure?.reasons ?? [reason('RESPONSE_MALFORMED', { problem: 'not-a-model-list' })], detail: failure?.detail ?? null };
    }
    const models = outcome.response as string[];
    return { ok: true, models, modelFound: models.includes(settings.model), latencyMs: Math.round(outcome.latencyMs) };
  }

  return { advise, testConnection, budgetState: () => budget.stateAt(options.nowMs()) };
}

const errorName = (error: unknown): string => (error instanceof Error ? error.constructor.name.slice(0, 60) : typeof error);

/** The text to journal: scrubbed, then capped, with a flag when it was cut. */
function recordedText(text: string | null, redactor: SecretRedactor): Pick<AdviceRecord, 'rawAnswer' | 'rawAnswerTruncated' | 'parsed'> {
  if (text === null) return { rawAnswer: null, rawAnswerTruncated: false, parsed: null };
  const clean = redactor.redactText(text);
  let parsed: unknown = null;
  if (clean.length <= MAX_RECORDED_ANSWER_CHARS) {
    try {
      parsed = JSON.parse(clean.trim()) as unknown;
    } catch {
      parsed = null;
    }
  }
  return { rawAnswer: clean.slice(0, MAX_RECORDED_ANSWER_CHARS), rawAnswerTruncated: clean.length > MAX_RECORDED_ANSWER_CHARS, parsed };
}
