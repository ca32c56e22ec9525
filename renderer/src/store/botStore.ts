import { create } from 'zustand';
import type {
  BotConfig,
  ContractErrorPayload,
  DashboardSnapshot,
  ReplayFileSummary,
  Result,
  StrategyInfo,
} from '#core/contract/index.ts';
import { ballast } from '../ballast.ts';

/** The dashboard re-reads at most this often while a replay runs fast. */
const REFRESH_INTERVAL_MS = 300;

interface BotState {
  readonly snapshot: DashboardSnapshot | null;
  readonly strategies: readonly StrategyInfo[];
  readonly replayFiles: readonly ReplayFileSummary[];
  readonly error: ContractErrorPayload | null;
  /** The dashboard's data could not be read; shown on the Dashboard only and cleared by the next good read. */
  readonly dashboardError: ContractErrorPayload | null;
  readonly busy: boolean;
}

interface BotActions {
  readonly loadCatalogue: () => Promise<void>;
  readonly refresh: () => Promise<void>;
  readonly subscribe: () => () => void;
  readonly start: (config: BotConfig) => Promise<boolean>;
  readonly stop: () => Promise<void>;
  readonly continueRun: (leaveSafeMode: boolean) => Promise<void>;
  /** The import's own outcome: its error belongs beside the Import button, not in the form's shared error. */
  readonly importFile: (fileName: string, text: string, symbol: string) => Promise<Result<ReplayFileSummary>>;
  readonly clearError: () => void;
}

export const useBotStore = create<BotState & BotActions>()((set, get) => {
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleRefresh = () => {
    refreshTimer ??= setTimeout(() => {
      refreshTimer = undefined;
      void get().refresh();
    }, REFRESH_INTERVAL_MS);
  };

  return {
    snapshot: null,
    strategies: [],
    replayFiles: [],
    error: null,
    dashboardError: null,
    busy: false,

    async loadCatalogue() {
      const [strategies, files] = await Promise.all([ballast().listStrategies(), ballast().listReplayFiles()]);
      if (strategies.ok) set({ strategies: strategies.value });
      if (files.ok) set({ replayFiles: files.value });
      if (!strategies.ok) set({ error: strategies.error });
      else if (!files.ok) set({ error: files.error });
    },
    async refresh() {
      const result = await ballast().getDashboard();
      if (result.ok) set({ snapshot: result.value, dashboardError: null });
      else set({ dashboardError: result.error });
    },
    subscribe() {
      const off = ballast().on('botProgressed', scheduleRefresh);
      const offState = ballast().on('tradingStateChanged', scheduleRefresh);
      return () => {
        off();
        offState();
        if (refreshTimer !== undefined) clearTimeout(refreshTimer);
        refreshTimer = undefined;
      };
    },
    async start(config) {
      set({ busy: true, error: null });
      const result = await ballast().startPaperBot(config);
      set({ busy: false });
      if (!result.ok) {
        set({ error: result.error });
        return false;
      }
      await get().refresh();
      return true;
    },
    async stop() {
      set({ busy: true, error: null });
      const result = await ballast().stopPaperBot();
      set({ busy: false, error: result.ok ? null : result.error });
      await get().refresh();
    },
    async continueRun(leaveSafeMode) {
      set({ busy: true, error: null });
      const result = await ballast().continuePaperBot({ leaveSafeMode });
      set({ busy: false, error: result.ok ? null : result.error });
      await get().refresh();
    },
    async importFile(fileName, text, symbol) {
      set({ busy: true });
      const result = await ballast().importReplayFile({ fileName, symbol, text });
      set({ busy: false });
      if (result.ok) set({ replayFiles: [...get().replayFiles.filter((f) => f.importId !== result.value.importId), result.value] });
      return result;
    },
    clearError() {
      set({ error: null });
    },
  };
});
