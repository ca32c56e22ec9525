import { create } from 'zustand';
import type { Alert, AppStatus, BotStatus, ContractErrorPayload, LiveKillChoice, Result, TradingStateSnapshot } from '#core/contract/index.ts';
import { ballast } from '../ballast.ts';

export type ScreenId = 'dashboard' | 'paper' | 'backtest' | 'keys' | 'risk' | 'activity' | 'serviceCheck' | 'ai' | 'monitoring' | 'alerts';

export const SCREENS: readonly ScreenId[] = ['dashboard', 'paper', 'backtest', 'keys', 'risk', 'activity', 'monitoring', 'alerts', 'serviceCheck', 'ai'];

const MAX_ALERTS = 50;

interface AppState {
  readonly status: AppStatus | null;
  readonly tradingState: TradingStateSnapshot | null;
  /** The paper bot as the frame shows it on every screen (phase, market, progress). */
  readonly botStatus: BotStatus | null;
  readonly alerts: readonly Alert[];
  readonly screen: ScreenId;
  /** The last refusal or failure of a frame action, shown until the next action. */
  readonly actionError: ContractErrorPayload | null;
  readonly loadError: string | null;
  readonly killDialogOpen: boolean;
  readonly rearmDialogOpen: boolean;
  readonly busy: boolean;
}

interface AppActions {
  readonly load: () => Promise<void>;
  readonly subscribe: () => () => void;
  readonly show: (screen: ScreenId) => void;
  readonly pause: () => Promise<void>;
  readonly resume: () => Promise<void>;
  readonly openKillDialog: () => void;
  readonly closeKillDialog: () => void;
  /** In live mode, `liveChoice` says what happens to the positions: keep their stops (default) or sell everything. */
  readonly kill: (liveChoice?: LiveKillChoice) => Promise<void>;
  readonly openRearmDialog: () => void;
  readonly closeRearmDialog: () => void;
  readonly rearm: (confirmation: string) => Promise<boolean>;
  readonly leaveSafeMode: () => Promise<void>;
}

export const useAppStore = create<AppState & AppActions>()((set, get) => {
  /** Runs one state-changing command and keeps the frame in step with its answer. */
  const act = async (call: () => Promise<Result<TradingStateSnapshot>>): Promise<boolean> => {
    set({ busy: true, actionError: null });
    const result = await call();
    if (result.ok) {
      set({ busy: false, tradingState: result.value });
      return true;
    }
    set({ busy: false, actionError: result.error });
    return false;
  };

  return {
    status: null,
    tradingState: null,
    botStatus: null,
    alerts: [],
    screen: 'dashboard',
    actionError: null,
    loadError: null,
    killDialogOpen: false,
    rearmDialogOpen: false,
    busy: false,

    async load() {
      const [result, bot] = await Promise.all([ballast().getAppStatus(), ballast().getBotStatus()]);
      if (result.ok) set({ status: result.value, tradingState: result.value.tradingState, loadError: null });
      else set({ loadError: result.error.message });
      if (bot.ok) set({ botStatus: bot.value });
    },
    subscribe() {
      const offState = ballast().on('tradingStateChanged', (snapshot) => {
        set({ tradingState: snapshot });
      });
      const offBot = ballast().on('botProgressed', (botStatus) => {
        set({ botStatus });
      });
      const offAlert = ballast().on('alertRaised', (alert) => {
        set({ alerts: [alert, ...get().alerts].slice(0, MAX_ALERTS) });
      });
      // Live mode starting or ending changes the mode badge: re-read the status.
      const offLive = ballast().on('liveStatusChanged', () => {
        void get().load();
      });
      return () => {
        offState();
        offBot();
        offAlert();
        offLive();
      };
    },
    show(screen) {
      set({ screen });
    },
    async pause() {
      await act(() => ballast().pause({}));
    },
    async resume() {
      await act(() => ballast().resume());
    },
    openKillDialog() {
      set({ killDialogOpen: true, actionError: null });
    },
    closeKillDialog() {
      set({ killDialogOpen: false });
    },
    async kill(liveChoice) {
      const done = await act(() => ballast().kill({ confirmed: true, ...(liveChoice === undefined ? {} : { liveChoice }) }));
      if (done) set({ killDialogOpen: false });
    },
    openRearmDialog() {
      set({ rearmDialogOpen: true, actionError: null });
    },
    closeRearmDialog() {
      set({ rearmDialogOpen: false, actionError: null });
    },
    async leaveSafeMode() {
      await act(() => ballast().leaveSafeMode());
    },
    async rearm(confirmation) {
      const done = await act(() => ballast().rearm({ confirmation }));
      if (done) set({ rearmDialogOpen: false });
      return done;
    },
  };
});
