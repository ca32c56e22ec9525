import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBacktestStore } from './backtestStore.ts';

function timeWords(seconds: number): string {
  if (seconds < 60) return `${String(Math.max(1, Math.round(seconds)))} s`;
  const minutes = Math.floor(seconds / 60);
  return `${String(minutes)} min ${String(Math.round(seconds - minutes * 60))} s`;
}

/** The progress bar with the time left and Cancel; then how the run ended if not with a report. */
export function BacktestProgress() {
  const { t } = useTranslation();
  const status = useBacktestStore((s) => s.status);
  const { cancel } = useBacktestStore.getState();
  const card = useRef<HTMLDivElement>(null);
  const runId = status?.state === 'running' ? status.runId : null;
  // A new run brings its progress bar into view, with its Cancel button.
  useEffect(() => {
    if (runId !== null) card.current?.scrollIntoView({ block: 'nearest' });
  }, [runId]);
  if (status === null || status.state === 'idle' || status.state === 'done') return null;
  if (status.state === 'cancelled') return <p role="status" className="card">{t('backtest.progress.cancelled')}</p>;
  if (status.state === 'failed') {
    return (
      <div role="alert" className="card error">
        <strong>{t('backtest.progress.failed')}</strong>
        <p>{status.message}</p>
      </div>
    );
  }
  const percent = status.total > 0 ? Math.min(100, Math.floor((status.done / status.total) * 100)) : 0;
  return (
    <div className="card bt-progress" role="status" ref={card}>
      <progress max={100} value={percent} aria-label={t('backtest.progress.label')} />
      <p>
        {status.done === 0 ? t('backtest.progress.starting') : t('backtest.progress.running', { percent })}
        {status.secondsLeft === null ? null : <> · <span data-testid="backtest-time-left">{t('backtest.progress.timeLeft', { time: timeWords(status.secondsLeft) })}</span></>}
      </p>
      <p className="muted">{t('backtest.progress.working')}</p>
      <button type="button" onClick={() => void cancel()}>{t('backtest.cancel')}</button>
    </div>
  );
}
