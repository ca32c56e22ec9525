import { create } from 'zustand';
import type {
  BacktestDataSource, BacktestResultView, BacktestSetupView, BacktestStart, BacktestStatusView, ContractErrorPayload,
} from '#core/contract/index.ts';
import { ballast } from '../../ballast.ts';
import { saveTextFile } from '../activity/saveTextFile.ts';

export type BacktestModeChoice = 'single' | 'sweep' | 'walk-forward';
type StrategyChoice = BacktestStart['strategy'];

/** The form as typed: numbers stay text until Run, so a half-typed value is never corrected under the cursor. */
export interface BacktestForm {
  readonly source: BacktestDataSource;
  readonly strategy: StrategyChoice;
  /** Per strategy, per parameter: the value typed. */
  readonly parameters: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Per strategy, per parameter: the values to try, comma separated (sweep, walk-forward). */
  readonly sweepValues: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly cash: string;
  /** Percentages, as people think of them: 1 is 1 %. */
  readonly sizePercent: string;
  readonly feePercent: string;
  readonly slippagePercent: string;
  readonly fill: 'realistic' | 'next-open';
  readonly mode: BacktestModeChoice;
  readonly scheme: 'anchored' | 'rolling';
  readonly trainBars: string;
  readonly testBars: string;
  readonly purgeBars: string;
  /** Walk-forward: choose the best of the values to try on each training window. */
  readonly chooseOnEachWindow: boolean;
}

type ExportNotice = { readonly kind: 'saved'; readonly fileName: string } | { readonly kind: 'error'; readonly message: string } | null;

interface BacktestState {
  readonly setup: BacktestSetupView | null;
  readonly loadError: ContractErrorPayload | null;
  readonly form: BacktestForm;
  /** What is wrong with the form, in words, before anything is sent. */
  readonly formProblem: string | null;
  readonly status: BacktestStatusView | null;
  readonly startError: ContractErrorPayload | null;
  readonly result: BacktestResultView | null;
  readonly exportNotice: ExportNotice;
}

interface BacktestActions {
  readonly load: () => Promise<void>;
  readonly subscribe: () => () => void;
  readonly edit: (patch: Partial<BacktestForm>) => void;
  readonly editParameter: (name: string, value: string) => void;
  readonly editSweepValues: (name: string, value: string) => void;
  readonly run: (problemOf: (form: BacktestForm, setup: BacktestSetupView) => { problem: string } | { request: BacktestStart }) => Promise<void>;
  readonly cancel: () => Promise<void>;
  readonly exportAs: (format: 'html' | 'trades-csv') => Promise<void>;
}

export const DEFAULT_FORM: BacktestForm = {
  source: { kind: 'synthetic' },
  strategy: 'sma-cross',
  parameters: {},
  sweepValues: {},
  cash: '10000',
  sizePercent: '1',
  feePercent: '0.1',
  slippagePercent: '0.01',
  fill: 'realistic',
  mode: 'single',
  scheme: 'rolling',
  trainBars: '8760',
  testBars: '2190',
  purgeBars: '0',
  chooseOnEachWindow: true,
};

export const useBacktestStore = create<BacktestState & BacktestActions>()((set, get) => {
  const fetchResult = async (runId: string): Promise<void> => {
    const result = await ballast().getBacktestResult({ runId });
    if (result.ok && get().status?.runId === runId) set({ result: result.value });
  };
  const onStatus = (status: BacktestStatusView): void => {
    const previous = get().status;
    set({ status });
    if (status.state === 'done' && status.runId !== null && (previous?.state !== 'done' || previous.runId !== status.runId)) void fetchResult(status.runId);
  };

  return {
    setup: null,
    loadError: null,
    form: DEFAULT_FORM,
    formProblem: null,
    status: null,
    startError: null,
    result: null,
    exportNotice: null,

    async load() {
      const [setup, status] = await Promise.all([ballast().getBacktestSetup(), ballast().getBacktestStatus()]);
      if (!setup.ok) {
        set({ loadError: setup.error });
        return;
      }
      set({ setup: setup.value, loadError: null });
      if (status.ok) onStatus(status.value);
    },
    subscribe() {
      return ballast().on('backtestProgressed', onStatus);
    },
    edit(patch) {
      set({ form: { ...get().form, ...patch }, formProblem: null });
    },
    editParameter(name, value) {
      const { form } = get();
      set({ form: { ...form, parameters: { ...form.parameters, [form.strategy]: { ...form.parameters[form.strategy], [name]: value } } }, formProblem: null });
    },
    editSweepValues(name, value) {
      const { form } = get();
      set({ form: { ...form, sweepValues: { ...form.sweepValues, [form.strategy]: { ...form.sweepValues[form.strategy], [name]: value } } }, formProblem: null });
    },
    async run(problemOf) {
      const { form, setup } = get();
      if (setup === null) return;
      const checked = problemOf(form, setup);
      if ('problem' in checked) {
        set({ formProblem: checked.problem });
        return;
      }
      set({ formProblem: null, startError: null, exportNotice: null });
      const started = await ballast().startBacktest(checked.request);
      if (!started.ok) {
        set({ startError: started.error });
        return;
      }
      // The report of the run before stays until this one is done; a new one replaces it.
      onStatus(started.value);
    },
    async cancel() {
      const result = await ballast().cancelBacktest();
      if (result.ok) onStatus(result.value);
    },
    async exportAs(format) {
      const runId = get().result?.runId;
      if (runId === undefined) return;
      const result = await ballast().exportBacktest({ runId, format });
      if (!result.ok) {
        set({ exportNotice: { kind: 'error', message: result.error.message } });
        return;
      }
      saveTextFile(result.value.fileName, result.value.mimeType, result.value.content);
      set({ exportNotice: { kind: 'saved', fileName: result.value.fileName } });
    },
  };
});
