import { useTranslation } from 'react-i18next';
import type { IpAllowlistChoice, KeyEncryptionView, PendingKeyView } from '#core/contract/index.ts';
import { formatLocalTime } from '../../../frame/formatTime.ts';
import { PassphraseForm } from '../PassphraseForm.tsx';
import { IpDecision } from './IpDecision.tsx';
import { PermissionLines } from './PermissionLines.tsx';

const VERDICT_TEXT = {
  'safe': { title: 'keys.wizard.result.safeTitle', body: 'keys.wizard.result.safeBody' },
  'can-withdraw': { title: 'keys.wizard.result.withdrawTitle', body: 'keys.wizard.result.withdrawBody' },
  'unknown': { title: 'keys.wizard.result.unknownTitle', body: 'keys.wizard.result.unknownBody' },
} as const;

interface CheckResultCardProps {
  readonly pending: PendingKeyView;
  readonly encryption: KeyEncryptionView | null;
  readonly ipChoice: IpAllowlistChoice | null;
  readonly onIpChoice: (choice: IpAllowlistChoice) => void;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onCheckAgain: () => void;
  readonly onPasteAgain: () => void;
  readonly onSave: () => void;
}

/** Step 4: what the exchange said, in plain words, and — only for a safe key — Save. */
export function CheckResultCard(props: CheckResultCardProps) {
  const { t } = useTranslation();
  const { pending } = props;
  const { check } = pending;
  const text = VERDICT_TEXT[check.verdict];
  const ipRestricted = check.permissions.ipRestricted;
  const decided = ipRestricted === true || props.ipChoice !== null;
  const encryption = pending.environment === 'live' && props.encryption !== null && !props.encryption.liveKeysAllowed ? props.encryption : null;
  const needsPassphrase = encryption !== null;
  const cannotTrade = check.verdict === 'safe' && check.permissions.canTrade === false;

  return (
    <div>
      <section className="keys-result" data-verdict={check.verdict} role="status" aria-labelledby="keys-result-title">
        <h3 id="keys-result-title">{t(text.title)}</h3>
        <p className="keys-muted keys-small">
          {t('keys.wizard.result.which', {
            exchange: t(`keys.exchange.${pending.exchange}`), environment: t(`keys.environment.${pending.environment}`), maskedKeyId: pending.maskedKeyId,
          })}
        </p>
        <p className="keys-result-body">{t(text.body)}</p>
        {check.verdict === 'unknown' && check.fix ? <p>{t('keys.wizard.result.whatToDo', { fix: check.fix })}</p> : null}
        <PermissionLines permissions={check.permissions} />
        {pending.practiceSite ? (
          <p className="keys-callout" data-tone={pending.practiceSite.answer === 'accepted' ? 'ok' : 'warn'} data-testid="practice-site-answer">
            {t(`practice.wizard.${pending.practiceSite.answer}`, { host: pending.practiceSite.host })}
          </p>
        ) : null}
        {check.permissions.problems.length > 0 ? (
          <>
            <h4>{t('keys.wizard.result.exchangeNotes')}</h4>
            <ul className="keys-notes">{check.permissions.problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>
          </>
        ) : null}
        {check.technicalDetail ? (
          <details className="keys-technical">
            <summary>{t('keys.wizard.result.technical')}</summary>
            <p>{t('keys.wizard.result.askedFor', { endpoint: check.endpoint })}</p>
            <code>{check.technicalDetail}</code>
          </details>
        ) : null}
      </section>
      {cannotTrade ? <p className="keys-warn">{t('keys.wizard.result.noTrade')}</p> : null}
      {pending.canSave ? (
        <IpDecision exchange={pending.exchange} ipRestricted={ipRestricted} choice={props.ipChoice} onChoice={props.onIpChoice} />
      ) : null}
      {pending.canSave && encryption ? (
        <div className="keys-callout" data-tone="warn">
          {encryption.state === 'passphrase-locked' ? <p>{t('keys.wizard.weakStorageLocked')}</p> : (
            <>
              <p>{t('keys.wizard.weakStorage')}</p>
              <PassphraseForm unlock={false} minLength={encryption.passphraseMinLength} />
            </>
          )}
        </div>
      ) : null}
      {props.error ? <p role="alert" className="error">{props.error}</p> : null}
      {pending.canSave && !decided ? <p className="keys-muted">{t('keys.wizard.ip.needed')}</p> : null}
      <p className="keys-muted">{t('keys.wizard.result.expires', { time: formatLocalTime(pending.expiresAtMs) })}</p>
      <div className="keys-actions">
        {/* A key the exchange did not confirm is most often mistyped: entering it again comes first. */}
        <button type="button" className={check.verdict === 'unknown' ? 'primary' : undefined} onClick={props.onPasteAgain}>{t('keys.wizard.result.pasteAgain')}</button>
        <button type="button" className={pending.canSave || check.verdict === 'unknown' ? undefined : 'primary'} disabled={props.busy} onClick={props.onCheckAgain}>
          {t('keys.wizard.result.checkAgain')}
        </button>
        {pending.canSave ? (
          <button type="button" className="primary" disabled={props.busy || !decided || needsPassphrase} onClick={props.onSave}>
            {props.busy ? t('keys.wizard.result.saving') : t('keys.wizard.result.save')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
