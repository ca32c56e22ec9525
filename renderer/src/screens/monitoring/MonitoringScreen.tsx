import '../alerts/alerts.css';
import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import { useTranslation } from 'react-i18next';
import type { ContractErrorPayload, MonitoringView } from '#core/contract/index.ts';
import { ballast } from '../../ballast.ts';
import { formatMoney, formatShare } from '../../numberFormat.ts';
import { useAppStore } from '../../store/appStore.ts';
import { CHART_COLORS } from '../dashboard/chartTheme.ts';
import { SeriesChart, type ChartLine } from './SeriesChart.tsx';

const useMonitoringStore = create<{ view: MonitoringView | null; error: ContractErrorPayload | null; load: () => Promise<void> }>()((set) => ({
  view: null,
  error: null,
  async load() {
    const result = await ballast().getMonitoring();
    set(result.ok ? { view: result.value, error: null } : { error: result.error });
  },
}));

const LIMIT_COLOR = '#f85149';
const pct = (fraction: number): number => fraction * 100;

/** The limit as a flat line over the same span as the series it caps. */
function limitLine(title: string, points: readonly { atMs: number }[], value: number): ChartLine {
  const first = points[0];
  const last = points[points.length - 1];
  return { title, color: LIMIT_COLOR, dashed: true, points: first === undefined || last === undefined ? [] : [{ atMs: first.atMs, value }, { atMs: last.atMs, value }] };
}

/**
 * The paper bot over time, after fees and slippage: account value against buy-and-hold, P&L,
 * exposure and drawdown against the person's limits, the share of orders refused, and slippage.
 */
export function MonitoringScreen() {
  const { t } = useTranslation();
  const view = useMonitoringStore((s) => s.view);
  const error = useMonitoringStore((s) => s.error);
  const load = useMonitoringStore((s) => s.load);
  // The bot moving on (bars processed) is when the series grow.
  const progress = useAppStore((s) => s.botStatus?.barsProcessed);
  useEffect(() => {
    void useMonitoringStore.getState().load();
  }, [progress]);

  const charts = useMemo(() => {
    if (view === null) return null;
    const { points, samples, limits } = view;
    const line = (title: string, color: string, pick: (point: MonitoringView['points'][number]) => number, dashed = false): ChartLine => ({
      title, color, dashed, points: points.map((point) => ({ atMs: point.atMs, value: pick(point) })),
    });
    return {
      equity: [line(t('monitoring.equityLine'), CHART_COLORS.equity, (p) => p.equityQuote), line(t('monitoring.holdLine'), CHART_COLORS.buyAndHold, (p) => p.buyAndHoldQuote, true)],
      pnl: [line(t('monitoring.pnlLine'), CHART_COLORS.equity, (p) => p.pnlQuote)],
      exposure: [line(t('monitoring.exposureLine'), CHART_COLORS.buy, (p) => pct(p.exposureFraction)), limitLine(t('monitoring.limitLine'), points, pct(limits.maxExposureFraction))],
      drawdown: [line(t('monitoring.drawdownLine'), CHART_COLORS.sell, (p) => pct(p.drawdownFraction)), limitLine(t('monitoring.limitLine'), points, pct(limits.maxDrawdownFraction))],
      errors: [{ title: t('monitoring.errorsLine'), color: CHART_COLORS.sell, points: samples.map((s) => ({ atMs: s.atMs, value: pct(s.errorRate) })) }],
      slippage: [{ title: t('monitoring.slippageLine'), color: CHART_COLORS.overlays[1], points: samples.flatMap((s) => (s.slippageBps === null ? [] : [{ atMs: s.atMs, value: s.slippageBps }])) }],
    };
  }, [view, t]);

  const last = view?.points[view.points.length - 1];
  const asset = view?.quoteAsset ?? '';
  return (
    <div className="monitoring-screen">
      <h1>{t('monitoring.title')}</h1>
      <p className="alerts-lead">{t(view?.mode === 'live' ? 'monitoring.leadLive' : 'monitoring.lead')}</p>
      <button type="button" onClick={() => void load()}>{t('monitoring.refresh')}</button>
      {error === null ? null : <p role="alert" className="error">{t('monitoring.loadFailed', { message: error.message })}</p>}
      {view !== null && view.points.length === 0 ? <p className="alerts-muted">{t('monitoring.empty')}</p> : null}
      {view === null || charts === null || view.points.length === 0 ? null : (
        <>
          <p className="alerts-muted">{view.basis}</p>
          <div className="monitoring-grid">
            <section className="alerts-card">
              <h2>{t('monitoring.equity')}</h2>
              <SeriesChart lines={charts.equity} label={t('monitoring.equity')} testId="monitoring-equity" />
              {last === undefined ? null : <p className="monitoring-now">{t('monitoring.now', { value: `${formatMoney(last.equityQuote, asset)} · ${formatMoney(last.buyAndHoldQuote, asset)}` })}</p>}
            </section>
            <section className="alerts-card">
              <h2>{t('monitoring.pnl', { asset })}</h2>
              <SeriesChart lines={charts.pnl} label={t('monitoring.pnl', { asset })} testId="monitoring-pnl" />
              {last === undefined ? null : <p className="monitoring-now">{t('monitoring.now', { value: formatMoney(last.pnlQuote, asset) })}</p>}
            </section>
            <section className="alerts-card">
              <h2>{t('monitoring.exposure', { limit: formatShare(pct(view.limits.maxExposureFraction)) })}</h2>
              <SeriesChart lines={charts.exposure} label={t('monitoring.exposure', { limit: formatShare(pct(view.limits.maxExposureFraction)) })} testId="monitoring-exposure" />
              {last === undefined ? null : <p className="monitoring-now">{t('monitoring.now', { value: formatShare(pct(last.exposureFraction)) })}</p>}
            </section>
            <section className="alerts-card">
              <h2>{t('monitoring.drawdown', { limit: formatShare(pct(view.limits.maxDrawdownFraction)) })}</h2>
              <SeriesChart lines={charts.drawdown} label={t('monitoring.drawdown', { limit: formatShare(pct(view.limits.maxDrawdownFraction)) })} testId="monitoring-drawdown" />
              {last === undefined ? null : <p className="monitoring-now">{t('monitoring.now', { value: formatShare(pct(last.drawdownFraction)) })}</p>}
            </section>
            <section className="alerts-card">
              <h2>{t('monitoring.errors')}</h2>
              {view.samples.length === 0 ? <p className="alerts-muted">{t(view.mode === 'live' ? 'monitoring.notMeasuredLive' : 'monitoring.noSamples')}</p> : <SeriesChart lines={charts.errors} label={t('monitoring.errors')} testId="monitoring-errors" />}
            </section>
            <section className="alerts-card">
              <h2>{t('monitoring.slippage')}</h2>
              {charts.slippage[0]?.points.length === 0 ? <p className="alerts-muted">{t(view.mode === 'live' ? 'monitoring.notMeasuredLive' : 'monitoring.noSamples')}</p> : <SeriesChart lines={charts.slippage} label={t('monitoring.slippage')} testId="monitoring-slippage" />}
            </section>
          </div>
        </>
      )}
    </div>
  );
}
