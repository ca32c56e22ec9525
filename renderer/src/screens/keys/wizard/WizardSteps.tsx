import { useTranslation } from 'react-i18next';

export const WIZARD_STEPS = ['choose', 'guide', 'paste', 'result'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** Where the person is in the wizard: four short steps, the current one marked. */
export function WizardSteps({ current }: { current: WizardStep }) {
  const { t } = useTranslation();
  const index = WIZARD_STEPS.indexOf(current);
  return (
    <ol className="keys-steps" aria-label={t('keys.wizard.stepsLabel')}>
      {WIZARD_STEPS.map((step, i) => (
        <li key={step} aria-current={step === current ? 'step' : undefined} data-done={i < index ? 'true' : undefined}>
          <span className="keys-step-number" aria-hidden="true">{i + 1}</span>
          {t(`keys.wizard.step.${step}`)}
        </li>
      ))}
    </ol>
  );
}
