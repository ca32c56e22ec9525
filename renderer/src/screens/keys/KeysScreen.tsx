import './keys.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyView } from '#core/contract/index.ts';
import { EncryptionPanel } from './EncryptionPanel.tsx';
import { KeyList } from './KeyList.tsx';
import { LivePanel } from './LivePanel.tsx';
import { PracticePanel } from './PracticePanel.tsx';
import { useKeysStore } from './keysStore.ts';
import { RotationWizard } from './RotationWizard.tsx';
import { KeyWizard } from './wizard/KeyWizard.tsx';

type WizardMode = { kind: 'closed' } | { kind: 'add' } | { kind: 'replace'; key: KeyView };

/** Keys & Exchanges: how keys are protected, the saved keys, the key wizard and live trading. */
export function KeysScreen() {
  const { t } = useTranslation();
  const { encryption, list, live, loadError } = useKeysStore();
  const [wizard, setWizard] = useState<WizardMode>({ kind: 'closed' });

  useEffect(() => {
    const { load, subscribe } = useKeysStore.getState();
    const unsubscribe = subscribe();
    void load();
    return unsubscribe;
  }, []);

  return (
    <section className="screen keys-screen" aria-labelledby="screen-keys">
      <h1 id="screen-keys">{t('keys.title')}</h1>
      <p className="keys-lead">{t('keys.lead')}</p>
      {loadError ? <p role="alert" className="error">{t('keys.loadFailed', { message: loadError })}</p> : null}
      {encryption ? <EncryptionPanel encryption={encryption} /> : null}
      {list ? <KeyList list={list} onReplace={(key) => { setWizard({ kind: 'replace', key }); }} /> : null}
      {wizard.kind === 'closed' ? (
        <div className="keys-actions">
          <button type="button" className="primary" onClick={() => { setWizard({ kind: 'add' }); }}>{t('keys.list.addKey')}</button>
        </div>
      ) : wizard.kind === 'replace' ? (
        <RotationWizard key={wizard.key.id} old={wizard.key} onClose={() => { setWizard({ kind: 'closed' }); }} />
      ) : (
        <KeyWizard key="add" onClose={() => { setWizard({ kind: 'closed' }); }} />
      )}
      {list ? <PracticePanel list={list} /> : null}
      {live && list ? <LivePanel live={live} list={list} /> : null}
    </section>
  );
}
