import { create } from 'zustand';
import type { AiOverview, ContractErrorPayload, LlmConnectionView, ModelComparisonView, ReplayFileSummary, Result, TrainingSource } from '#core/contract/index.ts';
import { ballast } from '../../ballast.ts';

interface AiState {
  readonly overview: AiOverview | null;
  readonly files: readonly ReplayFileSummary[];
  readonly error: ContractErrorPayload | null;
  readonly comparison: ModelComparisonView | null;
  readonly connection: LlmConnectionView | null;
  readonly busy: boolean;
}

interface AiActions {
  load(): Promise<void>;
  subscribe(): () => void;
  train(source: TrainingSource): Promise<void>;
  cancel(): Promise<void>;
  adopt(fileHash: string, window?: TrainingSource): Promise<void>;
  setFilter(on: boolean): Promise<void>;
  saveProvider(input: { presetId: 'ollama' | 'lm-studio' | 'llama-cpp' | 'hosted'; baseUrl: string; model: string; apiKey?: string }): Promise<boolean>;
  testConnection(): Promise<void>;
  setRole(role: 'off' | 'second-opinion'): Promise<void>;
}

/** The AI screen's state: one overview from main, refreshed after every action and training event. */
export const useAiStore = create<AiState & AiActions>()((set, get) => {
  const run = async <T>(call: () => Promise<Result<T>>, then?: (value: T) => void): Promise<boolean> => {
    set({ busy: true, error: null });
    const result = await call();
    if (!result.ok) {
      set({ busy: false, error: result.error });
      return false;
    }
    then?.(result.value);
    set({ busy: false });
    await get().load();
    return true;
  };
  return {
    overview: null,
    files: [],
    error: null,
    comparison: null,
    connection: null,
    busy: false,
    async load() {
      const [overview, files] = await Promise.all([ballast().getAiOverview(), ballast().listReplayFiles()]);
      if (overview.ok) set({ overview: overview.value });
      else set({ error: overview.error });
      if (files.ok) set({ files: files.value });
    },
    subscribe() {
      return ballast().on('aiTrainingProgressed', (training) => {
        const overview = get().overview;
        if (overview !== null) set({ overview: { ...overview, training } });
        if (training.phase !== 'training') void get().load();
      });
    },
    async train(source) {
      set({ comparison: null });
      await run(() => ballast().startModelTraining({ source }));
    },
    async cancel() {
      await run(() => ballast().cancelModelTraining());
    },
    async adopt(fileHash, window) {
      await run(() => ballast().adoptModel(window === undefined ? { fileHash } : { fileHash, window }), (comparison) => { set({ comparison }); });
    },
    async setFilter(on) {
      await run(() => ballast().setModelFilter({ on }));
    },
    async saveProvider(input) {
      set({ connection: null });
      return run(() => ballast().saveLlmProvider(input));
    },
    async testConnection() {
      await run(() => ballast().testLlmConnection(), (connection) => { set({ connection }); });
    },
    async setRole(role) {
      await run(() => ballast().setLlmRole({ role }));
    },
  };
});
