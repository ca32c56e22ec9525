import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { RiskLimitRow, RiskLimitUnit } from '#core/contract/index.ts';
import { errorWords } from '../../errorWords.ts';
import { Terms } from '../../glossary/Terms.tsx';
import type { TermId } from '../../i18n/en/glossary.ts';
import { editText, parseEdit, showValue, type EditProblem } from './limitValues.ts';
import { useRiskStore } from './riskStore.ts';

interface LimitRowProps {
  readonly row: RiskLimitRow;
  readonly quoteAsset: string;
}

/** Shares of a limit above this are shown as a warning; at 1 the limit stops new positions. */
const NEAR_LIMIT = 0.75;

/** Units a value is typed in; a count, a switch, a list of markets and a time zone need no word. */
const TYPED_UNITS: readonly RiskLimitUnit[] = ['fraction', 'bps', 'quote', 'ms', 'atr'];

/** The trading words each limit's explanation uses. */
const FIELD_TERMS: Readonly<Record<string, readonly TermId[]>> = {
  maxDrawdownFraction: ['highWaterMark'],
  atrStopMultiple: ['atr'],
  limitOnly: ['limitOrder', 'slippage'],
  maxSpreadForMarketOrderBps: ['spread'],
  maxSpreadForEntryBps: ['spread'],
  maxDepthFraction: ['orderBook'],
  dustPositionQuote: ['dust'],
};

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

/** The catalogue's sentence for a typed value that cannot be sent. */
function problemWords(t: TFunction, problem: EditProblem): string {
  const { key, ...words } = problem;
  return t(`risk.edit.${key}`, words);
}

/** What the limit does, with the words a beginner may not know explained where they appear. */
function FieldExplanation({ field }: { field: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="risk-explain">{t(`risk.fields.${field}`)}</p>
      <Terms ids={FIELD_TERMS[field] ?? []} />
    </>
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
  const [problem, setProblem] = useState<EditProblem | null>(null);
  const id = `limit-${row.field}`;
  const inputLabel = TYPED_UNITS.includes(row.unit)
    ? t('risk.newValueUnit', { label: row.label, unit: t(`risk.units.${row.unit}`, { asset: quoteAsset }) })
    : t('risk.newValue', { label: row.label });
  const mine = notice !== null && notice.field === row.field;

  const open = () => {
    setText(editText(row));
    setChecked(row.value === true);
    setProblem(null);
    startEditing(row.field);
  };
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const edit = parseEdit(row, text, checked);
    if (!edit.ok) {
      setProblem(edit.problem);
      return;
    }
    setProblem(null);
    void change(row.field, { [row.field]: edit.value });
  };

  return (
    <li className="risk-limit" aria-labelledby={`${id}-label`}>
      <div className="risk-limit-head">
        <h3 id={`${id}-label`}>{row.label}</h3>
        <span className="risk-limit-value" data-testid={`${id}-value`}>
          {showValue(row, quoteAsset, { on: t('risk.on'), off: t('risk.off'), none: t('risk.noMarkets'), atr: t('risk.atrTimes') })}
        </span>
        {editing ? null : (
          <button type="button" className="risk-change" aria-label={t('risk.changeLabel', { label: row.label })} onClick={open} disabled={busy}>
            {t('risk.change')}
          </button>
        )}
      </div>
      <FieldExplanation field={row.field} />
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
          {problem ? <p role="alert" className="error">{problemWords(t, problem)}</p> : null}
          {!problem && mine && notice.kind === 'error' ? <p role="alert" className="error">{errorWords(notice.error, t('risk.edit.refusedInput'))}</p> : null}
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
