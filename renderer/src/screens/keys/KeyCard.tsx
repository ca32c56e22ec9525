import { useTranslation } from 'react-i18next';
import type { KeyView } from '#core/contract/index.ts';
import { errorWords } from '../../errorWords.ts';
import { formatLocalTime } from '../../frame/formatTime.ts';
import { expiryTone } from './keyExpiry.ts';
import { useKeysStore } from './keysStore.ts';

function withdrawLine(key: KeyView): { tone: 'safe' | 'danger' | 'unknown'; text: string } {
  if (!key.permissions) return { tone: 'unknown', text: 'keys.list.neverChecked' };
  // A practice-site key: its funds are pretend, and it can never be used for live trading.
  if (key.environment === 'testnet' && key.permissions.canWithdraw !== true) return { tone: 'safe', text: 'practice.keyCard' };
  if (key.permissions.withdrawOff) return { tone: 'safe', text: 'keys.list.withdrawOff' };
  return key.permissions.canWithdraw === true
    ? { tone: 'danger', text: 'keys.list.withdrawOn' }
    : { tone: 'unknown', text: 'keys.list.withdrawUnknown' };
}

/** One saved key: what it is, how old, what the exchange last said, and what can be done with it. */
export function KeyCard({ keyView, onReplace, onDelete }: { keyView: KeyView; onReplace: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  const busy = useKeysStore((s) => s.busyKeys.includes(keyView.id));
  const check = useKeysStore((s) => s.checks[keyView.id]);
  const listError = useKeysStore((s) => (s.listError?.keyId === keyView.id ? s.listError.error : null));
  const reverify = useKeysStore((s) => s.reverify);
  const withdraw = withdrawLine(keyView);
  const ip = keyView.permissions?.ipRestricted;
  const decision = keyView.ipAllowlistDecision;
  const titleId = `key-${keyView.id}`;

  return (
    <li className="keys-card keys-key" aria-labelledby={titleId}>
      <div className="keys-key-head">
        <h3 id={titleId}>{keyView.label}</h3>
        <span className="keys-chip">{t(`keys.exchange.${keyView.exchange}`)}</span>
        <span className="keys-chip" data-env={keyView.environment}>{t(`keys.environment.${keyView.environment}`)}</span>
        {keyView.inLiveUse ? <span className="keys-chip" data-live="true">{t('keys.list.inLiveUse')}</span> : null}
      </div>
      <p className="keys-muted">
        {t('keys.list.maskedId', { id: keyView.maskedKeyId })} · {t('keys.list.savedOn', { date: formatLocalTime(keyView.savedAtMs) })} ·{' '}
        {keyView.ageDays === 0 ? t('keys.list.ageToday') : t('keys.list.age', { count: keyView.ageDays })}
      </p>
      <ul className="keys-facts">
        <li data-tone={withdraw.tone}>{t(withdraw.text)}</li>
        {keyView.permissions ? <li className="keys-muted">{t('keys.list.lastCheck', { date: formatLocalTime(keyView.permissions.checkedAtMs) })}</li> : null}
        {ip === true ? <li data-tone="safe">{t('keys.list.ipRestricted')}</li> : null}
        {ip !== true && decision?.choice === 'declined' ? (
          <li data-tone="unknown">{t('keys.list.ipChoseUnrestricted', { date: formatLocalTime(decision.decidedAtMs) })}</li>
        ) : null}
        {ip === false && decision?.choice !== 'declined' ? <li data-tone="unknown">{t('keys.list.ipNotRestricted')}</li> : null}
        {keyView.permissions?.keyExpiresAtMs === undefined ? null : (
          <li data-tone={expiryTone(keyView.expiresInDays ?? 0)}>
            {t('keys.list.expires', { exchange: t(`keys.exchange.${keyView.exchange}`), date: formatLocalTime(keyView.permissions.keyExpiresAtMs) })}
          </li>
        )}
        {keyView.rotation !== 'fresh' ? <li data-tone={keyView.rotation === 'rotate-now' ? 'danger' : 'unknown'}>{t(`keys.list.rotate.${keyView.rotation}`)}</li> : null}
        {keyView.storage !== 'ready' ? <li data-tone="danger">{t(`keys.list.storage.${keyView.storage}`)}</li> : null}
      </ul>
      {check ? <p role="status" className="keys-check-now" data-verdict={check.verdict}>{t('keys.list.checkedNow', { reason: check.reason })}</p> : null}
      {listError ? <p role="alert" className="error">{errorWords(listError, t('keys.list.refusedInput'))}</p> : null}
      <div className="keys-actions">
        <button type="button" disabled={busy} onClick={() => void reverify(keyView.id)}>
          {busy ? t('keys.list.checking') : t('keys.list.checkAgain')}
        </button>
        <button type="button" disabled={busy} onClick={onReplace}>{t('keys.list.replace')}</button>
        <button type="button" className="keys-danger-outline" disabled={busy || keyView.inLiveUse} onClick={onDelete}>{t('keys.list.delete')}</button>
      </div>
    </li>
  );
}
