import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyView, LiveGateView, Result } from '#core/contract/index.ts';
import { ballast } from '../../ballast.ts';
import { errorWords } from '../../errorWords.ts';
import { Modal } from '../../frame/Modal.tsx';
import { useKeysStore } from './keysStore.ts';

const STATUS_MARK = { pass: '✓', fail: '✕', unknown: '?' } as const;

/**
 * "Start live trading": the gate's checklist, each item with its status, reason and fix. Every
 * check re-reads the key's permissions from the exchange; Start only asks main, which decides.
 */
export function LiveGateDialog({ open, keys, onClose }: { open: boolean; keys: readonly KeyView[]; onClose: () => void }) {
  const { t } = useTranslation();
  const liveStarted = useKeysStore((s) => s.liveStarted);
  const [keyId, setKeyId] = useState<string>('');
  const [typed, setTyped] = useState('');
  const [spotOnly, setSpotOnly] = useState(false);
  /** The person accepts that on this exchange positions are protected only while Ballast runs. */
  const [watchedStops, setWatchedStops] = useState(false);
  /** Ballast's share of the account, as typed; empty means the default. */
  const [share, setShare] = useState('');
  const [gate, setGate] = useState<LiveGateView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notStarted, setNotStarted] = useState(false);
  /** What was typed when the checklist was last read, so a wrong phrase is not called "not typed yet". */
  const [checkedTyped, setCheckedTyped] = useState('');
  const chosen = keys.find((key) => key.id === keyId) ?? keys[0];
  const chosenId = chosen?.id;

  const show = useCallback((result: Result<LiveGateView>) => {
    if (result.ok) {
      setGate(result.value);
      setError(null);
    } else {
      setGate(null);
      setError(errorWords(result.error, t('keys.gate.refusedInput')));
    }
  }, [t]);
  const check = async (id: string, confirmation: string) => {
    setBusy(true);
    setCheckedTyped(confirmation);
    const result = await ballast().getLiveGate({ keyId: id, typedConfirmation: confirmation, spotOnlyConfirmed: spotOnly, watchedStopsAccepted: watchedStops });
    setBusy(false);
    show(result);
  };

  // Opening the dialog (or picking another key) reads the checklist at once; state is set only in the answer's callback.
  useEffect(() => {
    if (!open || chosenId === undefined) return;
    let current = true;
    void ballast().getLiveGate({ keyId: chosenId, typedConfirmation: '' }).then((result) => {
      if (current) show(result);
    });
    return () => { current = false; };
  }, [open, chosenId, show]);

  const close = () => {
    setTyped('');
    setSpotOnly(false);
    setWatchedStops(false);
    setCheckedTyped('');
    setNotStarted(false);
    setGate(null);
    setError(null);
    onClose();
  };
  const start = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    setCheckedTyped(typed);
    const shareQuote = Number(share.replace(',', '.'));
    const result = await ballast().startLive({ keyId: chosen.id, typedConfirmation: typed, spotOnlyConfirmed: spotOnly, watchedStopsAccepted: watchedStops, ...(share.trim() !== '' && shareQuote > 0 ? { shareQuote } : {}) });
    setBusy(false);
    if (!result.ok) { setError(errorWords(result.error, t('keys.gate.refusedInput'))); return; }
    setGate(result.value.gate);
    if (result.value.started) {
      liveStarted(result.value.live);
      close();
    } else setNotStarted(true);
  };

  const failing = gate?.items.filter((item) => item.status !== 'pass').length ?? 0;
  return (
    <Modal open={open} labelledBy="live-gate-title" onClose={close} tone="danger">
      <div className="keys-gate">
        <h2 id="live-gate-title">{t('keys.gate.title')}</h2>
        <p>{t('keys.gate.intro')}</p>
        {keys.length === 0 ? <p className="keys-warn">{t('keys.gate.noLiveKeys')}</p> : (
          <label className="field">
            <span>{t('keys.gate.key')}</span>
            <select value={chosen?.id ?? ''} onChange={(event) => { setNotStarted(false); setKeyId(event.target.value); }}>
              {keys.map((key) => (
                <option key={key.id} value={key.id}>{`${key.label} — ${t(`keys.exchange.${key.exchange}`)} (${key.maskedKeyId})`}</option>
              ))}
            </select>
          </label>
        )}
        {!gate && !error && keys.length > 0 ? <p className="keys-muted">{t('keys.gate.checking')}</p> : null}
        {gate ? (
          <ul className="keys-checklist" aria-label={t('keys.gate.checklist')}>
            {gate.items.map((item) => (
              <li key={item.id} data-status={item.status} aria-label={`${t(`keys.gate.item.${item.id}`)}: ${t(`keys.gate.status.${item.status}`)}`}>
                <span className="keys-mark" aria-hidden="true">{STATUS_MARK[item.status]}</span>
                <div>
                  <strong>{t(`keys.gate.item.${item.id}`)}</strong>
                  <span className="keys-status">{t(`keys.gate.status.${item.status}`)}</span>
                  <p>{item.id === 'confirmation' && item.status !== 'pass' && checkedTyped.trim() !== '' ? t('keys.gate.confirmationWrong') : item.reason}</p>
                  {item.fix ? <p className="keys-fix">{t('keys.gate.fix', { fix: item.fix })}</p> : null}
                </div>
              </li>
            ))}
          </ul>
        ) : null}
        {gate?.canConfirmSpotOnly === true ? (
          <label className="choice">
            <input type="checkbox" checked={spotOnly} onChange={(event) => { setSpotOnly(event.target.checked); }} />
            <span>{t('keys.gate.spotOnly')}</span>
          </label>
        ) : null}
        {gate?.mustAcceptWatchedStops === true ? (
          <label className="choice" data-testid="gate-watched-stops">
            <input type="checkbox" checked={watchedStops} onChange={(event) => { setWatchedStops(event.target.checked); }} />
            <span>{t('keys.gate.watchedStops')}</span>
          </label>
        ) : null}
        {gate ? (
          <label className="field">
            <span>{t('keys.gate.confirmLabel', { phrase: gate.confirmationPhrase })}</span>
            <input type="text" autoComplete="off" spellCheck={false} maxLength={200} value={typed} onChange={(event) => { setTyped(event.target.value); }} />
          </label>
        ) : null}
        {gate ? (
          <label className="field">
            <span>{t('keys.gate.shareLabel', { quote: 'USDT' })}</span>
            <input type="number" inputMode="decimal" min={0} step="any" placeholder="100" value={share} onChange={(event) => { setShare(event.target.value); }} />
            <small className="keys-muted">{t('keys.gate.shareHint')}</small>
          </label>
        ) : null}
        {notStarted && failing > 0 ? <p role="alert" className="error">{t('keys.gate.notStarted', { count: failing })}</p> : null}
        {gate && failing === 0 ? <p role="status" className="keys-notice">{t('keys.gate.allPass')}</p> : null}
        {error ? <p role="alert" className="error">{error}</p> : null}
        <div className="modal-actions">
          <button type="button" onClick={close}>{t('actions.cancel')}</button>
          <button type="button" disabled={busy || !chosen} onClick={() => { if (chosen) void check(chosen.id, typed); }}>{t('keys.gate.checkAgain')}</button>
          <button type="button" className="danger" disabled={busy || !chosen} onClick={() => void start()}>{t('keys.gate.startNow')}</button>
        </div>
      </div>
    </Modal>
  );
}
