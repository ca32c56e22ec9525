import type { AdviceReasonCode } from './adviceReasons.ts';
import type { SecondOpinionCode } from './secondOpinion.ts';

/**
 * English wording for every code of the LLM advisor, in i18next syntax; these move into the
 * app's message catalogue. Each says what happened, what it means for the person's money and,
 * where there is something to do, what to do. A refused answer never changes a trade, so most
 * of them say so.
 */
const NO_EFFECT = 'This answer was ignored: your trades go ahead exactly as your strategy and risk limits decide.';

export const adviceReasonMessages: Readonly<Record<AdviceReasonCode, string>> = {
  ANSWER_EMPTY: `The AI advisor sent an empty answer. ${NO_EFFECT}`,
  ANSWER_NOT_JSON: `The AI advisor's answer was not in the required format. ${NO_EFFECT} If this keeps happening, try another model.`,
  ANSWER_TRUNCATED: `The AI advisor's answer was cut off before it ended. ${NO_EFFECT} If this keeps happening, raise the answer length limit in the AI settings.`,
  ANSWER_IN_CODE_FENCE: `The AI advisor wrapped its answer in formatting marks instead of sending the bare answer. ${NO_EFFECT} If this keeps happening, try another model.`,
  ANSWER_PROSE_AROUND_JSON: `The AI advisor added extra text around its answer. Ballast does not guess which part is the answer. ${NO_EFFECT}`,
  ANSWER_NOT_OBJECT: `The AI advisor's answer did not have the required fields. ${NO_EFFECT}`,
  MODEL_REFUSED: `The AI model declined to answer. ${NO_EFFECT}`,
  ANSWER_MISSING_FIELD: `The AI advisor's answer left out "{{field}}". ${NO_EFFECT}`,
  ANSWER_EXTRA_FIELDS: `The AI advisor's answer contained fields Ballast did not ask for ({{fields}}). An advisor cannot add instructions this way. ${NO_EFFECT}`,
  ANSWER_WRONG_TYPE: `The AI advisor's "{{field}}" was not the kind of value required. ${NO_EFFECT}`,
  STANCE_UNKNOWN: `The AI advisor gave a view ("{{value}}") that is not bullish, neutral or bearish. ${NO_EFFECT}`,
  NUMBER_NOT_FINITE: `The AI advisor's "{{field}}" was not a real number. ${NO_EFFECT}`,
  NUMBER_OUT_OF_RANGE: `The AI advisor's "{{field}}" ({{value}}) was outside the allowed range. ${NO_EFFECT}`,
  HORIZON_NOT_WHOLE: `The AI advisor gave a time horizon of {{value}} bars, which is not a whole number. ${NO_EFFECT}`,
  KEY_FACTORS_TOO_MANY: `The AI advisor listed {{count}} reasons; at most {{max}} are allowed. ${NO_EFFECT}`,
  KEY_FACTOR_TOO_LONG: `One of the AI advisor's reasons was {{length}} characters long; at most {{max}} are allowed. ${NO_EFFECT}`,
  RATIONALE_TOO_LONG: `The AI advisor's explanation was {{length}} characters long; at most {{max}} are allowed. ${NO_EFFECT}`,
  RATIONALE_EMPTY: `The AI advisor gave no explanation. Ballast does not act on a view it cannot show you. ${NO_EFFECT}`,
  SYMBOL_MISMATCH: `Ballast asked the AI advisor about {{asked}}, but it answered about "{{answered}}". ${NO_EFFECT}`,
  SYMBOL_NOT_ALLOWED: `The AI advisor's answer was about {{symbol}}, which is not on your list of markets. ${NO_EFFECT}`,
  STANCE_CONTRADICTS_PROBABILITY: `The AI advisor said "{{stance}}" but gave a {{probabilityUp}} chance of the price rising, which contradicts it. ${NO_EFFECT}`,
  INVALIDATION_WRONG_SIDE: `The AI advisor said "{{stance}}" but put the price that would prove it wrong ({{invalidationPrice}}) on the wrong side of the last price ({{lastClose}}). ${NO_EFFECT}`,
  INVALIDATION_TOO_FAR: `The AI advisor put the price that would prove it wrong {{distanceAtr}} typical bar ranges away; at most {{maxAtr}} are allowed. ${NO_EFFECT}`,
  HORIZON_OUT_OF_BOUNDS: `The AI advisor's view was for {{horizonBars}} bars ahead; your settings allow {{min}} to {{max}}. ${NO_EFFECT}`,
  CONTEXT_INCOMPLETE: `Ballast could not check the AI advisor's answer because its own market data was incomplete ({{field}}), for example just after start-up. ${NO_EFFECT}`,
  TEXT_INSTRUCTION: `The AI advisor's text ({{field}}) contained an instruction or a trade command. An advisor may only explain; it cannot tell Ballast or you what to do. ${NO_EFFECT}`,
  TEXT_URL: `The AI advisor's text ({{field}}) contained a web link. Links are never shown from the advisor. ${NO_EFFECT}`,
  TEXT_CODE: `The AI advisor's text ({{field}}) contained computer code. ${NO_EFFECT}`,
  TEXT_KEY_LIKE: `The AI advisor's text ({{field}}) contained something that looks like a password or key. It was hidden and the answer ignored. ${NO_EFFECT}`,
  TEXT_HIDDEN_CHARACTERS: `The AI advisor's text ({{field}}) contained invisible characters, which can hide instructions. ${NO_EFFECT}`,
  ANSWER_TOO_SLOW: `The AI advisor took {{elapsedMs}} ms to answer; the limit is {{timeoutMs}} ms. ${NO_EFFECT}`,
  ANSWER_TOO_LARGE: `The AI advisor's answer was {{bytes}} bytes; at most {{maxBytes}} are allowed. ${NO_EFFECT}`,
  BUDGET_CALLS_PER_HOUR: `Ballast did not ask the AI advisor: {{used}} of {{limit}} questions this hour are used up. Your trades go ahead as your strategy and risk limits decide. You can change this budget in the AI settings.`,
  BUDGET_CALLS_PER_DAY: `Ballast did not ask the AI advisor: {{used}} of {{limit}} questions in the last 24 hours are used up. Your trades go ahead as your strategy and risk limits decide. You can change this budget in the AI settings.`,
  BUDGET_TOKENS_PER_DAY: `The AI advisor has used {{used}} of its {{limit}} tokens for the last 24 hours (tokens are what hosted AI services charge for). Until that frees up, Ballast does not ask it; your trades go ahead as your strategy and risk limits decide.`,
  ALREADY_ASKED_THIS_BAR: `Ballast already asked the AI advisor about {{symbol}} for this bar. It asks once per bar and never again to get a different answer.`,
  PROVIDER_COOLING_DOWN: `The AI service asked Ballast to slow down, so Ballast waits about {{waitSeconds}} seconds before asking again. Your trades go ahead as your strategy and risk limits decide.`,
  BRIEF_INPUT_INVALID: `Ballast did not ask the AI advisor because its own market data was not ready ({{field}}). Your trades go ahead as your strategy and risk limits decide.`,
  API_KEY_UNAVAILABLE: `Ballast could not read the API key for the AI service from its encrypted storage, so it did not ask. Your trades go ahead as your strategy and risk limits decide. Open the AI settings and enter the key again.`,
  PROVIDER_TIMEOUT: `The AI service did not answer within {{timeoutMs}} ms. ${NO_EFFECT} A model on your own computer may need a longer limit or a smaller model.`,
  PROVIDER_RATE_LIMITED: `The AI service said it has had too many requests. Ballast waits about {{waitSeconds}} seconds before asking again and does not retry this one. ${NO_EFFECT}`,
  PROVIDER_AUTH_FAILED: `The AI service refused the API key (error {{status}}). ${NO_EFFECT} Check the key in the AI settings, or whether your account with the service is active.`,
  PROVIDER_HTTP_ERROR: `The AI service returned an error (code {{status}}). ${NO_EFFECT} If this keeps happening, check that the service is running and the model name is right.`,
  PROVIDER_UNREACHABLE: `Ballast could not reach the AI service. ${NO_EFFECT} Check that it is running (for a model on your computer) and that the address in the AI settings is right.`,
  RESPONSE_TOO_LARGE: `The AI service sent more than {{maxBytes}} bytes, so Ballast stopped reading. ${NO_EFFECT}`,
  RESPONSE_MALFORMED: `The AI service's reply was not a chat answer (for example an error web page). ${NO_EFFECT} Check the address in the AI settings.`,
  ADVISOR_FAILED: `Something went wrong inside Ballast while asking the AI advisor ({{errorName}}). ${NO_EFFECT}`,
};

