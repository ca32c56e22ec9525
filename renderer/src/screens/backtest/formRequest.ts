import type { TFunction } from 'i18next';
import type { BacktestSetupView, BacktestStart } from '#core/contract/index.ts';
import type { BacktestForm } from './backtestStore.ts';

type Checked = { problem: string } | { request: BacktestStart };
type Spec = BacktestSetupView['strategies'][number]['parameters'][number];

class FormProblem extends Error {}

const numberOf = (text: string): number | null => {
  const trimmed = text.trim().replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return null;
  return Number(trimmed);
};

/** The values typed for a sweep: numbers separated by commas. */
export function valuesOf(text: string): number[] | null {
  const parts = text.split(/[,;\s]+/).filter((part) => part !== '');
  if (parts.length === 0) return null;
  const values = parts.map((part) => numberOf(part));
  return values.every((value): value is number => value !== null) ? [...new Set(values)] : null;
}

/** Every combination of the values typed, before the strategy's own rules drop any. */
export function combinationCount(form: BacktestForm, specs: readonly Spec[]): number {
  const typed = form.sweepValues[form.strategy] ?? {};
  return specs.reduce((count, spec) => count * (valuesOf(typed[spec.name] ?? '')?.length ?? 1), 1);
}

/** The form as the request to send, or what is wrong with it in words. */
export function formRequest(form: BacktestForm, setup: BacktestSetupView, t: TFunction): Checked {
  try {
    const need = (field: string, text: string, check: (value: number) => boolean, words: string): number => {
      const value = numberOf(text);
      if (value === null) throw new FormProblem(t('backtest.problems.number', { field }));
      if (!check(value)) throw new FormProblem(words);
      return value;
    };
    if (form.source.kind === 'imported' && !setup.imported.some((file) => file.importId === (form.source as { importId: string }).importId)) {
      throw new FormProblem(t('backtest.problems.noImport'));
    }
    const specs = setup.strategies.find((strategy) => strategy.id === form.strategy)?.parameters ?? [];
    const typed = form.parameters[form.strategy] ?? {};
    const parameters: Record<string, number> = {};
    for (const spec of specs) {
      const text = typed[spec.name];
      if (text === undefined || text.trim() === '') continue;
      const value = need(spec.name, text, (v) => v >= spec.min && v <= spec.max, t('backtest.problems.range', { field: spec.name, min: spec.min, max: spec.max }));
      if (spec.kind === 'bars' && !Number.isInteger(value)) throw new FormProblem(t('backtest.problems.whole', { field: spec.name }));
      parameters[spec.name] = value;
    }
    const grid = (): Record<string, number[]> => {
      const values = form.sweepValues[form.strategy] ?? {};
      const result: Record<string, number[]> = {};
      for (const spec of specs) {
        const text = values[spec.name] ?? '';
        if (text.trim() === '') continue;
        const list = valuesOf(text);
        if (list === null) throw new FormProblem(t('backtest.problems.values', { name: spec.name }));
        result[spec.name] = list;
      }
      const count = combinationCount(form, specs);
      if (count > setup.maxSweepTrials) throw new FormProblem(t('backtest.problems.tooMany', { count, limit: setup.maxSweepTrials }));
      return result;
    };
    const cashLabel = t('backtest.costs.cash');
    const cashQuote = need(cashLabel, form.cash, (v) => v > 0, t('backtest.problems.positive', { field: cashLabel }));
    const sizeLabel = t('backtest.costs.size');
    const sizePercent = need(sizeLabel, form.sizePercent, (v) => v > 0 && v <= 100, t('backtest.problems.range', { field: sizeLabel, min: '0', max: 100 }));
    const feeLabel = t('backtest.costs.fee');
    const feePercent = need(feeLabel, form.feePercent, (v) => v >= 0 && v < 10, t('backtest.problems.range', { field: feeLabel, min: 0, max: '9.99' }));
    const slipLabel = t('backtest.costs.slippage');
    const slippagePercent = need(slipLabel, form.slippagePercent, (v) => v >= 0 && v < 10, t('backtest.problems.range', { field: slipLabel, min: 0, max: '9.99' }));
    const barsWords = (label: string, min: number): string => (min > 0 ? t('backtest.problems.positive', { field: label }) : t('backtest.problems.whole', { field: label }));
    const bars = (label: string, text: string, min: number): number => need(label, text, (value) => Number.isInteger(value) && value >= min, barsWords(label, min));
    let mode: BacktestStart['mode'];
    if (form.mode === 'sweep') mode = { kind: 'sweep', grid: grid() };
    else if (form.mode === 'walk-forward') {
      const chosen = form.chooseOnEachWindow ? grid() : {};
      mode = {
        kind: 'walk-forward',
        scheme: form.scheme,
        trainBars: bars(t('backtest.mode.trainBars'), form.trainBars, 1),
        testBars: bars(t('backtest.mode.testBars'), form.testBars, 1),
        purgeBars: bars(t('backtest.mode.purgeBars'), form.purgeBars, 0),
        ...(Object.keys(chosen).length > 0 ? { grid: chosen } : {}),
      };
    } else mode = { kind: 'single' };
    return {
      request: {
        source: form.source,
        strategy: form.strategy,
        parameters,
        cashQuote,
        sizeFraction: sizePercent / 100,
        takerFeeRate: feePercent / 100,
        slippage: slippagePercent / 100,
        fill: form.fill,
        mode,
      },
    };
  } catch (error) {
    if (error instanceof FormProblem) return { problem: error.message };
    throw error;
  }
}
