import { ContractError, type AiOverview, type CommandHandlers, type ModelComparisonView } from '../../contract/index.ts';
import { makeSecret } from '../../keys/index.ts';
import { ADVISOR_PRESETS, createLlmAdvisor, type AdvisorSettings } from '../../signals/llm/index.ts';
import { compareOnUnseenWindow } from '../../signals/model/index.ts';
import type { AiRuntime } from './aiRuntime.ts';
import { aiReason } from './aiWords.ts';
import { modelCardView, modelVersionView } from './aiViews.ts';

type AiCommand =
  | 'getAiOverview' | 'startModelTraining' | 'cancelModelTraining' | 'getModelCard' | 'listModelVersions' | 'adoptModel'
  | 'setModelFilter' | 'saveLlmProvider' | 'testLlmConnection' | 'setLlmRole' | 'listLlmCalls';

const round = (value: number): number => Math.round(value * 10_000) / 10_000;

/**
 * Handlers of the AI screen. The provider's API key arrives once, in `saveLlmProvider`, becomes
 * a `Secret` on the first line and is stored encrypted; no answer carries it (every output schema
 * is strict), and the journal rows name only what changed.
 */
export function aiHandlers(ai: AiRuntime, nowMs: () => number, journal: { append(event: { atMs: number; kind: 'person_action'; payload: Record<string, unknown> }): unknown }): Pick<CommandHandlers, AiCommand> {
  const overview = (): AiOverview => {
    const settings = ai.models.settings();
    const current = ai.models.current();
    const candidateHash = ai.candidateFileHash;
    const candidate = candidateHash === null || candidateHash === current?.fileHash ? null : ai.models.load(candidateHash);
    return {
      current: current === null ? null : modelCardView(current),
      candidate: candidate === null ? null : modelCardView(candidate),
      versions: ai.models.list().map((stored) => modelVersionView(stored, settings.currentFileHash)),
      training: ai.training,
      modelFilterOn: settings.filterOn,
      drift: ai.drift,
      provider: ai.providerView(),
      calls: ai.calls(),
    };
  };

  const loadOrRefuse = (fileHash: string) => {
    const stored = ai.models.load(fileHash);
    if (stored === null) throw new ContractError('INVALID_INPUT', 'That model version is not on this computer, or its file is damaged.');
    return stored;
  };

  return {
    getAiOverview: () => overview(),
    startModelTraining: ({ source }) => ai.startTraining(source),
    cancelModelTraining: () => ai.cancelTraining(),
    getModelCard: ({ fileHash }) => modelCardView(loadOrRefuse(fileHash)),
    listModelVersions: () => ai.models.list().map((stored) => modelVersionView(stored, ai.models.settings().currentFileHash)),

    adoptModel({ fileHash, window }): ModelComparisonView {
      const candidate = loadOrRefuse(fileHash);
      const settings = ai.models.settings();
      const current = ai.models.current();
      const adopt = (code: string, params: Record<string, number>, comparison: Omit<ModelComparisonView, 'reason' | 'replaced'>): ModelComparisonView => {
        ai.models.saveSettings({ ...settings, currentFileHash: fileHash });
        journal.append({ atMs: nowMs(), kind: 'person_action', payload: { event: 'model_adopted', fileHash, modelHash: candidate.trained.modelHash, replaced: current?.fileHash ?? null, code } });
        return { reason: aiReason(code, params), replaced: true, ...comparison };
      };
      if (current === null) return adopt('AI_MODEL_ADOPTED_FIRST', {}, { current: null, candidate: null, window: null });
      if (current.fileHash === fileHash) return { reason: aiReason('AI_MODEL_ALREADY_CURRENT'), replaced: false, current: null, candidate: null, window: null };
      if (window === undefined) return { reason: aiReason('AI_COMPARISON_WINDOW_NEEDED'), replaced: false, current: null, candidate: null, window: null };
      const data = ai.dataFor(window);
      const compared = compareOnUnseenWindow(current.trained, candidate.trained, data.candles, candidate.trained.card.labels);
      if (!compared.ok) return { reason: aiReason(compared.code, compared.params), replaced: false, current: null, candidate: null, window: null };
      const params = { candidateBrier: round(compared.candidate.brier), currentBrier: round(compared.current.brier) };
      const comparison = { current: compared.current, candidate: compared.candidate, window: compared.window };
      if (!compared.candidateIsBetter) return { reason: aiReason(compared.code, params), replaced: false, ...comparison };
      return adopt('AI_MODEL_ADOPTED_BETTER', params, comparison);
    },

    setModelFilter({ on }) {
      const settings = ai.models.settings();
      if (on && settings.currentFileHash === null) throw new ContractError('NOT_ALLOWED_NOW', 'Train a model and make it your current one first.');
      ai.models.saveSettings({ ...settings, filterOn: on });
      journal.append({ atMs: nowMs(), kind: 'person_action', payload: { event: 'model_filter_set', on, fileHash: settings.currentFileHash } });
      return overview();
    },

    async saveLlmProvider({ presetId, baseUrl, model, apiKey, forgetApiKey }) {
      // First line: the key becomes a Secret (masked in every journal from now on) and the text is dropped.
      const secret = apiKey === undefined || apiKey.trim() === '' ? null : makeSecret(apiKey.trim());
      const before = ai.provider.settings();
      const preset = ADVISOR_PRESETS.find((item) => item.id === presetId);
      const willHaveKey = secret !== null || (forgetApiKey !== true && ai.provider.hasApiKey());
      if (preset?.needsApiKey === true && !willHaveKey) throw new ContractError('INVALID_INPUT', 'A hosted service needs an API key. Paste the key the service gave you.');
      const next: AdvisorSettings = { ...before, presetId, baseUrl, model, usesApiKey: willHaveKey };
      ai.provider.saveSettings(next);
      if (secret !== null) await ai.provider.saveApiKey(secret);
      else if (forgetApiKey === true) ai.provider.forgetApiKey();
      journal.append({ atMs: nowMs(), kind: 'person_action', payload: { event: 'llm_provider_saved', presetId, model, apiKeyChanged: secret !== null, apiKeyForgotten: forgetApiKey === true } });
      return ai.providerView();
    },

    async testLlmConnection() {
      if (!ai.provider.isConfigured()) throw new ContractError('NOT_ALLOWED_NOW', 'Set up a provider first.');
      const advisor = createLlmAdvisor({ settings: ai.provider.settings(), readApiKey: () => ai.provider.readApiKey(), allowlist: [], nowMs });
      const check = await advisor.testConnection();
      return check.ok
        ? { ok: true, models: [...check.models], modelFound: check.modelFound, latencyMs: check.latencyMs, reasons: [] }
        : { ok: false, models: [], modelFound: false, latencyMs: null, reasons: check.reasons.map((item) => aiReason(item.code, item.params)) };
    },

    setLlmRole({ role }) {
      if (role !== 'off' && !ai.provider.isConfigured()) throw new ContractError('NOT_ALLOWED_NOW', 'Set up a provider first.');
      const settings = ai.provider.settings();
      if (ai.provider.isConfigured()) ai.provider.saveSettings({ ...settings, enabled: role !== 'off', mode: 'second-opinion' });
      journal.append({ atMs: nowMs(), kind: 'person_action', payload: { event: 'llm_role_set', role } });
      return ai.providerView();
    },

    listLlmCalls: () => ai.calls(),
  };
}
