import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractErrorPayload, KeyList, PracticeGateView, PracticeStatusView } from '#core/contract/index.ts';
import { ballast } from '../../ballast.ts';
import { errorWords } from '../../errorWords.ts';
import { formatLocalTime } from '../../frame/formatTime.ts';
import { useAppStore } from '../../store/appStore.ts';

const POLL_MS = 2_000;
const STATUS_MARK = { pass: '✓', fail: '✕', unknown: '?', not_applicable: '–' } as const;

/** The mode badge lives in the frame's store; refresh it when practice starts or stops. */
const refreshFrame = (): void => { void useAppStore.getState().load(); };

/**
 * Practice on the exchange's practice site with a test-network key: its checklist, Start and
 * Stop, and the practice bot. Pretend money, the live bot's code path.
 */
export function PracticePanel({ list }: { list: KeyList }) {
  const { t } = useTranslation();
  const testKeys = list.keys.filter((key) => key.environment === 'testnet');
  const [keyId, setKeyId] = useState<string>('');
  const [share, setShare] = useState('');
  const [status, setStatus] = useState<PracticeStatusView | null>(null);
  const [gate, setGate] = useState<PracticeGateView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractErrorPayload | string | null>(null);
  const [notice, setNotice] = useState<'started' | 'stopped' | 'notStarted' | null>(null);
  const chosen = keyId !== '' && testKeys.some((key) => key.id === keyId) ? keyId : (testKeys[0]?.id ?? '');

  useEffect(() => {
    let stopped = false;
    const read = async (): Promise<void> => {
      const result = await ballast().getPracticeStatus();
      if (!stopped && result.ok) setStatus(result.value);
    };
    void read();
    const timer = setInterval(() => { void read(); }, POLL_MS);
    return () => { stopped = true; clearInterval(timer); };
  }, []);

  const shareQuote = (): number | undefined | null => {
    if (share.trim() === '') return undefined;
    const value = Number(share.replace(',', '.'));
    return Number.isFinite(value) && value > 0 ? value : null;
  };

  const check = async (): Promise<void> => {
    setBusy(true); setError(null); setNotice(null);
    const result = await ballast().getPracticeGate({ keyId: chosen });
    setBusy(false);
    if (result.ok) setGate(result.value);
    else setError(result.error);
  };

  const start = async (): Promise<void> => {
    const amount = shareQuote();
    if (amount === null) { setError(t('practice.shareInvalid')); return; }
    setBusy(true); setError(null); setNotice(null);
    const result = await ballast().startPractice({ keyId: chosen, ...(amount === undefined ? {} : { shareQuote: amount }) });
    setBusy(false);
    if (!result.ok) { setError(result.error); return; }
    setGate(result.value.gate);
    setStatus(result.value.practice);
    setNotice(result.value.started ? 'started' : 'notStarted');
    refreshFrame();
  };

  const stop = async (): Promise<void> => {
    setBusy(true); setError(null);
    const result = await ballast().stopPractice();
    setBusy(false);
    if (result.ok) { setStatus(result.value); setNotice('stopped'); }
    else setError(result.error);
    refreshFrame();
  };

  const on = status?.on === true;
  const bot = status?.bot;
  const position = bot?.positions[0];
  return (
    <section className="keys-card keys-practice" data-on={String(on)} aria-labelledby="keys-practice-title">
      <h2 id="keys-practice-title">{t('practice.title')}</h2>
      <p className="keys-muted">{t('practice.intro')}</p>
      {on && status.host !== null ? <p role="status">{t('practice.on', { host: status.host, exchange: t(`keys.exchange.${status.exchange ?? 'binance'}`) })}</p> : <p>{t('practice.off')}</p>}
      {on && status.withdrawRecord ? (
        <p className="keys-muted" data-testid="practice-withdraw-record">{t('practice.withdrawRecord', { host: status.withdrawRecord.host, time: formatLocalTime(status.withdrawRecord.checkedAtMs) })}</p>
      ) : null}
      {notice ? <p role="status" className="keys-notice">{t(`practice.${notice}`)}</p> : null}
      {on && bot && bot.phase !== 'off' ? (
        <div className="live-bot" data-phase={bot.phase}>
          <p className="live-bot-phase">{t(`practice.bot.phase.${bot.phase}`, { strategy: bot.strategyName ?? '', symbol: bot.symbol ?? '', timeframe: bot.timeframe ?? '' })}</p>
          <p data-testid="practice-orders">{t('practice.bot.ordersSent', { count: bot.ordersSent })}</p>
          {position ? (
            <p data-testid="practice-position">
              {t('practice.bot.position', { amountBase: position.amountBase, asset: position.symbol.split('/')[0] ?? '', symbol: position.symbol, protection: t(position.protection === 'protected' ? 'practice.bot.protected' : 'practice.bot.unprotected') })}
            </p>
          ) : null}
        </div>
      ) : null}
      {testKeys.length === 0 ? <p className="keys-muted">{t('practice.noKeys')}</p> : (
        !on ? (
          <div className="keys-form">
            <label>
              <span>{t('practice.keyLabel')}</span>
              <select value={chosen} onChange={(event) => { setKeyId(event.target.value); setGate(null); }}>
                {testKeys.map((key) => <option key={key.id} value={key.id}>{t('practice.keyOption', { label: key.label, exchange: t(`keys.exchange.${key.exchange}`) })}</option>)}
              </select>
            </label>
            <label>
              <span>{t('practice.shareLabel')}</span>
              <input type="text" inputMode="decimal" value={share} onChange={(event) => { setShare(event.target.value); }} />
              <small className="keys-muted">{t('practice.shareHint')}</small>
            </label>
          </div>
        ) : null
      )}
      {busy ? <p className="keys-muted">{t('practice.checking')}</p> : null}
      {error ? <p role="alert" className="error">{typeof error === 'string' ? error : errorWords(error, error.message)}</p> : null}
      {gate && !on ? (
        <>
          <h3>{t('practice.gateTitle')}</h3>
          <ul className="keys-checklist" aria-label={t('practice.gateTitle')}>
            {gate.items.map((item) => (
              <li key={item.id} data-status={item.status} aria-label={`${t(`practice.item.${item.id}`)}: ${t(`practice.status.${item.status}`)}`}>
                <span className="keys-mark" aria-hidden="true">{STATUS_MARK[item.status]}</span>
                <div>
                  <strong>{t(`practice.item.${item.id}`)}</strong>
                  <span className="keys-status">{t(`practice.status.${item.status}`)}</span>
                  <p>{item.reason}</p>
                  {item.fix ? <p className="keys-fix">{t('keys.gate.fix', { fix: item.fix })}</p> : null}
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="keys-actions">
        {on ? <button type="button" disabled={busy} onClick={() => void stop()}>{t('practice.stop')}</button> : (
          testKeys.length > 0 ? (
            <>
              <button type="button" disabled={busy} onClick={() => void check()}>{t('practice.check')}</button>
              <button type="button" className="primary" disabled={busy} onClick={() => void start()}>{t('practice.start')}</button>
            </>
          ) : null
        )}
      </div>
    </section>
  );
}
