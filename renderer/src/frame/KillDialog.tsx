import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveKillChoice } from '#core/contract/index.ts';
import { errorWords } from '../errorWords.ts';
import { useAppStore } from '../store/appStore.ts';
import { Modal } from './Modal.tsx';

export function KillDialog() {
  const { t } = useTranslation();
  const open = useAppStore((s) => s.killDialogOpen);
  const busy = useAppStore((s) => s.busy);
  const error = useAppStore((s) => s.actionError);
  const close = useAppStore((s) => s.closeKillDialog);
  const kill = useAppStore((s) => s.kill);
  // Practice on an exchange's practice site runs the live bot: the same choice about its stops.
  const isLive = useAppStore((s) => s.status?.mode === 'live' || s.status?.mode === 'testnet');
  const [choice, setChoice] = useState<LiveKillChoice>('keep_stops');
  return (
    <Modal open={open} labelledBy="kill-title" onClose={close} tone="danger">
      <h2 id="kill-title">{t('kill.title')}</h2>
      <p>{t(isLive ? 'kill.live.body' : 'kill.body')}</p>
      {isLive ? (
        <fieldset className="kill-choices">
          <legend>{t('kill.live.legend')}</legend>
          {(['keep_stops', 'sell_everything'] as const).map((option) => (
            <label key={option}>
              <input type="radio" name="kill-choice" value={option} checked={choice === option} onChange={() => { setChoice(option); }} />
              <span>
                <strong>{t(`kill.live.${option}`)}</strong>
                <small>{t(`kill.live.${option}Hint`)}</small>
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <p>{t('kill.after')}</p>
      {error ? <p role="alert" className="error">{errorWords(error, t('kill.refusedInput'))}</p> : null}
      <div className="modal-actions">
        <button type="button" onClick={close} autoFocus>
          {t('actions.cancel')}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void kill(isLive ? choice : undefined)}>
          {t('kill.confirm')}
        </button>
      </div>
    </Modal>
  );
}
