import { isMarketSymbol } from '../model/index.ts';
import { makeSecret, type Secret } from '../keys/index.ts';
import { DEFAULT_RISK_LIMITS } from '../risk/index.ts';
import {
  ADVISOR_PRESETS,
  AdvisorSettingsSchema,
  BRIEF_ATR_PERIOD,
  briefReadings,
  createLlmAdvisor,
  DEFAULT_ADVISOR_SETTINGS,
  type AdviceRecord,
  type AdvisorPresetId,
  type AdvisorSettings,
  type MarketBriefInput,
} from '../signals/llm/index.ts';
import { EXIT, type CliIo } from './cliIo.ts';
import { CliProblem, cliCommand, usageProblem } from './cliProblem.ts';
import { parseFlags } from './flags.ts';
import { maskedIo } from './maskedIo.ts';
import { readCandleFile, timeframeOf } from './inputFiles.ts';
import { cliText } from './cliWords.ts';
import { renderCode, renderCodes } from './renderCodes.ts';

const ADVISE_FLAGS = {
  'base-url': { type: 'string', example: 'http://localhost:11434/v1', required: true },
  model: { type: 'string', example: 'NAME', required: true },
  'api-key-env': { type: 'string', example: 'VARIABLE' },
  data: { type: 'string', example: 'FILE', required: true },
  symbol: { type: 'string', example: 'BTC/USDT', required: true },
  json: { type: 'boolean' },
} as const;

/** An environment variable's name as shells write them; anything else may be the key itself. */
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,63}$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** What `advise --json` prints. */
export interface AdviceOutput {
  readonly verdict: AdviceRecord['verdict'];
  readonly reasons: { readonly code: string; readonly params: AdviceRecord['reasons'][number]['params']; readonly message: string }[];
  readonly signal: AdviceRecord['signal'];
  readonly latencyMs: number | null;
}

/**
 * Which preset the address is: a known local server's address is that preset; any other address
 * on this computer counts as a local server, and everything else as a hosted service. It decides
 * only how the answer's length limit is sent (local servers read `max_tokens`).
 */
function presetFor(baseUrl: string): AdvisorPresetId {
  const known = ADVISOR_PRESETS.find((preset) => preset.baseUrl === baseUrl.replace(/\/+$/, ''));
  if (known !== undefined) return known.id;
  try {
    return LOOPBACK_HOSTS.has(new URL(baseUrl).hostname) ? 'llama-cpp' : 'hosted';
  } catch {
    return 'hosted';
  }
}

function settingsFrom(baseUrl: string, model: string, usesApiKey: boolean): AdvisorSettings {
  const parsed = AdvisorSettingsSchema.safeParse({ ...DEFAULT_ADVISOR_SETTINGS, enabled: true, presetId: presetFor(baseUrl), baseUrl, model, usesApiKey });
  if (parsed.success) return parsed.data;
  // Only the field is named: the address or name typed is not repeated.
  throw usageProblem(parsed.error.issues.some((issue) => issue.path[0] === 'model') ? 'CLI_MODEL_NAME_INVALID' : 'CLI_BASE_URL_INVALID');
}

/** The key from the variable --api-key-env names, never from an argument; null without the flag. */
function apiKeyFrom(io: CliIo, variable: string | undefined): Secret | null {
  if (variable === undefined) return null;
  if (!ENV_NAME.test(variable)) throw usageProblem('CLI_API_KEY_ENV_NAME_INVALID');
  const value = io.env[variable];
  if (value === undefined || value.trim() === '') throw usageProblem('CLI_API_KEY_ENV_MISSING', { variable });
  return makeSecret(value.trim());
}

export function adviceOutput(record: AdviceRecord): AdviceOutput {
  return {
    verdict: record.verdict,
    reasons: record.reasons.map((item) => ({ code: item.code, params: item.params, message: renderCode('llm', item) })),
    signal: record.signal,
    latencyMs: record.latencyMs,
  };
}

function adviceText(output: AdviceOutput, symbol: string): string[] {
  const signal = output.signal;
  if (output.verdict === 'accepted' && signal !== null) {
    return [
      cliText('CLI_ADVICE_ACCEPTED', { latencyMs: Math.round(output.latencyMs ?? 0) }),
      cliText('CLI_ADVICE_SIGNAL', {
        symbol,
        stance: signal.stance,
        probabilityUp: Math.round(signal.probabilityUp * 100),
        confidence: Math.round(signal.confidence * 100),
        horizonBars: signal.horizonBars,
        invalidationPrice: signal.invalidationPrice,
      }),
      cliText('CLI_ADVICE_RATIONALE', { rationale: signal.rationale }),
      ...signal.keyFactors.map((factor) => cliText('CLI_ADVICE_FACTOR', { factor })),
    ];
  }
  return [cliText('CLI_ADVICE_REJECTED'), ...renderCodes('llm', output.reasons).map((line) => `- ${line}`)];
}

/**
 * `ballast advise …`: one question to an OpenAI-compatible server about the last bar of a candle
 * file, the answer checked by the same validator a running bot uses. Accepted or rejected, the
 * command has done its job (exit 0); it never places an order.
 */
export const runAdviseCommand = cliCommand(async (argv, io) => {
  const flags = parseFlags('advise', argv, ADVISE_FLAGS, { keyFlagsRefusal: 'CLI_API_KEY_AS_ARGUMENT' });
  if (!isMarketSymbol(flags.symbol)) throw usageProblem('CLI_SYMBOL_INVALID');
  const apiKey = apiKeyFrom(io, flags['api-key-env']);
  const settings = settingsFrom(flags['base-url'], flags.model, apiKey !== null);
  const imported = readCandleFile(io, flags.data);
  const timeframe = timeframeOf(imported, flags.data);
  const readings = briefReadings(imported.candles);
  if (readings.atrQuote === null) {
    throw new CliProblem(EXIT.input, renderCodes('llm', [{ code: 'BRIEF_INPUT_INVALID', params: { field: `atr${String(BRIEF_ATR_PERIOD)}` } }]));
  }
  const limits = DEFAULT_RISK_LIMITS;
  const input: MarketBriefInput = {
    symbol: flags.symbol,
    timeframe,
    candles: imported.candles,
    atrQuote: readings.atrQuote,
    indicators: readings.indicators,
    modelProbabilityUp: null,
    // No account is involved: the brief describes a flat position under the default limits.
    position: { amountBase: 0, averageEntryPriceQuote: null, unrealisedPnlQuote: null },
    limits: {
      perTradeFractionOfEquity: limits.perTradeFractionOfEquity,
      totalExposureFractionOfEquity: limits.totalExposureFractionOfEquity,
      dailyLossFractionOfEquity: limits.dailyLossFractionOfEquity,
      dailyLossUsedFractionOfEquity: 0,
      maxDrawdownFraction: limits.maxDrawdownFraction,
      openPositions: 0,
      maxOpenPositions: limits.maxOpenPositions,
    },
    tradingState: 'ACTIVE',
  };
  const advisor = createLlmAdvisor({ settings, readApiKey: () => Promise.resolve(apiKey), allowlist: [flags.symbol], nowMs: Date.now });
  const output = adviceOutput(await advisor.advise(input));
  maskedIo(io, [apiKey]).stdout(flags.json ? `${JSON.stringify(output, null, 2)}\n` : `${adviceText(output, flags.symbol).join('\n')}\n`);
  return EXIT.ok;
});
