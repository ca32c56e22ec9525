import { useId, useRef, useState, type RefObject, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyEnvironment, KeyExchange, KeyView } from '#core/contract/index.ts';
import { guideFor } from '../exchangeGuides.ts';

export interface PastedKey {
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase?: string;
}

interface PasteKeyFormProps {
  readonly exchange: KeyExchange;
  readonly environment: KeyEnvironment;
  readonly onEnvironment: (environment: KeyEnvironment) => void;
  readonly label: string;
  readonly onLabel: (label: string) => void;
  readonly replacing: KeyView | undefined;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onCheck: (pasted: PastedKey) => void;
  readonly onBack: () => void;
}

/** The most characters of each part the contract takes; a longer paste is not a key. */
const MOST_CHARACTERS = { apiKey: 512, secret: 4096, passphrase: 256 } as const;
const MOST_LABEL_CHARACTERS = 64;

/** What is wrong with the paste before anything is sent: the catalogue key under keys.wizard.problem and the field's name key. */
interface PasteProblem {
  readonly key: 'noLabel' | 'blank' | 'tooLong';
  readonly field?: string;
}

type KeyPart = keyof typeof MOST_CHARACTERS;

function checkPaste(pasted: PastedKey, label: string | null, fieldNames: Readonly<Partial<Record<KeyPart, string>>>): PasteProblem | null {
  if (label !== null && label.trim() === '') return { key: 'noLabel' };
  const parts: [KeyPart, string | undefined][] = [['apiKey', pasted.apiKey], ['secret', pasted.secret], ['passphrase', pasted.passphrase]];
  for (const [part, value] of parts) {
    if (value === undefined) continue;
    const field = fieldNames[part] ?? part;
    if (value.trim() === '') return { key: 'blank', field };
    if (value.length > MOST_CHARACTERS[part]) return { key: 'tooLong', field };
  }
  return null;
}

/** A password field for one part of the key; its value is read only on submit. */
function SecretField({ inputRef, field, autoFocus = false }: { inputRef: RefObject<HTMLInputElement | null>; field: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span>{t(`keys.wizard.fields.${field}`)}</span>
      <input ref={inputRef} type="password" autoComplete="off" spellCheck={false} required autoFocus={autoFocus} />
    </label>
  );
}

/**
 * Step 3: paste the key. The key fields are password fields and uncontrolled: their values are
 * read once on submit, handed to main, and the fields are emptied at once, so the key never
 * sits in React state and is never rendered back.
 */
export function PasteKeyForm(props: PasteKeyFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const guide = guideFor(props.exchange);
  const apiKey = useRef<HTMLInputElement>(null);
  const secret = useRef<HTMLInputElement>(null);
  const passphrase = useRef<HTMLInputElement>(null);
  const name = t(`keys.exchange.${props.exchange}`);
  const [problem, setProblem] = useState<PasteProblem | null>(null);

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const pasted: PastedKey = {
      apiKey: apiKey.current?.value ?? '',
      secret: secret.current?.value ?? '',
      ...(guide.fields.passphrase === undefined ? {} : { passphrase: passphrase.current?.value ?? '' }),
    };
    const found = checkPaste(pasted, props.replacing ? null : props.label, guide.fields);
    setProblem(found);
    // Left in place to correct; nothing was sent.
    if (found !== null) return;
    for (const field of [apiKey, secret, passphrase]) {
      if (field.current) field.current.value = '';
    }
    props.onCheck(pasted);
  };

  return (
    <form onSubmit={submit} aria-label={t('keys.wizard.pasteTitle', { exchange: name })}>
      <h3>{t('keys.wizard.pasteTitle', { exchange: name })}</h3>
      <p className="keys-muted">{t('keys.wizard.pasteHint', { exchange: name })}</p>
      {props.replacing ? (
        <p>{t('keys.wizard.replaceLabel', { label: props.replacing.label, environment: t(`keys.environment.${props.replacing.environment}`) })}</p>
      ) : (
        <>
          <fieldset className="keys-environments">
            <legend>{t('keys.wizard.whichAccount')}</legend>
            {(['live', 'testnet'] as const).map((environment) => (
              <label key={environment} className="keys-choice">
                <input type="radio" name={`${id}-env`} checked={props.environment === environment} onChange={() => { props.onEnvironment(environment); }} />
                <span>
                  <strong>{t(`keys.environment.${environment}`)}</strong>
                  <small>{t(`keys.environment.${environment}Hint`)}</small>
                </span>
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span>{t('keys.wizard.label')}</span>
            <input type="text" value={props.label} placeholder={t('keys.wizard.labelPlaceholder')} maxLength={MOST_LABEL_CHARACTERS} required
              autoComplete="off" onChange={(event) => { props.onLabel(event.target.value); }} />
          </label>
        </>
      )}
      <SecretField inputRef={apiKey} field={guide.fields.apiKey} autoFocus={props.replacing !== undefined} />
      <SecretField inputRef={secret} field={guide.fields.secret} />
      {guide.fields.passphrase === undefined ? null : <SecretField inputRef={passphrase} field={guide.fields.passphrase} />}
      {problem ? (
        <p role="alert" className="error">{t(`keys.wizard.problem.${problem.key}`, problem.field === undefined ? {} : { field: t(`keys.wizard.fields.${problem.field}`) })}</p>
      ) : null}
      {!problem && props.error ? <p role="alert" className="error">{props.error}</p> : null}
      <div className="keys-actions">
        <button type="button" onClick={props.onBack}>{t('keys.wizard.back')}</button>
        <button type="submit" className="primary" disabled={props.busy}>
          {props.busy ? t('keys.wizard.verifying', { exchange: name }) : t('keys.wizard.verify')}
        </button>
      </div>
    </form>
  );
}
