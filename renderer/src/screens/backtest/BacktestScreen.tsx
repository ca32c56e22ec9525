import './backtest.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BacktestForm } from './BacktestForm.tsx';
import { BacktestProgress } from './BacktestProgress.tsx';
import { BacktestReport } from './BacktestReport.tsx';
import { useBacktestStore } from './backtestStore.ts';

/**
 * The Backtest screen: pick prices, a strategy and its settings, costs, and one run, a search or
 * a walk-forward test; it runs in the background with a progress bar and Cancel, then the report.
 */
export function BacktestScreen() {
  const { t } = useTranslation();
  const setup = useBacktestStore((s) => s.setup);
  const loadError = useBacktestStore((s) => s.loadError);
  const result = useBacktestStore((s) => s.result);
  useEffect(() => {
    const store = useBacktestStore.getState();
    const unsubscribe = store.subscribe();
    void store.load();
    return unsubscribe;
  }, []);
  return (
    <div className="bt-screen">
      <h1>{t('backtest.title')}</h1>
      <p className="lead">{t('backtest.lead')}</p>
      {loadError === null ? null : <p role="alert" className="error">{t('backtest.loadFailed', { message: loadError.message })}</p>}
      {setup === null ? null : <BacktestForm setup={setup} />}
      <BacktestProgress />
      {result === null ? null : <BacktestReport report={result} />}
    </div>
  );
}
