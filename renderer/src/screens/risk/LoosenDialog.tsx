import { useTranslation } from 'react-i18next';
import { useRiskStore } from './riskStore.ts';
import { TypedConfirmDialog } from './TypedConfirmDialog.tsx';

/** Loosening a limit: what each looser limit could cost in money, then the confirmation typed out. */
export function LoosenDialog() {
  const { t } = useTranslation();
  const pending = useRiskStore((s) => s.pending);
  const busy = useRiskStore((s) => s.busy);
  const error = useRiskStore((s) => s.confirmError);
  const confirm = useRiskStore((s) => s.confirmLoosening);
  const cancel = useRiskStore((s) => s.cancelLoosening);
  const proposal = pending?.proposal;
  const loosening = proposal?.changes.filter((change) => change.direction === 'loosen') ?? [];
  const tightening = proposal?.changes.filter((change) => change.direction === 'tighten') ?? [];

  return (
    <TypedConfirmDialog open={proposal !== undefined} titleId="loosen-title" title={t('risk.loosen.title')} phrase={proposal?.confirmationText ?? ''}
      confirmLabel={t('risk.loosen.confirm')} busy={busy} error={error} onConfirm={confirm} onCancel={cancel}>
      <p>{t('risk.loosen.intro')}</p>
      <ul className="risk-consequences">
        {loosening.map((change) => <li key={change.field}>{change.consequence}</li>)}
      </ul>
      <p className="risk-basis">{proposal?.basis}</p>
      {tightening.length > 0 ? (
        <>
          <p>{t('risk.loosen.tightening')}</p>
          <ul className="risk-consequences" data-tone="tighten">
            {tightening.map((change) => <li key={change.field}>{change.consequence}</li>)}
          </ul>
        </>
      ) : null}
    </TypedConfirmDialog>
  );
}
