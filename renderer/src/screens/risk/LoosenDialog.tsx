import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../frame/Modal.tsx';
import { useRiskStore } from './riskStore.ts';

/**
 * Loosening a limit: the consequence in money, then the confirmation typed out. Typing it is the
 * point; main checks the words again, so this dialog cannot be skipped by another caller.
 */
export function LoosenDialog() {
  const { t } = useTranslation();
  const pending = useRiskStore((s) => s.pending);
  const busy = useRiskStore((s) => s.busy);
  const error = useRiskStore((s) => s.confirmError);
  const confirm = useRiskStore((s) => s.confirmLoosening);
  const cancel = useRiskStore((s) => s.cancelLoosening);
  const [typed, setTyped] = useState('');

  const close = () => {
    setTyped('');
    cancel();
  };
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    void confirm(typed).then((done) => {
      if (done) setTyped('');
    });
  };
  const proposal = pending?.proposal;
  const loosening = proposal?.changes.filter((change) => change.direction === 'loosen') ?? [];
  const tightening = proposal?.changes.filter((change) => change.direction === 'tighten') ?? [];

  return (
    <Modal open={pending !== null} labelledBy="loosen-title" onClose={close} tone="danger">
      {proposal ? (
        <form onSubmit={submit}>
          <h2 id="loosen-title">{t('risk.loosen.title')}</h2>
          <p>{t('risk.loosen.intro')}</p>
          <ul className="risk-consequences">
            {loosening.map((change) => <li key={change.field}>{change.consequence}</li>)}
          </ul>
          <p className="risk-basis">{proposal.basis}</p>
          {tightening.length > 0 ? (
            <>
              <p>{t('risk.loosen.tightening')}</p>
              <ul className="risk-consequences" data-tone="tighten">
                {tightening.map((change) => <li key={change.field}>{change.consequence}</li>)}
              </ul>
            </>
          ) : null}
          <label className="field">
            <span>{t('risk.loosen.label', { phrase: proposal.confirmationText })}</span>
            <input type="text" autoComplete="off" spellCheck={false} value={typed} onChange={(event) => { setTyped(event.target.value); }} autoFocus />
          </label>
          {error ? <p role="alert" className="error">{error.message}</p> : null}
          <div className="modal-actions">
            <button type="button" onClick={close}>{t('risk.cancel')}</button>
            <button type="submit" className="danger" disabled={busy}>{t('risk.loosen.confirm')}</button>
          </div>
        </form>
      ) : null}
    </Modal>
  );
}
