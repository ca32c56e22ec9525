import { useTranslation } from 'react-i18next';
import type { TradingStatusView } from '#core/contract/index.ts';
import { errorWords } from '../../errorWords.ts';
import { Terms } from '../../glossary/Terms.tsx';
import { useRiskStore } from './riskStore.ts';

/** The drawdown check's id, as the core reports it. */
const DRAWDOWN_TRIGGER = 'drawdown';

/** Why safe mode is on and which automatic checks are still tripped (leaving it is in the frame's banner). */
const TRIGGER_EFFECT = { KILLED: 'risk.status.triggerKills', PAUSED: 'risk.status.triggerPauses', SAFE_MODE: 'risk.status.triggerSafeMode' } as const;

export function SafetyChecks({ status }: { status: TradingStatusView }) {
  const { t } = useTranslation();
  const tripped = status.activeTriggers;
  const cause = status.safeModeCause;
  const busy = useRiskStore((s) => s.busy);
  const proposeReset = useRiskStore((s) => s.proposeReset);
  const resetError = useRiskStore((s) => s.resetProposal === null ? s.resetError : null);
  const resetDone = useRiskStore((s) => s.resetDone);
  return (
    <section className="risk-card" aria-labelledby="risk-checks-title" data-tone={tripped.length > 0 ? 'warn' : 'ok'}>
      <h2 id="risk-checks-title">{t('risk.status.title')}</h2>
      {/* The cause is said once: as the reason for safe mode, or in the list of checks still tripped. */}
      {cause !== null && !tripped.some((trigger) => trigger.cause.message === cause.message) ? <p>{t('risk.status.safeModeBecause', { cause: cause.message })}</p> : null}
      {tripped.length === 0 ? (
        <p className="risk-muted">{t('risk.status.allClear')}</p>
      ) : (
        <>
          <p>{t('risk.status.tripped')}</p>
          <ul className="risk-triggers">
            {tripped.map((trigger) => (
              <li key={trigger.triggerId}>
                {trigger.cause.message}{' '}
                <span className="risk-chip">{t(TRIGGER_EFFECT[trigger.action])}</span>
              </li>
            ))}
          </ul>
          <Terms ids={tripped.some((trigger) => trigger.action === 'SAFE_MODE') ? ['reduceOnly'] : []} />
          {tripped.some((trigger) => trigger.triggerId === DRAWDOWN_TRIGGER) ? (
            <div className="risk-reset">
              <p className="risk-muted">{t('risk.reset.explain')}</p>
              <button type="button" disabled={busy} onClick={() => void proposeReset()}>{t('risk.reset.open')}</button>
            </div>
          ) : null}
        </>
      )}
      {resetError ? <p role="alert" className="error">{errorWords(resetError, t('risk.edit.refusedInput'))}</p> : null}
      {resetDone ? <p className="risk-saved" role="status">{resetDone}</p> : null}
    </section>
  );
}
