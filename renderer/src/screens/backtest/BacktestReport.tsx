import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { BacktestResultView } from '#core/contract/index.ts';
import { DrawdownChart, EquityChart, MAX_MARKED_TRADES, TradesChart } from './BacktestCharts.tsx';
import { useBacktestStore } from './backtestStore.ts';

const TRADES_SHOWN = 200;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const fixed = (value: number | null, digits = 2): string => (value === null ? '—' : value.toLocaleString(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const signClass = (value: number | null): string => (value === null || value === 0 ? '' : value > 0 ? 'bt-pos' : 'bt-neg');
const utc = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const listOf = (parameters: Readonly<Record<string, number>>): string => Object.entries(parameters).map(([name, value]) => `${name}=${String(value)}`).join(', ');

function statisticValue(value: number | string | null): string {
  if (value === null) return '—';
  if (typeof value === 'number') return Math.abs(value) >= 1000 ? value.toLocaleString(undefined, { maximumFractionDigits: 2 }) : fixed(value, 4).replace(/0{1,2}$/, '');
  return /^\d{4}-\d{2}-\d{2}T/.test(value) ? utc(Date.parse(value)) : value;
}

function MonthlyTable({ report, sample }: { readonly report: BacktestResultView; readonly sample: string }) {
  const { t } = useTranslation();
  const years = [...new Set(report.monthly.map((m) => m.year))];
  const cell = (year: number, month: number): number | null | undefined => report.monthly.find((m) => m.year === year && m.month === month)?.returnPercent;
  const yearTotal = (year: number): number | null => {
    const months = report.monthly.filter((m) => m.year === year);
    if (months.some((m) => m.returnPercent === null)) return null;
    return (months.reduce((product, m) => product * (1 + (m.returnPercent ?? 0) / 100), 1) - 1) * 100;
  };
  return (
    <div className="bt-scroll">
      <table className="bt-table" aria-label={t('backtest.report.monthly', { sample })}>
        <caption>{t('backtest.report.monthly', { sample })}</caption>
        <thead>
          <tr><th>{t('backtest.report.year')}</th>{MONTHS.map((month) => <th key={month}>{month}</th>)}<th>{t('backtest.report.yearTotal')}</th></tr>
        </thead>
        <tbody>
          {years.map((year) => (
            <tr key={year}>
              <td>{year}</td>
              {MONTHS.map((month, index) => {
                const value = cell(year, index + 1);
                return <td key={month} className={signClass(value ?? null)}>{value === undefined ? '' : fixed(value, 1)}</td>;
              })}
              <td className={signClass(yearTotal(year))}>{fixed(yearTotal(year), 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OverfittingPanel({ report }: { readonly report: BacktestResultView }) {
  const { t } = useTranslation();
  const over = report.overfitting;
  const percent = (value: number | null): string => (value === null ? '—' : `${String(Math.round(value * 100))} %`);
  return (
    <section className="card bt-overfit" aria-label={t('backtest.report.overfitting')}>
      <h2>{t('backtest.report.overfitting')}</h2>
      {over === null ? (
        <p>{report.mode === 'walk-forward' ? t('backtest.report.walkForwardNoSearch') : t('backtest.report.singleTrial')}</p>
      ) : (
        <>
          {over.explanations.map((explanation) => <p key={explanation.code}><strong>{explanation.text}</strong></p>)}
          <p className="muted">{t('backtest.report.overfittingFigures', { trials: over.trials.toLocaleString(), sharpe: fixed(over.sharpeAnnualised), luck: fixed(over.expectedMaxSharpeAnnualised), deflated: percent(over.deflatedSharpe) })}</p>
          {over.probabilityOfOverfitting === null ? null : <p className="muted">{t('backtest.report.pbo', { pbo: percent(over.probabilityOfOverfitting) })}</p>}
        </>
      )}
      {report.sweep === null ? null : <p>{t('backtest.report.sweepBest', { trials: report.sweep.trials.toLocaleString(), parameters: listOf(report.sweep.best) })}</p>}
    </section>
  );
}

/** The report: what was tested, after costs, labelled in-sample or out-of-sample, next to buy-and-hold. */
export function BacktestReport({ report }: { readonly report: BacktestResultView }) {
  const { t } = useTranslation();
  const exportNotice = useBacktestStore((s) => s.exportNotice);
  const { exportAs } = useBacktestStore.getState();
  const sample = report.sample === 'in-sample' ? t('backtest.report.inSample') : t('backtest.report.outOfSample');
  const stat = (name: string): number | null => {
    const value = report.statistics.find((row) => row.name === name)?.value;
    return typeof value === 'number' ? value : null;
  };
  const { settings } = report;
  const top = useRef<HTMLElement>(null);
  // A new report scrolls into view where it starts.
  useEffect(() => {
    top.current?.scrollIntoView({ block: 'start' });
  }, [report.runId]);
  const choosing = report.mode === 'walk-forward' && report.folds.some((fold) => listOf(fold.parameters) !== listOf(settings.parameters));
  const parameters = choosing ? t('backtest.report.perWindow') : listOf(settings.parameters);
  return (
    <section className="card bt-report" aria-label={t('backtest.report.title')} ref={top}>
      <h2>{t('backtest.report.title')}: {t('backtest.report.of', { strategy: t(`backtest.strategy.names.${settings.strategy}`).split(' (')[0], parameters, data: report.data.label })}</h2>
      <p className="bt-sample" data-testid="backtest-sample">
        <strong>{sample}.</strong>
        {report.sample === 'in-sample' ? t('backtest.report.inSampleExplained') : t('backtest.report.outOfSampleExplained')}
      </p>
      {report.data.synthetic ? <p className="error">{t('backtest.report.synthetic')}</p> : null}
      <p className="bt-headline">{t('backtest.report.headline', { returnPercent: fixed(stat('Return [%]')), holdPercent: fixed(stat('Buy & Hold Return [%]')), sample })}</p>
      <p className="muted">{t('backtest.report.afterCosts', { fee: fixed(settings.takerFeeRate * 100, 3), slippage: fixed(settings.slippage * 100, 3), fill: settings.fill === 'realistic' ? t('backtest.costs.realistic') : t('backtest.costs.nextOpen') })} {t('backtest.report.buyAndHoldExplained')}</p>

      <h3>{t('backtest.report.equityChart')} ({sample})</h3>
      <EquityChart points={report.equity} label={t('backtest.report.equityChart')} equityTitle={t('backtest.report.equity')} holdTitle={t('backtest.report.buyAndHold')} />
      <h3>{t('backtest.report.drawdownChart')}</h3>
      <DrawdownChart points={report.equity} label={t('backtest.report.drawdownChart')} title={t('backtest.report.drawdown')} />
      <h3>{t('backtest.report.priceChart')}</h3>
      <TradesChart prices={report.prices} trades={report.trades} label={t('backtest.report.priceChart')} />
      {report.tradesTotal > MAX_MARKED_TRADES ? <p className="muted">{t('backtest.report.markersCapped', { shown: MAX_MARKED_TRADES, total: report.tradesTotal.toLocaleString() })}</p> : null}

      <OverfittingPanel report={report} />

      <div className="bt-tables">
        <div className="bt-scroll">
          <table className="bt-table" aria-label={t('backtest.report.statistics', { sample })}>
            <caption>{t('backtest.report.statistics', { sample })}</caption>
            <tbody>
              {report.statistics.map((row) => <tr key={row.name}><td>{row.name}</td><td>{statisticValue(row.value)}</td></tr>)}
            </tbody>
          </table>
          <p className="muted">{t('backtest.report.statisticsNames')}</p>
        </div>
        <div>
          <table className="bt-table" aria-label={t('backtest.report.costs', { sample })}>
            <caption>{t('backtest.report.costs', { sample })}</caption>
            <thead>
              <tr><th>{t('backtest.report.costMultiple')}</th><th>{t('backtest.report.returnPercent')}</th><th>{t('backtest.report.sharpe')}</th><th>{t('backtest.report.finalEquity')}</th><th>{t('backtest.report.trades')}</th><th>{t('backtest.report.fees')}</th><th>{t('backtest.report.slippagePaid')}</th></tr>
            </thead>
            <tbody>
              {report.costs.map((c) => (
                <tr key={c.multiple}>
                  <td>{c.multiple}×</td><td className={signClass(c.returnPercent)}>{fixed(c.returnPercent)} %</td><td>{fixed(c.sharpeRatio)}</td><td>{fixed(c.equityFinalQuote)}</td><td>{c.trades}</td><td>{fixed(c.feesQuote)}</td><td>{fixed(c.slippageQuote)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t('backtest.report.costsExplained')}</p>
          {report.decisions === null ? null : (
            <>
              <p className="muted">{t('backtest.report.decisions', { ...report.decisions })}</p>
              {report.decisions.reasons.length > 0 ? (
                <ul className="muted" aria-label={t('backtest.report.refusedReasons')}>
                  {report.decisions.reasons.map((reason) => <li key={reason.code}>{t('backtest.report.reasonCount', { count: reason.count, text: reason.text })}</li>)}
                </ul>
              ) : null}
            </>
          )}
          {report.openPositionBase > 0 ? <p className="muted">{t('backtest.report.openAtEnd', { amount: report.openPositionBase, base: settings.base })}</p> : null}
        </div>
      </div>

      {report.folds.length === 0 ? null : (
        <div className="bt-scroll">
          <table className="bt-table" aria-label={t('backtest.report.folds')}>
            <caption>{t('backtest.report.folds')}</caption>
            <thead><tr><th>{t('backtest.report.fold')}</th><th>{t('backtest.report.testedOn')}</th><th>{t('backtest.report.chosen')}</th><th>{t('backtest.report.inSampleSharpe')}</th><th>{t('backtest.report.outOfSampleReturn')}</th><th>{t('backtest.report.trades')}</th></tr></thead>
            <tbody>
              {report.folds.map((fold) => (
                <tr key={fold.fold}>
                  <td>{fold.fold}</td><td>{utc(fold.testFromMs)} – {utc(fold.testToMs)}</td><td>{listOf(fold.parameters)}</td><td>{fixed(fold.inSampleSharpe)}</td><td className={signClass(fold.outOfSampleReturnPercent)}>{fixed(fold.outOfSampleReturnPercent)} %</td><td>{fold.trades}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <MonthlyTable report={report} sample={sample} />

      <div className="bt-scroll">
        <table className="bt-table" aria-label={t('backtest.report.tradeList', { shown: Math.min(TRADES_SHOWN, report.trades.length), total: report.tradesTotal, sample })}>
          <caption>{t('backtest.report.tradeList', { shown: Math.min(TRADES_SHOWN, report.trades.length).toLocaleString(), total: report.tradesTotal.toLocaleString(), sample })}</caption>
          <thead><tr><th>{t('backtest.report.entry')}</th><th>{t('backtest.report.exit')}</th><th>{t('backtest.report.entryPrice')}</th><th>{t('backtest.report.exitPrice')}</th><th>{t('backtest.report.size')}</th><th>{t('backtest.report.pnl')}</th><th>{t('backtest.report.returnPercent')}</th></tr></thead>
          <tbody>
            {report.trades.slice(0, TRADES_SHOWN).map((trade) => (
              <tr key={`${String(trade.entryTimeMs)}-${String(trade.exitTimeMs)}`}>
                <td>{utc(trade.entryTimeMs)}</td><td>{utc(trade.exitTimeMs)}</td><td>{fixed(trade.entryPrice)}</td><td>{fixed(trade.exitPrice)}</td><td>{trade.size}</td><td className={signClass(trade.pnlQuote)}>{fixed(trade.pnlQuote)}</td><td className={signClass(trade.returnPercent)}>{fixed(trade.returnPercent)} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {report.data.notes.length === 0 ? null : (
        <details>
          <summary>{t('backtest.report.notes')}</summary>
          <ul>{report.data.notes.map((note) => <li key={note}>{note}</li>)}</ul>
        </details>
      )}
      <p className="muted">{t('backtest.report.timing', { bars: report.timing.bars.toLocaleString(), seconds: fixed(report.timing.seconds, 3), fingerprint: report.fingerprint })}</p>
      <div className="bt-export">
        <button type="button" onClick={() => void exportAs('html')}>{t('backtest.report.exportHtml')}</button>
        <button type="button" onClick={() => void exportAs('trades-csv')}>{t('backtest.report.exportCsv')}</button>
        <span role="status">
          {exportNotice?.kind === 'saved' ? t('backtest.report.exported', { file: exportNotice.fileName }) : null}
          {exportNotice?.kind === 'error' ? t('backtest.report.exportFailed', { message: exportNotice.message }) : null}
        </span>
      </div>
    </section>
  );
}
