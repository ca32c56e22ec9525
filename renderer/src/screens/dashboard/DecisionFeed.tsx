import { useTranslation } from 'react-i18next';
import type { DecisionView } from '#core/contract/index.ts';
import { formatLocalTime } from '../../frame/formatTime.ts';
import { Terms } from '../../glossary/Terms.tsx';

/** The model's probability and top reasons, and the LLM's verdict, under a reviewed entry. */
function DecisionAi({ ai }: { ai: NonNullable<DecisionView['ai']> }) {
  const { t } = useTranslation();
  return (
    <div className="decision-ai">
      {ai.model === undefined ? null : (
        <div data-testid="model-review">
          <strong>{ai.model.probability === null ? t('dashboard.aiNoProbability') : t('dashboard.aiProbability', { percent: (ai.model.probability * 100).toFixed(1) })}</strong>
          {ai.model.factors.length === 0 ? null : (
            <ul aria-label={t('dashboard.aiFactors')}>
              {ai.model.factors.map((factor) => <li key={factor.text}>{factor.text} ({t(factor.raises ? 'dashboard.aiRaises' : 'dashboard.aiLowers')})</li>)}
            </ul>
          )}
        </div>
      )}
      {ai.llm === undefined ? null : (
        <p data-testid="llm-review">
          <strong>{t(`dashboard.aiLlm_${ai.llm.action}`)}</strong>{ai.llm.rationale === null ? null : <span className="muted"> “{ai.llm.rationale}”</span>}
        </p>
      )}
    </div>
  );
}

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
            {decision.ai === undefined ? null : <DecisionAi ai={decision.ai} />}
          </li>
        ))}
      </ol>
    </div>
  );
}
