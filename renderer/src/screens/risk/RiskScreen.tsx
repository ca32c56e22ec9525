import './risk.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskLimitRow, RiskLimitsView } from '#core/contract/index.ts';
import { errorWords } from '../../errorWords.ts';
import { Terms } from '../../glossary/Terms.tsx';
import type { TermId } from '../../i18n/en/glossary.ts';
import { formatMoney } from '../../numberFormat.ts';
import { useAppStore } from '../../store/appStore.ts';
import { LimitRow } from './LimitRow.tsx';
import { LoosenDialog } from './LoosenDialog.tsx';
import { ManualOrderForm } from './ManualOrderForm.tsx';
import { useRiskStore } from './riskStore.ts';
import { ResetHighWaterDialog } from './ResetHighWaterDialog.tsx';
import { SafetyChecks } from './SafetyChecks.tsx';

/** The limits measured on the whole account; the rest are checks on every single order. */
const ACCOUNT_FIELDS: readonly string[] = [
  'perTradeFractionOfEquity', 'dailyLossFractionOfEquity', 'maxDrawdownFraction', 'totalExposureFractionOfEquity',
  'maxOpenPositions', 'maxOrdersPerMinute', 'maxOrdersPerDay',
];

function SourceNotice({ view }: { view: RiskLimitsView }) {
  const { t } = useTranslation();
  const busy = useRiskStore((s) => s.busy);
  const change = useRiskStore((s) => s.change);
  const notice = useRiskStore((s) => s.notice);
  const saveAsShown = () => { void change(null, {}); };
  const savedHere = notice !== null && notice.field === null;
  if (view.source === 'damaged' || view.source === 'changed-outside') {
    const damaged = view.source === 'damaged';
    return (
      <section className="risk-card" data-tone="danger" role="alert" aria-labelledby="risk-damaged-title">
        <h2 id="risk-damaged-title">{t(damaged ? 'risk.source.damagedTitle' : 'risk.source.changedOutsideTitle')}</h2>
        <p>{view.problem}</p>
        <button type="button" className="primary" onClick={saveAsShown} disabled={busy}>{t(damaged ? 'risk.source.repair' : 'risk.source.reviewChanged')}</button>
        {savedHere && notice.kind === 'error' ? <p className="error">{errorWords(notice.error, t('risk.edit.refusedInput'))}</p> : null}
      </section>
    );
  }
  if (view.source === 'defaults') {
    return (
      <section className="risk-card" data-tone="info">
        <p>{t('risk.source.defaults')}</p>
        <button type="button" onClick={saveAsShown} disabled={busy}>{t('risk.source.saveReviewed')}</button>
        {savedHere && notice.kind === 'error' ? <p role="alert" className="error">{errorWords(notice.error, t('risk.edit.refusedInput'))}</p> : null}
      </section>
    );
  }
  return savedHere && notice.kind === 'saved' ? <p role="status" className="risk-saved">{t('risk.savedReview')}</p> : null;
}

interface LimitGroupProps {
  readonly id: string;
  readonly title: string;
  readonly hint: string;
  readonly terms: readonly TermId[];
  readonly rows: readonly RiskLimitRow[];
  readonly quoteAsset: string;
}

function LimitGroup({ id, title, hint, terms, rows, quoteAsset }: LimitGroupProps) {
  return (
    <section className="risk-group" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p className="risk-muted">{hint}</p>
      <Terms ids={terms} />
      <ul className="risk-limits" aria-labelledby={id}>
        {rows.map((row) => <LimitRow key={row.field} row={row} quoteAsset={quoteAsset} />)}
      </ul>
    </section>
  );
}

/** Risk limits: every limit, how much of it is in use, changing it, and trying an order against it. */
export function RiskScreen() {
  const { t } = useTranslation();
  const { view, status, loadError } = useRiskStore();
  const mode = useAppStore((s) => s.status?.mode ?? 'paper');

  useEffect(() => {
    const { load, subscribe } = useRiskStore.getState();
    const unsubscribe = subscribe();
    void load();
    return unsubscribe;
  }, []);

  const quoteAsset = view?.account?.quoteAsset ?? 'USDT';
  const rows = view?.limits ?? [];
  return (
    <section className="screen risk-screen" aria-labelledby="screen-risk">
      <h1 id="screen-risk">{t('risk.title')}</h1>
      <p className="risk-lead">{t('risk.lead')}</p>
      {loadError ? <p role="alert" className="error">{t('risk.loadFailed', { message: loadError })}</p> : null}
      {view ? <SourceNotice view={view} /> : null}
      {status ? <SafetyChecks status={status} /> : null}
      {view ? (
        <>
          <p className="risk-use-note">
            {view.useNote}
            {view.account ? ` ${t('risk.use.account', { equity: formatMoney(view.account.equityQuote, view.account.quoteAsset) })}` : ''}
          </p>
          <LimitGroup id="risk-group-account" title={t('risk.groups.account')} hint={t('risk.groups.accountHint')} terms={['equity', 'usdt']} rows={rows.filter((row) => ACCOUNT_FIELDS.includes(row.field))} quoteAsset={quoteAsset} />
          {/* Manual orders go to the paper desk; practice on a practice site does not change that. */}
          <ManualOrderForm view={view} mode={mode === 'live' ? 'live' : 'paper'} />
          <LimitGroup id="risk-group-orders" title={t('risk.groups.orders')} hint={t('risk.groups.ordersHint')} terms={[]} rows={rows.filter((row) => !ACCOUNT_FIELDS.includes(row.field))} quoteAsset={quoteAsset} />
        </>
      ) : null}
      <LoosenDialog />
      <ResetHighWaterDialog />
    </section>
  );
}
