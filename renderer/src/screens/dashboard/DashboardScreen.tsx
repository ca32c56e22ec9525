import './dashboard.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/appStore.ts';
import { useBotStore } from '../../store/botStore.ts';
import { Terms } from '../../glossary/Terms.tsx';
import { AlertList } from './AlertList.tsx';
import { BotProgress } from './BotProgress.tsx';
import { DecisionFeed } from './DecisionFeed.tsx';
import { EquityChart } from './EquityChart.tsx';
import { PriceChart } from './PriceChart.tsx';
import { SummaryCards } from './SummaryCards.tsx';
import { TradingTables } from './TradingTables.tsx';

export function DashboardScreen() {
  const { t } = useTranslation();
  const snapshot = useBotStore((s) => s.snapshot);
  const dashboardError = useBotStore((s) => s.dashboardError);
  const show = useAppStore((s) => s.show);

  useEffect(() => {
    const { refresh, subscribe } = useBotStore.getState();
    const unsubscribe = subscribe();
    void refresh();
    return unsubscribe;
  }, []);

  if (!snapshot || snapshot.status.phase === 'idle') {
    return (
      <section className="screen" aria-labelledby="screen-dashboard">
        <h1 id="screen-dashboard">{t('dashboard.title')}</h1>
        {dashboardError ? <p role="alert" className="error">{t('dashboard.readFailed', { message: dashboardError.message })}</p> : null}
        <div className="card empty">
          <p>{t('dashboard.empty')}</p>
          <button type="button" className="primary" onClick={() => { show('paper'); }}>{t('dashboard.startPaper')}</button>
        </div>
        <AlertList />
      </section>
    );
  }

  const { status, quoteAsset } = snapshot;
  return (
    <section className="screen dashboard" aria-labelledby="screen-dashboard">
      <h1 id="screen-dashboard">{t('dashboard.title')}</h1>
      <BotProgress status={status} />
      {dashboardError ? <p role="alert" className="error">{t('dashboard.readFailed', { message: dashboardError.message })}</p> : null}
      {snapshot.summary ? <SummaryCards summary={snapshot.summary} quoteAsset={quoteAsset} /> : null}
      {snapshot.summary ? <Terms ids={['buyAndHold', 'inSample', 'slippage', 'usdt']} /> : null}
      <div className="card">
        <h2>{t('dashboard.priceTitle', { symbol: status.config?.symbol ?? '' })}</h2>
        <PriceChart candles={snapshot.candles} overlays={snapshot.overlays} markers={snapshot.markers} label={t('dashboard.priceChartLabel')} />
        <p className="legend muted">{t('dashboard.markersLegend')}</p>
      </div>
      <div className="card">
        <h2>{t('dashboard.equityTitle')}</h2>
        <EquityChart
          points={snapshot.equity}
          label={t('dashboard.equityChartLabel')}
          equityTitle={t('dashboard.equityLine')}
          buyAndHoldTitle={t('dashboard.buyAndHoldLine')}
        />
      </div>
      <div className="columns">
        <DecisionFeed decisions={snapshot.decisions} />
        <div className="stack">
          <TradingTables snapshot={snapshot} />
          <AlertList />
        </div>
      </div>
    </section>
  );
}