export const secondOpinionMessages: Readonly<Record<SecondOpinionCode, string>> = {
  LLM_AGREES: 'The AI advisor also leans up, so the trade keeps the size your strategy and risk limits gave it. The advisor can never make a trade bigger.',
  LLM_NEUTRAL_SHRINK: 'The AI advisor sees no clear direction, so this entry was made smaller, as your AI settings ask.',
  LLM_BEARISH_VETO: 'The AI advisor leans down, so Ballast skipped this entry. Nothing was bought.',
  LLM_NO_ANSWER: 'There was no answer from the AI advisor for this bar, so the trade goes ahead as your strategy and risk limits decide.',
  LLM_ANSWER_REJECTED: 'The AI advisor\'s answer failed Ballast\'s checks, so it was ignored: the trade goes ahead as your strategy and risk limits decide.',
  ENTRY_SIZE_INVALID: 'The entry had no valid size, so Ballast refused it. This is a fault in Ballast, not in the market; please report it.',
};

export const llmAdvisorMessages: Readonly<Record<string, string>> = {
  LLM_PROPOSES_PAPER_ONLY: 'Letting the AI advisor propose trades is available in paper trading only. Live trading needs its own paper record first.',
  LLM_NO_VALID_ANSWER: 'The AI advisor proposed nothing for this bar: there was no answer that passed Ballast\'s checks.',
  LLM_CONFIDENCE_UNCALIBRATED: 'The AI advisor\'s stated confidence is not calibrated yet: only {{resolved}} of the {{required}} answers needed to check it have played out. Treat its confidence as a guess.',
  LLM_CONFIDENCE_CURVE: 'Checked against {{resolved}} of its own past answers. A well-calibrated advisor\'s points lie on the diagonal.',
  LLM_NO_BACKTEST: 'An AI model may have read about past prices during its training, so testing it on history would flatter it. Backtests only replay answers Ballast recorded live.',
  LLM_PRESET_OLLAMA: 'Ollama (on this computer)',
  LLM_PRESET_LM_STUDIO: 'LM Studio (on this computer)',
  LLM_PRESET_LLAMA_CPP: 'llama.cpp server (on this computer)',
  LLM_PRESET_HOSTED: 'A hosted service (sends market summaries over the internet; needs an API key)',
};
