import { useTranslation } from 'react-i18next';
import type { BotStatus } from '#core/contract/index.ts';

/** What is running, on which prices, and how far the replay has got. */
export function BotProgress({ status }: { status: BotStatus }) {
  const { t } = useTranslation();
  const percent = status.totalBars > 0 ? Math.round((status.barsProcessed / status.totalBars) * 100) : 0;
  return (
    <div className="card bot-status" data-phase={status.phase}>
      <div className="row spread">
        <div>
          <strong>{status.marketLabel}</strong>
          {status.isSynthetic ? <span className="tag warn-tag">{t('dashboard.syntheticTag')}</span> : null}
          <p className="muted"><span data-testid="bot-phase">{t(`dashboard.phase_${status.phase}`)}</span> · {status.message}</p>
        </div>
        <span className="muted" data-testid="bars-done" data-bars-processed={status.barsProcessed}>
          {status.isLive
            ? t('dashboard.liveBars', { done: status.barsProcessed.toLocaleString() })
            : t('dashboard.bars', { done: status.barsProcessed.toLocaleString(), total: status.totalBars.toLocaleString() })}
        </span>
      </div>
      {status.isLive ? null : <div
        className="progress"
        role="progressbar"
        aria-label={t('dashboard.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <span style={{ width: `${percent}%` }} />
      </div>}
    </div>
  );
}
