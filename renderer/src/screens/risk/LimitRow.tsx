import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskLimitRow } from '#core/contract/index.ts';
import { editText, parseEdit, showValue } from './limitValues.ts';
import { useRiskStore } from './riskStore.ts';

interface LimitRowProps {
  readonly row: RiskLimitRow;
  readonly quoteAsset: string;
}

/** Shares of a limit above this are shown as a warning; at 1 the limit stops new positions. */
const NEAR_LIMIT = 0.75;

/** A per-order cap is not used up by the account, so it shows its money value without a bar. */
const NOT_CONSUMED: readonly string[] = ['perTradeFractionOfEquity'];

function UseBar({ usedFraction, text, bar }: { usedFraction: number; text: string; bar: boolean }) {
  const width = Math.max(0, Math.min(1, usedFraction));
  const tone = usedFraction >= 1 ? 'over' : usedFraction >= NEAR_LIMIT ? 'near' : 'ok';
  return (
    <div className="risk-use" data-tone={tone}>
      {bar ? (
        <div className="risk-bar" aria-hidden="true">
          <div className="risk-bar-fill" style={{ width: `${(width * 100).toFixed(1)}%` }} />
        </div>
      ) : null}
      <p className="risk-use-text">{text}</p>
    </div>
  );
}

/** One limit: what it is, its value, how much of it is in use, and a way to change it. */
export function LimitRow({ row, quoteAsset }: LimitRowProps) {
  const { t } = useTranslation();
  const busy = useRiskStore((s) => s.busy);
  const notice = useRiskStore((s) => s.notice);
  const change = useRiskStore((s) => s.change);
  const editing = useRiskStore((s) => s.editing === row.field);
  const startEditing = useRiskStore((s) => s.startEditing);
  const stopEditing = useRiskStore((s) => s.stopEditing);
  const [text, setText] = useState('');
  const [checked, setChecked] = useState(false);
  const [typo, setTypo] = useState(false);
  const id = `limit-${row.field}`;
  const unitWord = t(`risk.units.${row.unit}`, { asset: quoteAsset });
  const inputLabel = unitWord === '' ? t('risk.newValue', { label: row.label }) : t('risk.newValueUnit', { label: row.label, unit: unitWord });
  const mine = notice !== null && notice.field === row.field;

  const open = () => {
    setText(editText(row));
    setChecked(row.value === true);
    setTypo(false);
    startEditing(row.field);
  };
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = parseEdit(row, text, checked);
    if (value === null) {
      setTypo(true);
      return;
    }
    setTypo(false);
    void change(row.field, { [row.field]: value });
  };

  return (
    <li className="risk-limit" aria-labelledby={`${id}-label`}>
      <div className="risk-limit-head">
        <h3 id={`${id}-label`}>{row.label}</h3>
        <span className="risk-limit-value" data-testid={`${id}-value`}>{showValue(row, quoteAsset, { on: t('risk.on'), off: t('risk.off') })}</span>
        {editing ? null : (
          <button type="button" className="risk-change" aria-label={t('risk.changeLabel', { label: row.label })} onClick={open} disabled={busy}>
            {t('risk.change')}
          </button>
        )}
      </div>
      <p className="risk-explain">{t(`risk.fields.${row.field}`, { defaultValue: '' })}</p>
      {row.use ? <UseBar usedFraction={row.use.usedFraction} text={row.use.text} bar={!NOT_CONSUMED.includes(row.field)} /> : null}
      {editing ? (
        <form className="risk-edit" onSubmit={submit}>
          {row.unit === 'switch' ? (
            <label className="risk-switch">
              <input type="checkbox" checked={checked} onChange={(event) => { setChecked(event.target.checked); }} />
              <span>{row.label}</span>
            </label>
          ) : (
            <label className="field">
              <span>{inputLabel}</span>
              <input
                type="text"
                inputMode={row.unit === 'symbols' || row.unit === 'timeZone' ? 'text' : 'decimal'}
                autoComplete="off"
                spellCheck={false}
                value={text}
                onChange={(event) => { setText(event.target.value); }}
                autoFocus
              />
              {row.unit === 'symbols' ? <small className="risk-hint">{t('risk.symbolsHint')}</small> : null}
            </label>
          )}
          {typo ? <p role="alert" className="error">{t('risk.notANumber')}</p> : null}
          {!typo && mine && notice.kind === 'error' ? <p role="alert" className="error">{notice.error.message}</p> : null}
          <div className="risk-edit-actions">
            <button type="button" onClick={stopEditing}>{t('risk.cancel')}</button>
            <button type="submit" className="primary" disabled={busy}>{t('risk.save')}</button>
          </div>
        </form>
      ) : null}
      {mine && notice.kind === 'saved' && !editing ? <p role="status" className="risk-saved">{t('risk.savedChange', { consequence: notice.text })}</p> : null}
    </li>
  );
}
