import { create } from 'zustand';
import type {
  ContractErrorPayload,
  HighWaterMarkReset,
  ManualOrderRequest,
  ManualOrderResult,
  RiskLimitChanges,
  RiskLimitsProposal,
  RiskLimitsView,
  TradingStatusView,
} from '#core/contract/index.ts';
import { ballast } from '../../ballast.ts';

const USE_REFRESH_MS = 1_000;

/** A change waiting for the person's typed confirmation, because it loosens a limit. */
export interface PendingLoosening {
  readonly changes: RiskLimitChanges;
  readonly proposal: RiskLimitsProposal;
}

/** Where the last message of a row (or the screen) belongs. */
export type Notice =
  | { readonly kind: 'saved'; readonly field: string | null; readonly text: string }
  | { readonly kind: 'error'; readonly field: string | null; readonly error: ContractErrorPayload };

interface RiskState {
  readonly view: RiskLimitsView | null;
  readonly status: TradingStatusView | null;
  readonly loadError: string | null;
  readonly busy: boolean;
  readonly notice: Notice | null;
  /** The limit whose editor is open. */
  readonly editing: string | null;
  readonly pending: PendingLoosening | null;
  readonly confirmError: ContractErrorPayload | null;
  readonly manualResult: ManualOrderResult | null;
  readonly manualError: ContractErrorPayload | null;
  /** Measuring drawdown from the equity now: the consequence, waiting for the typed words. */
  readonly resetProposal: HighWaterMarkReset | null;
  readonly resetError: ContractErrorPayload | null;
  /** What the last reset did, in money. */
  readonly resetDone: string | null;
}

interface RiskActions {
  readonly load: () => Promise<void>;
  readonly subscribe: () => () => void;
  /** Reviews a change; tightening is saved at once, loosening opens the confirmation. True when saved. */
  readonly change: (field: string | null, changes: RiskLimitChanges) => Promise<boolean>;
  readonly confirmLoosening: (typed: string) => Promise<boolean>;
  readonly cancelLoosening: () => void;
  readonly startEditing: (field: string) => void;
  readonly stopEditing: () => void;
  readonly placeManualOrder: (order: ManualOrderRequest) => Promise<void>;
  /** Forgets the last manual order's decision or refusal, e.g. when the next one cannot be sent as typed. */
  readonly clearManualOrder: () => void;
  readonly proposeReset: () => Promise<void>;
  /** True once the high-water mark was reset. */
  readonly confirmReset: (typed: string) => Promise<boolean>;
  readonly cancelReset: () => void;
}

export const useRiskStore = create<RiskState & RiskActions>()((set, get) => ({
  view: null,
  status: null,
  loadError: null,
  busy: false,
  notice: null,
  editing: null,
  pending: null,
  confirmError: null,
  manualResult: null,
  manualError: null,
  resetProposal: null,
  resetError: null,
  resetDone: null,

  async load() {
    const [view, status] = await Promise.all([ballast().getRiskLimits(), ballast().getTradingStatus()]);
    set({
      view: view.ok ? view.value : get().view,
      status: status.ok ? status.value : get().status,
      loadError: !view.ok ? view.error.message : !status.ok ? status.error.message : null,
    });
  },

  subscribe() {
    const reload = (): void => { void get().load(); };
    // A fast replay reports progress many times a second; the use figures need no more than this.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reloadSoon = (): void => {
      timer ??= setTimeout(() => {
        timer = undefined;
        reload();
      }, USE_REFRESH_MS);
    };
    const offState = ballast().on('tradingStateChanged', reload);
    const offBot = ballast().on('botProgressed', reloadSoon);
    return () => {
      offState();
      offBot();
      if (timer !== undefined) clearTimeout(timer);
    };
  },

  async change(field, changes) {
    set({ busy: true, notice: null, confirmError: null });
    const proposal = await ballast().proposeRiskLimits({ changes });
    if (!proposal.ok) {
      set({ busy: false, notice: { kind: 'error', field, error: proposal.error } });
      return false;
    }
    if (proposal.value.needsConfirmation) {
      set({ busy: false, pending: { changes, proposal: proposal.value } });
      return false;
    }
    const result = await ballast().applyRiskLimits({ changes });
    if (!result.ok) {
      set({ busy: false, notice: { kind: 'error', field, error: result.error } });
      return false;
    }
    const text = proposal.value.changes.map((entry) => entry.consequence).join(' ');
    set({ busy: false, view: result.value, editing: null, notice: { kind: 'saved', field, text } });
    void get().load();
    return true;
  },

  async confirmLoosening(typed) {
    const pending = get().pending;
    if (pending === null) return false;
    set({ busy: true, confirmError: null });
    const result = await ballast().applyRiskLimits({ changes: pending.changes, confirmation: typed });
    if (!result.ok) {
      set({ busy: false, confirmError: result.error });
      return false;
    }
    const field = Object.keys(pending.changes)[0] ?? null;
    const text = pending.proposal.changes.map((entry) => entry.consequence).join(' ');
    set({ busy: false, pending: null, editing: null, view: result.value, notice: { kind: 'saved', field, text } });
    void get().load();
    return true;
  },

  cancelLoosening() {
    set({ pending: null, confirmError: null });
  },

  startEditing(field) {
    set({ editing: field, notice: null });
  },

  stopEditing() {
    set({ editing: null, notice: null });
  },

  async proposeReset() {
    set({ busy: true, resetError: null, resetDone: null });
    const proposal = await ballast().proposeHighWaterMarkReset();
    set({ busy: false, ...(proposal.ok ? { resetProposal: proposal.value } : { resetError: proposal.error }) });
  },

  async confirmReset(typed) {
    set({ busy: true, resetError: null });
    const result = await ballast().resetHighWaterMark({ confirmation: typed });
    if (!result.ok) {
      set({ busy: false, resetError: result.error });
      return false;
    }
    set({ busy: false, resetProposal: null, resetDone: result.value.consequence });
    void get().load();
    return true;
  },

  cancelReset() {
    set({ resetProposal: null, resetError: null });
  },

  clearManualOrder() {
    set({ manualResult: null, manualError: null });
  },

  async placeManualOrder(order) {
    set({ busy: true, manualError: null, manualResult: null });
    const result = await ballast().placeManualOrder(order);
    set({ busy: false, ...(result.ok ? { manualResult: result.value } : { manualError: result.error }) });
    void get().load();
  },
}));
