import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BacktestSetupView } from '#core/contract/index.ts';
import { ReplayImport } from '../paper/ReplayImport.tsx';
import { useBacktestStore, type BacktestModeChoice } from './backtestStore.ts';
import { combinationCount, formRequest } from './formRequest.ts';

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Data, strategy and its settings, money and costs, and what to run. */
export function BacktestForm({ setup }: { readonly setup: BacktestSetupView }) {
  const { t } = useTranslation();
  const ids = useId();
  const form = useBacktestStore((s) => s.form);
  const formProblem = useBacktestStore((s) => s.formProblem);
  const startError = useBacktestStore((s) => s.startError);
  const running = useBacktestStore((s) => s.status?.state === 'running');
  const { edit, editParameter, editSweepValues, run, load } = useBacktestStore.getState();
  const [importSymbol, setImportSymbol] = useState('BTC/USDT');
  const specs = setup.strategies.find((strategy) => strategy.id === form.strategy)?.parameters ?? [];
  const typed = form.parameters[form.strategy] ?? {};
  const sweepTyped = form.sweepValues[form.strategy] ?? {};
  const searching = form.mode === 'sweep' || (form.mode === 'walk-forward' && form.chooseOnEachWindow);

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void run((current, view) => formRequest(current, view, t));
  };
  const modes: readonly [BacktestModeChoice, string][] = [['single', t('backtest.mode.single')], ['sweep', t('backtest.mode.sweep')], ['walk-forward', t('backtest.mode.walkForward')]];

  return (
    <form className="card form" noValidate onSubmit={submit} aria-label={t('backtest.title')}>
      <p className="bt-risk-note">{t('backtest.riskOn')}</p>
      <fieldset>
        <legend>{t('backtest.data.title')}</legend>
        <label className="choice">
          <input type="radio" name={`${ids}-source`} checked={form.source.kind === 'synthetic'} onChange={() => { edit({ source: { kind: 'synthetic' } }); }} />
          <span>{t('backtest.data.synthetic', { bars: setup.syntheticBars.toLocaleString() })}</span>
        </label>
        {setup.imported.map((file) => (
          <label className="choice" key={file.importId}>
            <input
              type="radio"
              name={`${ids}-source`}
              checked={form.source.kind === 'imported' && form.source.importId === file.importId}
              onChange={() => { edit({ source: { kind: 'imported', importId: file.importId } }); }}
            />
            <span>{t('backtest.data.imported', { name: file.fileName, symbol: file.symbol, bars: file.bars.toLocaleString(), timeframe: file.timeframe, from: day(file.firstOpenTimeMs), to: day(file.lastOpenTimeMs) })}</span>
          </label>
        ))}
        <details className="nested">
          <summary>{t('backtest.data.importTitle')}</summary>
          <ReplayImport
            symbol={importSymbol}
            onSymbolChange={setImportSymbol}
            onImported={(file) => {
              void load().then(() => { edit({ source: { kind: 'imported', importId: file.importId } }); });
            }}
          />
        </details>
      </fieldset>

      <fieldset>
        <legend>{t('backtest.strategy.title')}</legend>
        <label className="field">
          <span>{t('backtest.strategy.label')}</span>
          <select value={form.strategy} onChange={(event) => { edit({ strategy: event.target.value as typeof form.strategy }); }}>
            {setup.strategies.map((strategy) => <option key={strategy.id} value={strategy.id}>{t(`backtest.strategy.names.${strategy.id}`)}</option>)}
          </select>
        </label>
        <div className="grid-3">
          {specs.map((spec) => (
            <label className="field" key={spec.name}>
              <span>{t('backtest.strategy.parameter', { name: spec.name, min: spec.min.toLocaleString(), max: spec.max.toLocaleString() })}</span>
              <input type="text" inputMode="decimal" value={typed[spec.name] ?? String(spec.defaultValue)} onChange={(event) => { editParameter(spec.name, event.target.value); }} />
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('backtest.costs.title')}</legend>
        <div className="grid-2">
          <label className="field">
            <span>{t('backtest.costs.cash')}</span>
            <input type="text" inputMode="decimal" value={form.cash} onChange={(event) => { edit({ cash: event.target.value }); }} />
          </label>
          <label className="field">
            <span>{t('backtest.costs.size')}</span>
            <input type="text" inputMode="decimal" value={form.sizePercent} onChange={(event) => { edit({ sizePercent: event.target.value }); }} />
            <small className="muted">{t('backtest.costs.sizeHint')}</small>
          </label>
          <label className="field">
            <span>{t('backtest.costs.fee')}</span>
            <input type="text" inputMode="decimal" value={form.feePercent} onChange={(event) => { edit({ feePercent: event.target.value }); }} />
          </label>
          <label className="field">
            <span>{t('backtest.costs.slippage')}</span>
            <input type="text" inputMode="decimal" value={form.slippagePercent} onChange={(event) => { edit({ slippagePercent: event.target.value }); }} />
          </label>
        </div>
        <label className="field">
          <span>{t('backtest.costs.fill')}</span>
          <select value={form.fill} onChange={(event) => { edit({ fill: event.target.value as typeof form.fill }); }}>
            <option value="realistic">{t('backtest.costs.realistic')}</option>
            <option value="next-open">{t('backtest.costs.nextOpen')}</option>
          </select>
        </label>
      </fieldset>

      <fieldset>
        <legend>{t('backtest.mode.title')}</legend>
        {modes.map(([mode, words]) => (
          <label className="choice" key={mode}>
            <input type="radio" name={`${ids}-mode`} checked={form.mode === mode} onChange={() => { edit({ mode }); }} />
            <span>{words}</span>
          </label>
        ))}
        {form.mode === 'walk-forward' ? (
          <div className="nested grid-2">
            <label className="field">
              <span>{t('backtest.mode.scheme')}</span>
              <select value={form.scheme} onChange={(event) => { edit({ scheme: event.target.value as typeof form.scheme }); }}>
                <option value="rolling">{t('backtest.mode.rolling')}</option>
                <option value="anchored">{t('backtest.mode.anchored')}</option>
              </select>
            </label>
            <label className="field">
              <span>{t('backtest.mode.trainBars')}</span>
              <input type="text" inputMode="numeric" value={form.trainBars} onChange={(event) => { edit({ trainBars: event.target.value }); }} />
            </label>
            <label className="field">
              <span>{t('backtest.mode.testBars')}</span>
              <input type="text" inputMode="numeric" value={form.testBars} onChange={(event) => { edit({ testBars: event.target.value }); }} />
            </label>
            <label className="field">
              <span>{t('backtest.mode.purgeBars')}</span>
              <input type="text" inputMode="numeric" value={form.purgeBars} onChange={(event) => { edit({ purgeBars: event.target.value }); }} />
            </label>
            <label className="choice">
              <input type="checkbox" checked={form.chooseOnEachWindow} onChange={(event) => { edit({ chooseOnEachWindow: event.target.checked }); }} />
              <span>{t('backtest.mode.chooseOnEachWindow')}</span>
            </label>
          </div>
        ) : null}
        {searching ? (
          <div className="nested">
            <div className="grid-3">
              {specs.map((spec) => (
                <label className="field" key={spec.name}>
                  <span>{t('backtest.mode.sweepValues', { name: spec.name })}</span>
                  <input type="text" value={sweepTyped[spec.name] ?? ''} placeholder={String(spec.defaultValue)} onChange={(event) => { editSweepValues(spec.name, event.target.value); }} />
                </label>
              ))}
            </div>
            <p className="muted">{t('backtest.mode.sweepCount', { count: combinationCount(form, specs) })}</p>
          </div>
        ) : null}
      </fieldset>

      {formProblem === null ? null : <p role="alert" className="error">{formProblem}</p>}
      {startError === null ? null : <p role="alert" className="error">{startError.message}</p>}
      <div className="row">
        <button type="submit" className="primary" disabled={running}>{t('backtest.run')}</button>
      </div>
    </form>
  );
}
