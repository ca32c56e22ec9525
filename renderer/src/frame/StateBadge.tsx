import { useTranslation } from 'react-i18next';
import { botIsUnderWay, type TradingStateSnapshot } from '#core/contract/index.ts';
import { useAppStore } from '../store/appStore.ts';
import { formatLocalTime } from './formatTime.ts';

export function StateBadge({ snapshot }: { snapshot: TradingStateSnapshot }) {
  const { t } = useTranslation();
  const bot = useAppStore((s) => s.botStatus);
  const mode = useAppStore((s) => s.status?.mode);
  // "Active" alone reads as if something were trading; say so when nothing runs.
  const nothingRuns = mode === 'paper' && (bot === null || !botIsUnderWay(bot.phase));
  return (
    <div className="state" data-state={snapshot.state}>
      <span className="state-label">{t('state.label')}</span>
      <strong className="state-name" data-testid="trading-state" title={t(`state.${snapshot.state}_explain`)}>
        {t(`state.${snapshot.state}`)}
      </strong>
      <span className="state-since">{t('state.since', { time: formatLocalTime(snapshot.sinceMs) })}</span>
      {nothingRuns ? <span className="state-since">· {t('state.noBot')}</span> : null}
    </div>
  );
}
