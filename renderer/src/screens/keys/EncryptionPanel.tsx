import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyEncryptionView } from '#core/contract/index.ts';
import { Terms } from '../../glossary/Terms.tsx';
import { PassphraseForm } from './PassphraseForm.tsx';

const TONE: Record<KeyEncryptionView['state'], 'ok' | 'warn'> = {
  'os-strong': 'ok',
  'os-weak': 'warn',
  'passphrase-active': 'ok',
  'passphrase-locked': 'warn',
};

/**
 * How saved keys are protected, in plain words. Unlocking is offered at once; setting a new
 * passphrase sits behind a button, since the key wizard also offers it where it is needed.
 */
export function EncryptionPanel({ encryption }: { encryption: KeyEncryptionView }) {
  const { t } = useTranslation();
  const [formOpen, setFormOpen] = useState(false);
  const backend = t(`keys.encryption.backend.${encryption.osBackend}`, { defaultValue: encryption.osBackend });
  const locked = encryption.state === 'passphrase-locked';
  return (
    <section className="keys-card keys-encryption" data-tone={TONE[encryption.state]} aria-labelledby="keys-encryption-title">
      <h2 id="keys-encryption-title">{t('keys.encryption.title')}</h2>
      <p>{t(`keys.encryption.${encryption.state}`, { backend })}</p>
      {encryption.state === 'os-weak' ? <p className="keys-muted keys-small">{t('keys.encryption.systemReports', { backend: encryption.osBackend })}</p> : null}
      <Terms ids={encryption.osBackend === 'basic_text' && encryption.state === 'os-weak' ? ['basicText'] : []} />
      {encryption.backendChangedKeyCount > 0 ? (
        <p className="keys-warn">{t('keys.encryption.backendChanged', { count: encryption.backendChangedKeyCount })}</p>
      ) : null}
      {locked ? <PassphraseForm unlock minLength={encryption.passphraseMinLength} /> : null}
      {encryption.state === 'os-weak' && formOpen ? <PassphraseForm unlock={false} minLength={encryption.passphraseMinLength} /> : null}
      {encryption.state === 'os-weak' && !formOpen ? (
        <button type="button" onClick={() => { setFormOpen(true); }}>{t('keys.encryption.openForm')}</button>
      ) : null}
    </section>
  );
}
