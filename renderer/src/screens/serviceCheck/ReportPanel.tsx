import { useTranslation } from 'react-i18next';
import type { ServiceCheckReportView } from '#core/contract/index.ts';
import { errorWords } from '../../errorWords.ts';
import { ReasonList, VerdictBox } from './Reasons.tsx';
import { useServiceCheckStore } from './serviceCheckStore.ts';

function ExportButtons({ report }: { report: ServiceCheckReportView }) {
  const { t } = useTranslation();
  const exportReport = useServiceCheckStore((s) => s.exportReport);
  return (
    <div className="svc-actions">
      <button type="button" onClick={() => { void exportReport(report.reportId, 'html'); }}>{t('serviceCheck.report.exportHtml')}</button>
      <button type="button" onClick={() => { void exportReport(report.reportId, 'json'); }}>{t('serviceCheck.report.exportJson')}</button>
    </div>
  );
}

function SavedReports() {
  const { t } = useTranslation();
  const reports = useServiceCheckStore((s) => s.reports);
  if (reports === null) return null;
  const parts = (report: ServiceCheckReportView): string => [
    t('serviceCheck.report.partAnswers'),
    ...(report.keyChecked ? [t('serviceCheck.report.partKey')] : []),
    ...(report.claimsScanned ? [t('serviceCheck.report.partClaims')] : []),
  ].join(', ');
  return (
    <section aria-labelledby="svc-saved-title">
      <h3 id="svc-saved-title">{t('serviceCheck.report.savedTitle')}</h3>
      {reports.reports.length === 0 ? <p className="svc-muted">{t('serviceCheck.report.none')}</p> : (
        <ul className="svc-saved">
          {reports.reports.map((report) => (
            <li key={report.reportId} data-verdict={report.verdict}>
              <p>
                <strong>{t('serviceCheck.report.row', { name: report.serviceName ?? t('serviceCheck.report.unnamed'), atMs: report.createdAtMs })}</strong>
                {' — '}{t(`serviceCheck.codes.${verdictCode(report)}`)}
              </p>
              <p className="svc-muted svc-small">{t('serviceCheck.report.includes', { parts: parts(report) })}</p>
              <ExportButtons report={report} />
            </li>
          ))}
        </ul>
      )}
      {reports.damaged === 0 ? null : <p className="svc-warn">{t('serviceCheck.report.damaged', { count: reports.damaged })}</p>}
    </section>
  );
}

const verdictCode = (report: ServiceCheckReportView): string =>
  ({ red_flags: 'VERDICT_RED_FLAGS', could_not_confirm: 'VERDICT_COULD_NOT_CONFIRM', no_red_flags_found: 'VERDICT_NO_RED_FLAGS_FOUND' })[report.verdict];

/** Saves the check as a dated report (never the key) and exports it as a web page or JSON. */
export function ReportPanel() {
  const { t } = useTranslation();
  const { saveReport, saving, saved, reportError, exportNotice } = useServiceCheckStore();
  return (
    <section className="svc-card" aria-labelledby="svc-report-title">
      <h2 id="svc-report-title">{t('serviceCheck.report.title')}</h2>
      <p>{t('serviceCheck.report.intro')}</p>
      <button type="button" className="primary" disabled={saving} onClick={() => { void saveReport(); }}>
        {saving ? t('serviceCheck.report.saving') : t('serviceCheck.report.save')}
      </button>
      {reportError === null ? null : <p role="alert" className="error">{t('serviceCheck.report.failed', { message: errorWords(reportError, t('serviceCheck.report.refusedInput')) })}</p>}
      {saved === null ? null : (
        <section role="status" aria-labelledby="svc-report-verdict" className="svc-result">
          <p>{t('serviceCheck.report.saved', { atMs: saved.createdAtMs })}</p>
          <VerdictBox verdict={saved.verdict} headingId="svc-report-verdict">
            <ReasonList reasons={saved.reasons} label={t('serviceCheck.report.title')} />
          </VerdictBox>
        </section>
      )}
      {exportNotice?.kind === 'saved' ? <p role="status">{t('serviceCheck.report.exported', { file: exportNotice.fileName })}</p> : null}
      {exportNotice?.kind === 'error' ? <p role="alert" className="error">{t('serviceCheck.report.exportFailed', { message: exportNotice.error.message })}</p> : null}
      <SavedReports />
    </section>
  );
}
