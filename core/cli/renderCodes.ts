import { englishTranslate } from '../keys/serviceCheck/index.ts';
import { renderMarketMessage } from '../market/index.ts';
import { adviceReasonMessages, llmAdvisorMessages, secondOpinionMessages } from '../signals/llm/index.ts';
import { MODEL_MESSAGES } from '../signals/model/index.ts';
import { fillTemplate, type CodeParams } from './cliWords.ts';
import { CLI_MESSAGES } from './messages.ts';

/** Whose message catalogue a code belongs to. */
export type CodeSource = 'cli' | 'market' | 'model' | 'llm' | 'serviceCheck';

export interface Coded {
  readonly code: string;
  readonly params?: CodeParams;
}

const TEMPLATES: Readonly<Record<'cli' | 'model' | 'llm', Readonly<Record<string, string>>>> = {
  cli: CLI_MESSAGES,
  model: MODEL_MESSAGES,
  llm: { ...adviceReasonMessages, ...secondOpinionMessages, ...llmAdvisorMessages },
};

const serviceCheckWords = englishTranslate({ timeZone: 'UTC' });

function rawParams(params: CodeParams = {}): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'number' || typeof value === 'string') out[name] = value;
    else if (typeof value === 'boolean') out[name] = String(value);
  }
  return out;
}

/**
 * One code in words, through the catalogue of the layer that owns it: the market layer's own
 * renderer (plurals), the service check's (number and date formats), and the i18next templates
 * of the model, the LLM advisor and the CLI. A code its catalogue does not know shows as itself,
 * so a missing wording is visible rather than silent.
 */
export function renderCode(source: CodeSource, coded: Coded): string {
  switch (source) {
    // Numbers stay numbers here: the market renderer picks plurals by `count`, and the service
    // check's catalogue formats `{{x, number}}` and `{{x, datetime}}` itself.
    case 'market':
      return renderMarketMessage(coded.code, rawParams(coded.params));
    case 'serviceCheck':
      return serviceCheckWords(coded.code, rawParams(coded.params));
    default: {
      const template = TEMPLATES[source][coded.code];
      return template === undefined ? coded.code : fillTemplate(template, coded.params);
    }
  }
}

/** Several codes of one source in words, one line each. */
export function renderCodes(source: CodeSource, codes: readonly Coded[]): string[] {
  return codes.map((coded) => renderCode(source, coded));
}
