import { useTranslation } from 'react-i18next';
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
  return (
    <Modal open={open} labelledBy="kill-title" onClose={close} tone="danger">
      <h2 id="kill-title">{t('kill.title')}</h2>
      <p>{t('kill.body')}</p>
      <p>{t('kill.after')}</p>
      {error ? <p role="alert" className="error">{errorWords(error, t('kill.refusedInput'))}</p> : null}
      <div className="modal-actions">
        <button type="button" onClick={close} autoFocus>
          {t('actions.cancel')}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void kill()}>
          {t('kill.confirm')}
        </button>
      </div>
    </Modal>
  );
}
