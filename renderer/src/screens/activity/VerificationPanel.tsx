import { useTranslation } from 'react-i18next';
import { formatLocalTime } from '../../frame/formatTime.ts';
import { useActivityStore } from './activityStore.ts';

const shortHash = (hash: string): string => `${hash.slice(0, 8)}…${hash.slice(-6)}`;

/** Whether every entry still matches its fingerprint, and if not, the first one that does not. */
export function VerificationPanel() {
  const { t } = useTranslation();
  const verification = useActivityStore((s) => s.verification);
  const verifying = useActivityStore((s) => s.verifying);
  const { verify, showEntry } = useActivityStore.getState();
  const tone = verification === null ? 'unknown' : verification.status === 'intact' ? 'ok' : 'broken';

  return (
    <section className="activity-card activity-check" data-tone={tone} aria-label={t('activity.checkTitle')} aria-busy={verifying}>
      <h2>{t('activity.checkTitle')}</h2>
      <div role="status" data-testid="journal-check">
        {verifying ? <p className="activity-verdict">{t('activity.checking')}</p> : null}
        {!verifying && verification === null ? (
          <>
            <p className="activity-verdict">{t('activity.checkNotYet')}</p>
            <p className="activity-muted">{t('activity.checkNotYetHint')}</p>
          </>
        ) : null}
        {!verifying && verification?.status === 'intact' ? (
          <>
            <p className="activity-verdict">
              <span aria-hidden="true">✓ </span>
              {verification.head === null ? t('activity.intactEmpty') : t('activity.intact', { count: verification.entriesChecked, formatted: verification.entriesChecked.toLocaleString() })}
            </p>
            {verification.head === null ? null : (
              <p className="activity-muted activity-small">
                {t(verification.anchored ? 'activity.intactAnchored' : 'activity.intactHint', { seq: verification.head.seq.toLocaleString(), hash: shortHash(verification.head.hash) })}
              </p>
            )}
            <p className="activity-muted activity-small">{t('activity.checkedAt', { time: formatLocalTime(verification.checkedAtMs) })}</p>
          </>
        ) : null}
        {!verifying && verification?.status === 'broken' ? (
          <>
            <p className="activity-verdict"><span aria-hidden="true">✗ </span>{verification.message}</p>
            <p>{verification.firstBrokenSeq === null ? t('activity.brokenUnreadable') : t('activity.brokenMeaning')}</p>
            <details>
              <summary>{t('activity.technicalDetail')}</summary>
              <p className="activity-mono">{verification.reason}: {verification.detail}</p>
            </details>
          </>
        ) : null}
      </div>
      <div className="activity-actions">
        <button type="button" className={verification === null ? 'primary' : undefined} disabled={verifying} onClick={() => void verify()}>
          {verification === null ? t('activity.verify') : t('activity.verifyAgain')}
        </button>
        {verification?.status === 'broken' && verification.firstBrokenSeq !== null ? (
          <button type="button" onClick={() => void showEntry(verification.firstBrokenSeq ?? 1)}>
            {t('activity.showEntry', { seq: verification.firstBrokenSeq })}
          </button>
        ) : null}
      </div>
    </section>
  );
}
