import { useTranslation } from 'react-i18next';
import { Terms } from '../../glossary/Terms.tsx';
import { useRiskStore } from './riskStore.ts';
import { TypedConfirmDialog } from './TypedConfirmDialog.tsx';

/** Measuring drawdown from today's value: it accepts the loss so far and allows more, so it is said in money and typed out. */
export function ResetHighWaterDialog() {
  const { t } = useTranslation();
  const proposal = useRiskStore((s) => s.resetProposal);
  const busy = useRiskStore((s) => s.busy);
  const error = useRiskStore((s) => s.resetError);
  const confirm = useRiskStore((s) => s.confirmReset);
  const cancel = useRiskStore((s) => s.cancelReset);

  return (
    <TypedConfirmDialog open={proposal !== null} titleId="reset-hwm-title" title={t('risk.reset.title')} phrase={proposal?.confirmationText ?? ''}
      confirmLabel={t('risk.reset.confirm')} busy={busy} error={error} onConfirm={confirm} onCancel={cancel}>
      <p>{t('risk.reset.intro')}</p>
      <ul className="risk-consequences">
        <li>{proposal?.consequence}</li>
      </ul>
      <p className="risk-basis">{t('risk.reset.afterwards')}</p>
      <Terms ids={['highWaterMark']} />
    </TypedConfirmDialog>
  );
}
