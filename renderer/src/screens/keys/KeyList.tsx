import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyList as KeyListView, KeyView } from '#core/contract/index.ts';
import { DeleteKeyDialog } from './DeleteKeyDialog.tsx';
import { KeyCard } from './KeyCard.tsx';
import { useKeysStore } from './keysStore.ts';

/** The saved keys, and records that could not be read (listed so they can be deleted). */
export function KeyList({ list, onReplace }: { list: KeyListView; onReplace: (key: KeyView) => void }) {
  const { t } = useTranslation();
  const deleteKey = useKeysStore((s) => s.deleteKey);
  const [deleting, setDeleting] = useState<KeyView | null>(null);
  return (
    <section aria-labelledby="keys-list-title">
      <h2 id="keys-list-title">{t('keys.list.title')}</h2>
      {list.keys.length === 0 && list.damaged.length === 0 ? <p className="keys-muted">{t('keys.list.empty')}</p> : null}
      <ul className="keys-list">
        {list.keys.map((key) => (
          <KeyCard key={key.id} keyView={key} onReplace={() => { onReplace(key); }} onDelete={() => { setDeleting(key); }} />
        ))}
        {list.damaged.map((damaged) => (
          <li key={damaged.id} className="keys-card keys-key" data-damaged="true">
            <p role="alert" className="error">{t('keys.list.damaged', { reason: damaged.reason })}</p>
            <button type="button" onClick={() => void deleteKey(damaged.id)}>{t('keys.list.deleteDamaged')}</button>
          </li>
        ))}
      </ul>
      <DeleteKeyDialog keyView={deleting} onClose={() => { setDeleting(null); }} />
    </section>
  );
}
