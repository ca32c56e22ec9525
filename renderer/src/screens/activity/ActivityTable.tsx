import { Fragment, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityRow } from '#core/contract/index.ts';
import { formatLocalTime } from '../../frame/formatTime.ts';
import { useActivityStore } from './activityStore.ts';
import { ExportButtons, ExportNotice } from './ExportButtons.tsx';
import { shortSubject, subjectWords } from './subjectWords.ts';


function prettyDetails(details: string): string {
  try {
    return JSON.stringify(JSON.parse(details), null, 2);
  } catch {
    return details;
  }
}

function EntryDetails({ row }: { row: ActivityRow }) {
  const { t } = useTranslation();
  return (
    <div className="activity-details">
      <pre aria-label={t('activity.detailsLabel', { seq: row.seq })} tabIndex={0}>{prettyDetails(row.details)}</pre>
      {row.detailsTruncated ? <p className="activity-warn activity-small">{t('activity.detailsTruncated')}</p> : null}
      <p className="activity-muted activity-small activity-mono">{t('activity.fingerprint', { hash: row.hash })}</p>
    </div>
  );
}

/** The entries, newest first, one line each; details on demand; older pages on request. */
export function ActivityTable() {
  const { t } = useTranslation();
  const rows = useActivityStore((s) => s.rows);
  const loading = useActivityStore((s) => s.loadingRows);
  const matching = useActivityStore((s) => s.matchingEntries);
  const total = useActivityStore((s) => s.totalEntries);
  const nextBeforeSeq = useActivityStore((s) => s.nextBeforeSeq);
  const startBeforeSeq = useActivityStore((s) => s.startBeforeSeq);
  const verification = useActivityStore((s) => s.verification);
  const { loadOlder, showNewest, setFilters } = useActivityStore.getState();
  const focusSeq = useActivityStore((s) => s.focusSeq);
  const rangeProblem = useActivityStore((s) => s.rangeProblem);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const body = useRef<HTMLTableSectionElement>(null);

  // "Show entry N" lands on that entry, wherever the table is on the screen.
  useEffect(() => {
    if (focusSeq === null) return;
    const row = body.current?.querySelector<HTMLElement>(`tr[data-seq="${String(focusSeq)}"]`);
    row?.scrollIntoView({ block: 'center' });
    row?.focus();
  }, [focusSeq, rows]);
  const brokenSeq = verification?.status === 'broken' ? verification.firstBrokenSeq : null;

  const toggle = (seq: number) => {
    const next = new Set(open);
    if (!next.delete(seq)) next.add(seq);
    setOpen(next);
  };

  return (
    <section className="activity-card activity-entries" aria-labelledby="activity-entries-title" aria-busy={loading}>
      <div className="activity-entries-head">
        <h2 id="activity-entries-title">{t('activity.entriesTitle')}</h2>
        <div className="activity-actions">
          {startBeforeSeq === null ? null : <button type="button" onClick={() => void showNewest()}>{t('activity.newest')}</button>}
          <button type="button" onClick={() => void showNewest()} disabled={loading}>{t('activity.refresh')}</button>
          <ExportButtons />
        </div>
      </div>
      <p className="activity-muted activity-small">{t('activity.exportHint')}</p>
      <ExportNotice />
      {rows.length === 0 && !loading ? (
        <p className="activity-muted">{rangeProblem !== null ? t('activity.fixRange') : total === 0 ? t('activity.noEntries') : t('activity.noMatches')}</p>
      ) : null}
      {rows.length > 0 ? (
        <>
          <p className="activity-muted activity-small">
            {t('activity.showing', { shown: rows.length.toLocaleString(), matching: matching.toLocaleString(), total: total.toLocaleString() })}
          </p>
          <table aria-label={t('activity.tableLabel')} className="activity-table">
            <thead>
              <tr>
                <th scope="col">{t('activity.colSeq')}</th>
                <th scope="col">{t('activity.colTime')}</th>
                <th scope="col">{t('activity.colKind')}</th>
                <th scope="col">{t('activity.colAbout')}</th>
                <th scope="col">{t('activity.colWhat')}</th>
                <th scope="col"><span className="visually-hidden">{t('activity.details')}</span></th>
              </tr>
            </thead>
            <tbody ref={body}>
              {rows.map((row) => {
                const expanded = open.has(row.seq);
                const broken = row.seq === brokenSeq;
                return (
                  <Fragment key={row.seq}>
                    <tr data-kind={row.kind} data-broken={broken || undefined} data-seq={row.seq} tabIndex={row.seq === focusSeq ? -1 : undefined}>
                      <td className="activity-seq">{row.seq.toLocaleString()}</td>
                      <td className="activity-time">{formatLocalTime(row.atMs)}</td>
                      <td><span className="activity-tag" data-kind={row.kind}>{t(`activity.tag_${row.kind}`)}</span></td>
                      <td>
                        {row.subject === null ? null : (
                          <button type="button" className="activity-link activity-mono" title={t('activity.filterBySubject', { subject: subjectWords(t, row.subject) })}
                            aria-label={t('activity.filterBySubject', { subject: subjectWords(t, row.subject) })} onClick={() => void setFilters({ subject: row.subject ?? undefined })}>
                            {shortSubject(subjectWords(t, row.subject))}
                          </button>
                        )}
                      </td>
                      <td className="activity-summary">
                        {broken ? <strong className="activity-broken-tag">{t('activity.brokenHere')}</strong> : null}
                        {row.summary}
                      </td>
                      <td>
                        <button type="button" className="activity-small" aria-expanded={expanded} aria-controls={`activity-details-${row.seq}`} onClick={() => { toggle(row.seq); }}>
                          {expanded ? t('activity.hideDetails') : t('activity.details')}
                        </button>
                      </td>
                    </tr>
                    {expanded ? (
                      <tr id={`activity-details-${row.seq}`} className="activity-details-row">
                        <td colSpan={6}><EntryDetails row={row} /></td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </>
      ) : null}
      {nextBeforeSeq === null ? null : (
        <button type="button" className="activity-older" disabled={loading} onClick={() => void loadOlder()}>{t('activity.older')}</button>
      )}
    </section>
  );
}
