import { z } from 'zod';
import { DEFAULT_ADVICE_BUDGET } from './adviceBudget.ts';

/**
 * Where the advisor's OpenAI-compatible server is. Local presets keep market data on the
 * person's computer; a hosted service needs an API key (kept by the keystore, never here).
 * Names for people are in messages.ts under `LLM_PRESET_<ID>`.
 */
export const ADVISOR_PRESETS = [
  { id: 'ollama', baseUrl: 'http://localhost:11434/v1', isLocal: true, needsApiKey: false },
  { id: 'lm-studio', baseUrl: 'http://localhost:1234/v1', isLocal: true, needsApiKey: false },
  { id: 'llama-cpp', baseUrl: 'http://localhost:8080/v1', isLocal: true, needsApiKey: false },
  { id: 'hosted', baseUrl: 'https://api.openai.com/v1', isLocal: false, needsApiKey: true },
] as const;

export type AdvisorPresetId = (typeof ADVISOR_PRESETS)[number]['id'];

const httpUrl = z.url({ protocol: /^https?$/ }).max(500).refine((text) => {
  const url = new URL(text);
  // Credentials in a URL end up in logs and screenshots; the key belongs in the keystore.
  return url.username === '' && url.password === '' && url.search === '' && url.hash === '';
}, 'A base URL may not carry a user name, password, query or fragment.');

/** The person's advisor settings, parsed at the edge (settings file, IPC). Off by default. */
export const AdvisorSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  presetId: z.enum(ADVISOR_PRESETS.map((preset) => preset.id) as [AdvisorPresetId, ...AdvisorPresetId[]]),
  baseUrl: httpUrl,
  model: z.string().trim().min(1).max(200).regex(/^[\w.:/@+-]+$/),
  /** True when an API key for this provider is stored in the keystore. */
  usesApiKey: z.boolean(),
  mode: z.enum(['second-opinion', 'llm-proposes-paper']),
  timeoutMs: z.int().min(1_000).max(120_000),
  maxResponseBytes: z.int().min(4_096).max(1_048_576),
  maxAnswerBytes: z.int().min(1_024).max(65_536),
  maxOutputTokens: z.int().min(128).max(8_192),
  horizonMinBars: z.int().min(1).max(500),
  horizonMaxBars: z.int().min(1).max(500),
  maxInvalidationAtr: z.number().min(0.5).max(20),
  neutralProbabilityBand: z.number().min(0).max(0.45),
  callsPerHour: z.int().min(1).max(3_600),
  callsPerDay: z.int().min(1).max(100_000),
  tokensPerDay: z.int().min(1_000).max(100_000_000),
  /** Second opinion: how much of an entry is kept when the advisor is neutral (0 < f ≤ 1). */
  neutralShrinkFactor: z.number().gt(0).max(1),
}).refine((settings) => settings.horizonMinBars <= settings.horizonMaxBars, { path: ['horizonMaxBars'], message: 'The longest horizon must not be shorter than the shortest.' });

export type AdvisorSettings = z.infer<typeof AdvisorSettingsSchema>;

export const DEFAULT_ADVISOR_SETTINGS: AdvisorSettings = {
  enabled: false,
  presetId: 'ollama',
  baseUrl: 'http://localhost:11434/v1',
  model: 'llama3.1:8b',
  usesApiKey: false,
  mode: 'second-opinion',
  timeoutMs: 30_000,
  maxResponseBytes: 65_536,
  maxAnswerBytes: 4_096,
  maxOutputTokens: 600,
  horizonMinBars: 1,
  horizonMaxBars: 48,
  maxInvalidationAtr: 5,
  neutralProbabilityBand: 0.15,
  callsPerHour: DEFAULT_ADVICE_BUDGET.callsPerHour,
  callsPerDay: DEFAULT_ADVICE_BUDGET.callsPerDay,
  tokensPerDay: DEFAULT_ADVICE_BUDGET.tokensPerDay,
  neutralShrinkFactor: 0.5,
};

/** The base URL as it may be shown and journaled: scheme, host, port and path only. */
export function displayBaseUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return 'invalid-url';
  }
}
