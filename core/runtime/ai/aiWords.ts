import type { AiReason } from '../../contract/index.ts';
import { adviceReasonMessages, llmAdvisorMessages, secondOpinionMessages } from '../../signals/llm/index.ts';
import { MODEL_MESSAGES } from '../../signals/model/index.ts';

let templates: Readonly<Record<string, string>> | null = null;
// Built on first use: the runtime's own words are declared below.
const TEMPLATES = (): Readonly<Record<string, string>> => (templates ??= { ...AI_RUNTIME_MESSAGES, ...MODEL_MESSAGES, ...adviceReasonMessages, ...secondOpinionMessages, ...llmAdvisorMessages });
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;
const numberWords = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

type Params = Readonly<Record<string, string | number | boolean | null>>;

/**
 * A model or LLM code in the words of its own layer's catalogue (written once there, shared with
 * the command line). A code no catalogue knows shows as itself, so a missing wording is visible.
 */
export function aiReason(code: string, params: Params = {}): AiReason {
  const template = TEMPLATES()[code] ?? code;
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    return typeof value === 'number' ? numberWords.format(value) : String(value);
  });
  return { code, params: { ...params }, text };
}

/** Words for the codes the AI runtime itself returns (adopting a model, training outside the model layer). */
export const AI_RUNTIME_MESSAGES = {
  AI_MODEL_ADOPTED_FIRST: 'This is now your current model. Nothing trades on it until you switch the model filter on for the paper bot.',
  AI_MODEL_ADOPTED_BETTER: 'The new model forecast better on data neither model was trained on (Brier {{candidateBrier}} against {{currentBrier}}; lower is better), so it replaced the current one.',
  AI_MODEL_ALREADY_CURRENT: 'This model is already your current one. Nothing changed.',
  AI_COMPARISON_WINDOW_NEEDED: 'You already have a current model. Choose price history that comes after both models’ training to compare them on; the new one replaces it only if it forecasts better there.',
  TRAINING_FAILED: 'Training stopped because of an unexpected problem. The model you had before is unchanged; the details are in the log file.',
} as const;
