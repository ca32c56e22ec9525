import { useTranslation } from 'react-i18next';
import type { TradingStateSnapshot } from '#core/contract/index.ts';
import { formatLocalTime } from './formatTime.ts';

export function StateBadge({ snapshot }: { snapshot: TradingStateSnapshot }) {
  const { t } = useTranslation();
  return (
    <div className="state" data-state={snapshot.state}>
      <span className="state-label">{t('state.label')}</span>
      <strong className="state-name" data-testid="trading-state" title={t(`state.${snapshot.state}_explain`)}>
        {t(`state.${snapshot.state}`)}
      </strong>
      <span className="state-since">{t('state.since', { time: formatLocalTime(snapshot.sinceMs) })}</span>
    </div>
  );
}
