import { useTranslation } from 'react-i18next';
import type { KeyView } from '#core/contract/index.ts';
import { Modal } from '../../frame/Modal.tsx';
import { useKeysStore } from './keysStore.ts';

/** Asks once before a key is erased; reminds that the key still exists on the exchange. */
export function DeleteKeyDialog({ keyView, onClose }: { keyView: KeyView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const deleteKey = useKeysStore((s) => s.deleteKey);
  const busy = useKeysStore((s) => (keyView ? s.busyKeys.includes(keyView.id) : false));
  return (
    <Modal open={keyView !== null} labelledBy="delete-key-title" onClose={onClose} tone="danger">
      {keyView ? (
        <>
          <h2 id="delete-key-title">{t('keys.remove.title', { label: keyView.label })}</h2>
          <p>{t('keys.remove.body', { exchange: t(`keys.exchange.${keyView.exchange}`) })}</p>
          <div className="modal-actions">
            <button type="button" onClick={onClose} autoFocus>{t('actions.cancel')}</button>
            <button type="button" className="danger" disabled={busy} onClick={() => void deleteKey(keyView.id).then(onClose)}>
              {t('keys.remove.confirm')}
            </button>
          </div>
        </>
      ) : null}
    </Modal>
  );
}
