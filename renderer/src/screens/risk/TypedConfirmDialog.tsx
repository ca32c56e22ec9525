import { useState, type ReactNode, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractErrorPayload } from '#core/contract/index.ts';
import { errorWords } from '../../errorWords.ts';
import { Modal } from '../../frame/Modal.tsx';

interface TypedConfirmDialogProps {
  readonly open: boolean;
  readonly titleId: string;
  readonly title: string;
  /** The consequence, in money, above the confirmation field. */
  readonly children: ReactNode;
  readonly phrase: string;
  readonly confirmLabel: string;
  readonly busy: boolean;
  readonly error: ContractErrorPayload | null;
  /** Resolves true when main accepted the words and did it. */
  readonly onConfirm: (typed: string) => Promise<boolean>;
  readonly onCancel: () => void;
}

/**
 * A step that allows more risk: the consequence, then the words typed out. Typing them is the
 * point; main checks them again, so the dialog cannot be skipped by another caller.
 */
export function TypedConfirmDialog(props: TypedConfirmDialogProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');

  const close = () => {
    setTyped('');
    props.onCancel();
  };
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    void props.onConfirm(typed).then((done) => {
      if (done) setTyped('');
    });
  };

  return (
    <Modal open={props.open} labelledBy={props.titleId} onClose={close} tone="danger">
      {props.open ? (
        <form onSubmit={submit}>
          <h2 id={props.titleId}>{props.title}</h2>
          {props.children}
          <label className="field">
            <span>{t('risk.typePhrase', { phrase: props.phrase })}</span>
            <input type="text" autoComplete="off" spellCheck={false} maxLength={200} value={typed} onChange={(event) => { setTyped(event.target.value); }} autoFocus />
          </label>
          {props.error ? <p role="alert" className="error">{errorWords(props.error, t('risk.edit.typedMismatch', { phrase: props.phrase }))}</p> : null}
          <div className="modal-actions">
            <button type="button" onClick={close}>{t('risk.cancel')}</button>
            <button type="submit" className="danger" disabled={props.busy}>{props.confirmLabel}</button>
          </div>
        </form>
      ) : null}
    </Modal>
  );
}
