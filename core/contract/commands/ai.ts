import { z } from 'zod';
import { command, NoInput } from '../command.ts';
import {
  AiOverview, LlmCallView, LlmConnectionView, LlmPresetId, LlmProviderView, LlmRole, ModelCardView, ModelComparisonView,
  ModelVersionView, TrainingSource, TrainingStatusView,
} from '../ai.ts';

const FileHash = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * The provider's API key crosses from the page to main once, in `saveLlmProvider`, and is never
 * sent back: the handler wraps it in a `Secret` and stores it encrypted like an exchange key.
 * Empty means "keep the stored key" (or none). zod never echoes a value in its messages.
 */
const LlmApiKeyText = z.string().max(4096);

/** The AI screen: train the model, read its card, adopt a better version, the LLM second opinion. */
export const aiCommands = {
  getAiOverview: command({
    summary: 'The current model and its card, the candidate, versions, training progress, drift, the LLM provider and recent LLM calls.',
    input: NoInput,
    output: AiOverview,
  }),
  startModelTraining: command({
    summary: 'Train a model on a candle file (or the demo market) in the background; progress arrives as events. Nothing trades on it until adopted.',
    input: z.strictObject({ source: TrainingSource }),
    output: TrainingStatusView,
  }),
  cancelModelTraining: command({
    summary: 'Stop the training in progress; the model you had stays as it was.',
    input: NoInput,
    output: TrainingStatusView,
  }),
  getModelCard: command({
    summary: 'The card of one model version: training window, data hash, out-of-sample scores, regimes, verdict.',
    input: z.strictObject({ fileHash: FileHash }),
    output: ModelCardView,
  }),
  listModelVersions: command({
    summary: 'Every trained model version, newest first, by file hash.',
    input: NoInput,
    output: z.array(ModelVersionView),
  }),
  adoptModel: command({
    summary: 'Make a trained model the current one. With a current model, only if it forecasts better on the same unseen window (given by `window`).',
    input: z.strictObject({ fileHash: FileHash, window: TrainingSource.optional() }),
    output: ModelComparisonView,
  }),
  setModelFilter: command({
    summary: 'Let the current model skip or shrink the paper bot’s entries (never enlarge or flip them), or stop it.',
    input: z.strictObject({ on: z.boolean() }),
    output: AiOverview,
  }),
  saveLlmProvider: command({
    summary: 'Set the LLM provider (OpenAI-compatible address, model name, optional API key, stored encrypted and never returned).',
    input: z.strictObject({
      presetId: LlmPresetId,
      baseUrl: z.string().trim().min(1).max(500),
      model: z.string().trim().min(1).max(200),
      apiKey: LlmApiKeyText.optional(),
      forgetApiKey: z.boolean().optional(),
    }),
    output: LlmProviderView,
  }),
  testLlmConnection: command({
    summary: 'Ask the provider which models it serves (nothing about the market is sent).',
    input: NoInput,
    output: LlmConnectionView,
  }),
  setLlmRole: command({
    summary: 'Off, or second opinion: the LLM may veto or shrink an entry, never propose, enlarge or flip one.',
    input: z.strictObject({ role: LlmRole }),
    output: LlmProviderView,
  }),
  listLlmCalls: command({
    summary: 'Recent questions to the LLM with the validator’s verdict and what it did to the entry, newest first.',
    input: NoInput,
    output: z.array(LlmCallView),
  }),
};
