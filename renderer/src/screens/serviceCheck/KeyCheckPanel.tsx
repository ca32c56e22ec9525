import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyExchange, ServiceKeyCheckView } from '#core/contract/index.ts';
import { EXCHANGE_IDS, EXCHANGE_NAMES, EXCHANGES_WITH_PASSPHRASE } from '#core/model/index.ts';
import { errorWords } from '../../errorWords.ts';
import { useAppStore } from '../../store/appStore.ts';
import { ReasonList, VerdictBox } from './Reasons.tsx';
import { useServiceCheckStore } from './serviceCheckStore.ts';

function KeyCheckResult({ check }: { check: ServiceKeyCheckView }) {
  const { t } = useTranslation();
  const exchange = check.exchange === null ? t('serviceCheck.key.unknownExchange') : EXCHANGE_NAMES[check.exchange];
  const detail = [check.source?.endpoint, ...(check.source?.readerNotes ?? []), check.technicalDetail]
    .filter((line): line is string => line !== undefined && line !== '');
  return (
    <section role="status" aria-labelledby="svc-key-verdict" className="svc-result">
      <h3 className="svc-result-title">{t('serviceCheck.key.resultTitle')}</h3>
      <VerdictBox verdict={check.verdict} headingId="svc-key-verdict">
        <ReasonList reasons={check.findings} label={t('serviceCheck.key.resultTitle')} />
      </VerdictBox>
      <p className="svc-muted svc-small">{t('serviceCheck.key.checkedAt', { exchange, atMs: check.checkedAtMs })}</p>
      {detail.length === 0 ? null : (
        <details className="svc-small">
          <summary>{t('serviceCheck.key.technicalDetail')}</summary>
          <ul>{detail.map((line) => <li key={line}>{line}</li>)}</ul>
        </details>
      )}
    </section>
  );
}

const addressesFrom = (typed: string): string[] => typed.split(/[\s,;]+/).map((ip) => ip.trim()).filter((ip) => ip.length > 0);

/**
 * The key someone is about to give a service: pasted into password fields, sent to main once,
 * and the fields emptied at once, so the page holds it no longer than the request.
 */
export function KeyCheckPanel() {
  const { t } = useTranslation();
  const { keyCheck, keyError, checkingKey, checkKey } = useServiceCheckStore();
  const show = useAppStore((s) => s.show);
  const [exchange, setExchange] = useState<KeyExchange>('binance');
  const [apiKey, setApiKey] = useState('');
  const [secret, setSecret] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [addresses, setAddresses] = useState('');
  const needsPassphrase = EXCHANGES_WITH_PASSPHRASE.has(exchange);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const pasted = { exchange, apiKey, secret, ...(needsPassphrase ? { passphrase } : {}), servicePublishedIps: addressesFrom(addresses) };
    setApiKey('');
    setSecret('');
    setPassphrase('');
    void checkKey(pasted);
  };

  return (
    <section className="svc-card" aria-labelledby="svc-key-title">
      <h2 id="svc-key-title">{t('serviceCheck.key.title')}</h2>
      <p>{t('serviceCheck.key.intro')}</p>
      <p className="svc-muted">{t('serviceCheck.key.nothingKept')}</p>
      <form onSubmit={submit} className="svc-key-form" autoComplete="off">
        <label className="field">
          <span>{t('serviceCheck.key.exchange')}</span>
          <select value={exchange} onChange={(e) => { setExchange(e.target.value as KeyExchange); }}>
            {EXCHANGE_IDS.map((id) => <option key={id} value={id}>{EXCHANGE_NAMES[id]}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('serviceCheck.key.apiKey')}</span>
          <input type="password" value={apiKey} onChange={(e) => { setApiKey(e.target.value); }} autoComplete="off" spellCheck={false} />
        </label>
        <label className="field">
          <span>{t('serviceCheck.key.secret')}</span>
          <input type="password" value={secret} onChange={(e) => { setSecret(e.target.value); }} autoComplete="off" spellCheck={false} />
        </label>
        {needsPassphrase ? (
          <label className="field">
            <span>{t('serviceCheck.key.passphrase')}</span>
            <input type="password" value={passphrase} onChange={(e) => { setPassphrase(e.target.value); }} autoComplete="off" spellCheck={false} />
          </label>
        ) : null}
        <label className="field">
          <span>{t('serviceCheck.key.publishedIps')}</span>
          <textarea rows={2} value={addresses} onChange={(e) => { setAddresses(e.target.value); }} spellCheck={false} />
        </label>
        <p className="svc-muted svc-small">{t('serviceCheck.key.publishedIpsHint')}</p>
        <button type="submit" className="primary" disabled={checkingKey}>
          {checkingKey ? t('serviceCheck.key.checking') : t('serviceCheck.key.check')}
        </button>
      </form>
      {keyError === null ? null : <p role="alert" className="error">{t('serviceCheck.key.failed', { message: errorWords(keyError, t('serviceCheck.key.refusedInput')) })}</p>}
      {keyCheck === null ? null : <KeyCheckResult check={keyCheck} />}
      <aside className="svc-own-key">
        <h3>{t('serviceCheck.key.ownKeyTitle')}</h3>
        <p className="svc-muted">{t('serviceCheck.key.ownKeyBody')}</p>
        <button type="button" onClick={() => { show('keys'); }}>{t('serviceCheck.key.ownKeyButton')}</button>
      </aside>
    </section>
  );
}
