import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpAllowlistChoice, KeyEnvironment, KeyExchange, KeyView, PendingKeyView, Result } from '#core/contract/index.ts';
import { ballast } from '../../../ballast.ts';
import { errorWords } from '../../../errorWords.ts';
import { useKeysStore } from '../keysStore.ts';
import { CheckResultCard } from './CheckResultCard.tsx';
import { ExchangeGuideStep } from './ExchangeGuideStep.tsx';
import { ExchangePicker } from './ExchangePicker.tsx';
import { PasteKeyForm, type PastedKey } from './PasteKeyForm.tsx';
import { WizardSteps, type WizardStep } from './WizardSteps.tsx';

/** A key added as part of a rotation: the old key's exchange and account, a suggested name. */
export interface KeyPreset {
  readonly exchange: KeyExchange;
  readonly environment: KeyEnvironment;
  readonly label: string;
}

/**
 * Add (or replace) a key: exchange → how to create it → paste → what the exchange says → save.
 * The key is sent to main once, in "Verify"; "Verify again" and "Save" refer to it by the
 * one-time id main gives back, so it is never pasted or sent a second time.
 */
export function KeyWizard({ replacing, preset, onSaved, onClose }: {
  replacing?: KeyView;
  /** Start at "Create the key" on this exchange and account (a rotation's new key). */
  preset?: KeyPreset;
  /** Called with the saved key instead of showing the "Saved" step. */
  onSaved?: (saved: KeyView) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const encryption = useKeysStore((s) => s.encryption);
  const reload = useKeysStore((s) => s.load);
  const fixed = replacing ?? preset;
  const [step, setStep] = useState<WizardStep | 'saved'>(fixed ? 'guide' : 'choose');
  const [exchange, setExchange] = useState<KeyExchange | null>(fixed?.exchange ?? null);
  const [environment, setEnvironment] = useState<KeyEnvironment>(fixed?.environment ?? 'live');
  const [label, setLabel] = useState(preset?.label ?? '');
  const [pending, setPending] = useState<PendingKeyView | null>(null);
  const [ipChoice, setIpChoice] = useState<IpAllowlistChoice | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [savedLabel, setSavedLabel] = useState('');

  const forgetPending = () => {
    if (pending) void ballast().discardNewKey({ verificationId: pending.verificationId });
    setPending(null);
    setIpChoice(null);
  };
  const cancel = () => {
    forgetPending();
    onClose();
  };
  const run = async <T,>(work: () => Promise<Result<T>>, then: (value: T) => void) => {
    setBusy(true);
    setError(null);
    const result = await work();
    setBusy(false);
    if (result.ok) then(result.value);
    else setError(errorWords(result.error, t('keys.wizard.refusedInput')));
  };

  const verify = (pasted: PastedKey) => {
    if (exchange === null) return;
    void run(
      () => ballast().verifyNewKey({
        exchange, environment, label: replacing?.label ?? label, apiKey: pasted.apiKey, secret: pasted.secret,
        ...(pasted.passphrase === undefined ? {} : { passphrase: pasted.passphrase }),
        ...(replacing ? { replacesKeyId: replacing.id } : {}),
      }),
      (checked) => {
        setPending(checked);
        setIpChoice(checked.check.permissions.ipRestricted === true ? 'allowlist-set' : null);
        setStep('result');
      },
    );
  };
  const verifyAgain = () => {
    if (!pending) return;
    void run(() => ballast().recheckNewKey({ verificationId: pending.verificationId }), (checked) => {
      setPending(checked);
      if (checked.check.permissions.ipRestricted === true) setIpChoice('allowlist-set');
    });
  };
  const save = () => {
    if (!pending) return;
    const choice = pending.check.permissions.ipRestricted === true ? 'allowlist-set' : ipChoice;
    if (choice === null) return;
    void run(() => ballast().saveVerifiedKey({ verificationId: pending.verificationId, ipAllowlistChoice: choice }), (saved) => {
      if (onSaved) {
        setPending(null);
        void reload();
        onSaved(saved);
        return;
      }
      setSavedLabel(saved.label);
      setPending(null);
      setLabel('');
      setStep('saved');
      void reload();
    });
  };

  const title = replacing ? t('keys.wizard.replaceTitle', { label: replacing.label }) : preset ? t('keys.rotation.newKeyTitle') : t('keys.wizard.title');
  return (
    <section className="keys-card keys-wizard" aria-labelledby="keys-wizard-title">
      <h2 id="keys-wizard-title">{title}</h2>
      {step === 'saved' ? (
        <div role="status">
          <p className="keys-saved">{t('keys.wizard.saved', { label: savedLabel })}</p>
          <div className="keys-actions">
            <button type="button" className="primary" onClick={onClose}>{t('keys.wizard.done')}</button>
          </div>
        </div>
      ) : (
        <>
          <WizardSteps current={step} />
          {step === 'choose' ? (
            <ExchangePicker chosen={exchange} onChoose={setExchange} onCancel={cancel} onNext={() => { setStep('guide'); }} />
          ) : null}
          {step === 'guide' && exchange ? (
            <ExchangeGuideStep exchange={exchange} onBack={() => { if (fixed) cancel(); else setStep('choose'); }} onNext={() => { setStep('paste'); }} />
          ) : null}
          {step === 'paste' && exchange ? (
            <PasteKeyForm
              exchange={exchange} environment={environment} onEnvironment={setEnvironment} label={label} onLabel={setLabel}
              replacing={replacing} busy={busy} error={error} onCheck={verify} onBack={() => { setError(null); setStep('guide'); }}
            />
          ) : null}
          {step === 'result' && pending ? (
            <CheckResultCard
              pending={pending} encryption={encryption} ipChoice={ipChoice} onIpChoice={setIpChoice} busy={busy} error={error}
              onCheckAgain={verifyAgain} onSave={save}
              onPasteAgain={() => { forgetPending(); setError(null); setStep('paste'); }}
            />
          ) : null}
          {step !== 'choose' ? (
            <div className="keys-actions keys-wizard-cancel">
              <button type="button" className="keys-link" onClick={cancel}>{t('keys.wizard.cancel')}</button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
