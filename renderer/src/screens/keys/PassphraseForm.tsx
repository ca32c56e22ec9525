import { useId, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorWords } from '../../errorWords.ts';
import { useKeysStore } from './keysStore.ts';

/**
 * Sets the passphrase (twice, to catch typos) or, when keys are already protected by one,
 * asks for it once to unlock them. The fields are uncontrolled and cleared after every try,
 * so the passphrase never sits in React state.
 */
export function PassphraseForm({ unlock, minLength }: { unlock: boolean; minLength: number }) {
  const { t } = useTranslation();
  const id = useId();
  const error = useKeysStore((s) => s.passphraseError);
  const setPassphrase = useKeysStore((s) => s.setPassphrase);
  const [localError, setLocalError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const second = useRef<HTMLInputElement>(null);

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const passphrase = first.current?.value ?? '';
    const repeated = second.current?.value ?? '';
    event.currentTarget.reset();
    setLocalError(null);
    if (!unlock && passphrase !== repeated) {
      setLocalError(t('keys.encryption.mismatch'));
      return;
    }
    if (!unlock && passphrase.trim() === '') {
      setLocalError(t('keys.encryption.blank', { min: minLength }));
      return;
    }
    if (!unlock && passphrase.length < minLength) {
      setLocalError(t('keys.encryption.tooShort', { min: minLength }));
      return;
    }
    setBusy(true);
    void setPassphrase(passphrase).finally(() => { setBusy(false); });
  };

  const shown = localError ?? (error ? errorWords(error, t('keys.encryption.refusedInput', { min: minLength })) : undefined);
  return (
    <form className="keys-passphrase" onSubmit={submit}>
      <label className="field">
        <span>{unlock ? t('keys.encryption.enterPassphrase') : t('keys.encryption.newPassphrase', { min: minLength })}</span>
        <input ref={first} id={`${id}-1`} type="password" autoComplete={unlock ? 'current-password' : 'new-password'} spellCheck={false} maxLength={1024} required />
      </label>
      {unlock ? null : (
        <label className="field">
          <span>{t('keys.encryption.repeatPassphrase')}</span>
          <input ref={second} id={`${id}-2`} type="password" autoComplete="new-password" spellCheck={false} maxLength={1024} required />
        </label>
      )}
      {unlock ? null : <p className="keys-muted">{t('keys.encryption.passphraseHint')}</p>}
      {shown ? <p role="alert" className="error">{shown}</p> : null}
      <button type="submit" className="primary" disabled={busy}>
        {unlock ? t('keys.encryption.unlock') : t('keys.encryption.setPassphrase')}
      </button>
    </form>
  );
}
