import { useTranslation } from 'react-i18next';
import type { PerformanceSummary } from '#core/contract/index.ts';
import { formatMoney, formatPercent, formatShare, formatSignedMoney } from '../../numberFormat.ts';

/** Headline figures, always after fees and slippage, always next to buy-and-hold. */
export function SummaryCards({ summary, quoteAsset }: { summary: PerformanceSummary; quoteAsset: string }) {
  const { t } = useTranslation();
  const cards = [
    { key: 'equity', value: formatMoney(summary.equityQuote, quoteAsset), note: t('dashboard.startedWith', { amount: formatMoney(summary.startingQuote, quoteAsset) }) },
    { key: 'return', value: formatPercent(summary.returnPct), note: t('dashboard.buyAndHold', { value: formatPercent(summary.buyAndHoldReturnPct) }) },
    {
      key: 'exposure',
      value: formatShare(summary.averageExposurePct),
      note: t('dashboard.exposureNote', { time: formatShare(summary.timeInMarketPct) }),
    },
    { key: 'pnl', value: formatSignedMoney(summary.realisedPnlQuote + summary.unrealisedPnlQuote, quoteAsset), note: t('dashboard.pnlSplit', { realised: formatSignedMoney(summary.realisedPnlQuote, quoteAsset), open: formatSignedMoney(summary.unrealisedPnlQuote, quoteAsset) }) },
    { key: 'fees', value: formatMoney(summary.feesPaidQuote, quoteAsset), note: t('dashboard.roundTrips', { count: summary.roundTrips }) },
    { key: 'drawdown', value: formatPercent(-Math.abs(summary.maxDrawdownPct)), note: t('dashboard.drawdownNote') },
  ];
  return (
    <div className="summary" aria-label={t('dashboard.summaryLabel')}>
      {cards.map((card) => (
        <div className="card stat" key={card.key} data-testid={`stat-${card.key}`}>
          <span className="stat-label">{t(`dashboard.stat_${card.key}`)}</span>
          <strong className="stat-value">{card.value}</strong>
          <small className="muted">{card.note}</small>
        </div>
      ))}
      <p className="basis muted">{summary.basis}</p>
    </div>
  );
}
