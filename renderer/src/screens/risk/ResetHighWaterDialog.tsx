import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../frame/Modal.tsx';
import { useRiskStore } from './riskStore.ts';

/**
 * Measuring drawdown from today's value: it accepts the loss so far and allows more, so the
 * consequence is given in money and the words are typed out; main checks them again.
 */
export function ResetHighWaterDialog() {
  const { t } = useTranslation();
  const proposal = useRiskStore((s) => s.resetProposal);
  const busy = useRiskStore((s) => s.busy);
  const error = useRiskStore((s) => s.resetError);
  const confirm = useRiskStore((s) => s.confirmReset);
  const cancel = useRiskStore((s) => s.cancelReset);
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

  return (
    <Modal open={proposal !== null} labelledBy="reset-hwm-title" onClose={close} tone="danger">
      {proposal ? (
        <form onSubmit={submit}>
          <h2 id="reset-hwm-title">{t('risk.reset.title')}</h2>
          <p>{t('risk.reset.intro')}</p>
          <ul className="risk-consequences">
            <li>{proposal.consequence}</li>
          </ul>
          <p className="risk-basis">{t('risk.reset.afterwards')}</p>
          <label className="field">
            <span>{t('risk.reset.label', { phrase: proposal.confirmationText })}</span>
            <input type="text" autoComplete="off" spellCheck={false} value={typed} onChange={(event) => { setTyped(event.target.value); }} autoFocus />
          </label>
          {error ? <p role="alert" className="error">{error.message}</p> : null}
          <div className="modal-actions">
            <button type="button" onClick={close}>{t('risk.cancel')}</button>
            <button type="submit" className="danger" disabled={busy}>{t('risk.reset.confirm')}</button>
          </div>
        </form>
      ) : null}
    </Modal>
  );
}
