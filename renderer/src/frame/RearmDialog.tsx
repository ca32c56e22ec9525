import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorWords } from '../errorWords.ts';
import { useAppStore } from '../store/appStore.ts';
import { Modal } from './Modal.tsx';

export function RearmDialog({ phrase }: { phrase: string }) {
  const { t } = useTranslation();
  const open = useAppStore((s) => s.rearmDialogOpen);
  const busy = useAppStore((s) => s.busy);
  const error = useAppStore((s) => s.actionError);
  const close = useAppStore((s) => s.closeRearmDialog);
  const rearm = useAppStore((s) => s.rearm);
  const [typed, setTyped] = useState('');

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    void rearm(typed).then((done) => {
      if (done) setTyped('');
    });
  };

  return (
    <Modal open={open} labelledBy="rearm-title" onClose={close}>
      <form onSubmit={submit}>
        <h2 id="rearm-title">{t('rearm.title')}</h2>
        <p>{t('rearm.body')}</p>
        <label className="field">
          <span>{t('rearm.label', { phrase })}</span>
          <input
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value);
            }}
            autoFocus
          />
        </label>
        {error ? <p role="alert" className="error">{errorWords(error, t('rearm.mismatch', { phrase }))}</p> : null}
        <div className="modal-actions">
          <button type="button" onClick={close}>
            {t('actions.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('rearm.confirm')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
