import { useTranslation } from 'react-i18next';
import type { DecisionView } from '#core/contract/index.ts';
import { formatLocalTime } from '../../frame/formatTime.ts';
import { Terms } from '../../glossary/Terms.tsx';

/** Why each decision was made and how the risk layer shaped it, newest first. */
export function DecisionFeed({ decisions }: { decisions: readonly DecisionView[] }) {
  const { t } = useTranslation();
  return (
    <div className="card feed">
      <h2>{t('dashboard.decisionsTitle')}</h2>
      {decisions.length === 0 ? <p className="muted">{t('dashboard.noDecisions')}</p> : null}
      <Terms ids={['score', 'fill']} />
      <ol aria-label={t('dashboard.decisionsTitle')}>
        {decisions.map((decision, index) => (
          <li key={`${decision.atMs}-${index}`} data-outcome={decision.outcome}>
            <time className="muted">{formatLocalTime(decision.atMs)}</time>
            <span className="outcome">{t(`dashboard.outcome_${decision.outcome}`)}</span>
            <p>{decision.text}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
