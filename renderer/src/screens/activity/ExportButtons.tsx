import { useTranslation } from 'react-i18next';
import { useActivityStore } from './activityStore.ts';

/** Export CSV / JSON: the filtered entries, with their fingerprints, saved through the browser's download. */
export function ExportButtons() {
  const { t } = useTranslation();
  const exporting = useActivityStore((s) => s.exporting);
  const journalId = useActivityStore((s) => s.journalId);
  // Nothing to save while no entry matches, or while the time range typed cannot be used.
  const nothing = useActivityStore((s) => s.rangeProblem !== null || (!s.loadingRows && s.rows.length === 0));
  const { exportAs } = useActivityStore.getState();
  return (
    <>
      <button type="button" disabled={exporting || journalId === null || nothing} onClick={() => void exportAs('csv')}>{t('activity.exportCsv')}</button>
      <button type="button" disabled={exporting || journalId === null || nothing} onClick={() => void exportAs('json')}>{t('activity.exportJson')}</button>
    </>
  );
}

/** What the last export saved, or why it holds fewer entries than matched. */
export function ExportNotice() {
  const { t } = useTranslation();
  const exporting = useActivityStore((s) => s.exporting);
  const notice = useActivityStore((s) => s.exportNotice);
  return (
    <div role="status" className="activity-small">
      {exporting ? <p>{t('activity.exporting')}</p> : null}
      {notice?.kind === 'empty' ? <p>{t('activity.exportEmpty')}</p> : null}
      {notice?.kind === 'saved' ? <p>{t('activity.exported', { file: notice.fileName, count: notice.entries, formatted: notice.entries.toLocaleString() })}</p> : null}
      {notice?.kind === 'truncated' ? (
        <p className="activity-warn">{t('activity.exportTruncated', { entries: notice.entries.toLocaleString(), matching: notice.matching.toLocaleString() })}</p>
      ) : null}
    </div>
  );
}
