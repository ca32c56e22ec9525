import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyView, OldKeyCheckView } from '#core/contract/index.ts';
import { ballast } from '../../ballast.ts';
import { errorWords } from '../../errorWords.ts';
import { EXCHANGE_GUIDES } from './exchangeGuides.ts';
import { useKeysStore } from './keysStore.ts';
import { nextRotationStep, ROTATION_STEPS, type RotationStep } from './rotationSteps.ts';
import { KeyWizard } from './wizard/KeyWizard.tsx';

/**
 * Replacing a key, all the way: add the new key (verified like any key), move live trading to it
 * (through the whole live checklist again), delete the old key on the exchange, and let Ballast
 * confirm the exchange now refuses the old key. Ballast forgets the old key only then: until the
 * exchange refuses it, a copy of it could still trade on the account.
 */
export function RotationWizard({ old, onClose }: { old: KeyView; onClose: () => void }) {
  const { t } = useTranslation();
  const list = useKeysStore((s) => s.list);
  const live = useKeysStore((s) => s.live);
  const stopLive = useKeysStore((s) => s.stopLive);
  const reload = useKeysStore((s) => s.load);
  const [step, setStep] = useState<RotationStep>('add');
  const [fresh, setFresh] = useState<KeyView | null>(null);
  const [check, setCheck] = useState<OldKeyCheckView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const exchange = t(`keys.exchange.${old.exchange}`);
  const oldInLiveUse = live?.mode === 'live' && live.keyId === old.id;
  const freshInLiveUse = fresh !== null && live?.mode === 'live' && live.keyId === fresh.id;
  const oldStillListed = list?.keys.some((key) => key.id === old.id) ?? true;
  const guide = EXCHANGE_GUIDES.find((candidate) => candidate.id === old.exchange);
  const index = ROTATION_STEPS.indexOf(step);

  const checkOld = async () => {
    setBusy(true);
    setError(null);
    const result = await ballast().checkOldKeyStopped({ keyId: old.id });
    setBusy(false);
    if (result.ok) setCheck(result.value);
    else setError(errorWords(result.error, t('keys.list.refusedInput')));
    await reload();
  };

  return (
    <section className="keys-card keys-rotation" aria-labelledby="keys-rotation-title">
      <h2 id="keys-rotation-title">{t('keys.wizard.replaceTitle', { label: old.label })}</h2>
      <p className="keys-muted">{t('keys.rotation.intro', { exchange })}</p>
      <ol className="keys-steps" aria-label={t('keys.wizard.stepsLabel')}>
        {ROTATION_STEPS.map((name, i) => (
          <li key={name} aria-current={name === step ? 'step' : undefined} data-done={i < index ? 'true' : undefined}>
            <span className="keys-step-number" aria-hidden="true">{i + 1}</span>
            {t(`keys.rotation.step.${name}`, { exchange })}
          </li>
        ))}
      </ol>

      {step === 'add' ? (
        <KeyWizard
          preset={{ exchange: old.exchange, environment: old.environment, label: t('keys.rotation.newLabel', { label: old.label }) }}
          onSaved={(saved) => { setFresh(saved); setStep(nextRotationStep('add', oldInLiveUse)); }}
          onClose={onClose}
        />
      ) : null}

      {step === 'live' && fresh ? (
        <div className="keys-rotation-step">
          <h3>{t('keys.rotation.live.title')}</h3>
          {oldInLiveUse ? (
            <>
              <p>{t('keys.rotation.live.stopFirst', { old: old.label, fresh: fresh.label })}</p>
              <div className="keys-actions">
                <button type="button" onClick={() => void stopLive()}>{t('keys.live.stop')}</button>
              </div>
            </>
          ) : freshInLiveUse ? (
            <p role="status" className="keys-notice">{t('keys.rotation.live.moved', { fresh: fresh.label })}</p>
          ) : (
            <p>{t('keys.rotation.live.startNew', { fresh: fresh.label })}</p>
          )}
          <div className="keys-actions">
            <button type="button" className="primary" disabled={oldInLiveUse} onClick={() => { setStep('exchange'); }}>{t('keys.wizard.next')}</button>
          </div>
        </div>
      ) : null}

      {step === 'exchange' ? (
        <div className="keys-rotation-step">
          <h3>{t('keys.rotation.exchange.title', { exchange })}</h3>
          <p>{t('keys.rotation.exchange.body', { exchange, maskedId: old.maskedKeyId })}</p>
          <p className="keys-muted">{t('keys.rotation.exchange.why')}</p>
          {guide ? <p><a href={guide.helpUrl} target="_blank" rel="noreferrer">{t('keys.wizard.helpLink', { exchange })}</a></p> : null}
          <div className="keys-actions">
            <button type="button" className="primary" onClick={() => { setStep('check'); }}>{t('keys.rotation.exchange.done')}</button>
          </div>
        </div>
      ) : null}

      {step === 'check' ? (
        <div className="keys-rotation-step">
          <h3>{t('keys.rotation.check.title')}</h3>
          <p>{t('keys.rotation.check.body', { exchange, maskedId: old.maskedKeyId })}</p>
          {check ? (
            <p role="status" className={check.outcome === 'refused' ? 'keys-saved' : check.outcome === 'still-works' ? 'keys-old-key-works' : 'keys-warn'} data-outcome={check.outcome}>{check.reason}</p>
          ) : null}
          {error ? <p role="alert" className="error">{error}</p> : null}
          <div className="keys-actions">
            {check?.deleted === true || !oldStillListed ? (
              <button type="button" className="primary" onClick={onClose}>{t('keys.wizard.done')}</button>
            ) : (
              <>
                <button type="button" className="primary" disabled={busy} onClick={() => void checkOld()}>
                  {busy ? t('keys.rotation.check.checking', { exchange }) : check ? t('keys.rotation.check.again') : t('keys.rotation.check.button')}
                </button>
                <button type="button" className="keys-link" onClick={() => { setStep('exchange'); }}>{t('keys.wizard.back')}</button>
              </>
            )}
          </div>
        </div>
      ) : null}

      {step !== 'add' && check?.deleted !== true ? (
        <div className="keys-actions keys-wizard-cancel">
          <button type="button" className="keys-link" onClick={onClose}>{t('keys.rotation.later')}</button>
        </div>
      ) : null}
    </section>
  );
}
