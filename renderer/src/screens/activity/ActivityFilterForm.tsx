import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, type ActivityKind } from '#core/contract/index.ts';
import { NO_FILTERS, timeRangeInOrder, useActivityStore } from './activityStore.ts';
import { localInputToMs, msToLocalInput } from './localDateTime.ts';
import { subjectWords } from './subjectWords.ts';

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Kinds apply as soon as they are ticked; the search applies on Enter; a time range once it makes sense. */
export function ActivityFilterForm() {
  const { t } = useTranslation();
  const filters = useActivityStore((s) => s.filters);
  const { setFilters } = useActivityStore.getState();
  const [text, setText] = useState(filters.text);
  const [from, setFrom] = useState(filters.fromMs === undefined ? '' : msToLocalInput(filters.fromMs));
  const [to, setTo] = useState(filters.toMs === undefined ? '' : msToLocalInput(filters.toMs));
  const range = { ...filters, fromMs: localInputToMs(from), toMs: localInputToMs(to) };
  const rangeInOrder = timeRangeInOrder(range);

  const toggle = (kind: ActivityKind, on: boolean) => {
    const kinds = on ? ACTIVITY_KINDS.filter((k) => k === kind || filters.kinds.includes(k)) : filters.kinds.filter((k) => k !== kind);
    void setFilters({ kinds });
  };
  const changeRange = (nextFrom: string, nextTo: string) => {
    setFrom(nextFrom);
    setTo(nextTo);
    const fromMs = localInputToMs(nextFrom);
    const toMs = localInputToMs(nextTo);
    if (timeRangeInOrder({ ...filters, fromMs, toMs })) void setFilters({ fromMs, toMs });
  };
  const search = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    void setFilters({ text });
  };
  const clear = () => {
    setText('');
    setFrom('');
    setTo('');
    void setFilters(NO_FILTERS);
  };

  return (
    <form className="activity-card activity-filters" role="search" aria-label={t('activity.filtersLabel')} onSubmit={search}>
      <fieldset className="activity-kinds">
        <legend>{t('activity.kindsLegend')}</legend>
        {ACTIVITY_KINDS.map((kind) => (
          <label key={kind} className="activity-kind" data-kind={kind}>
            <input type="checkbox" checked={filters.kinds.includes(kind)} onChange={(event) => { toggle(kind, event.target.checked); }} />
            <span>{t(`activity.kind_${kind}`)}</span>
          </label>
        ))}
        <span className="activity-kind-shortcuts">
          <button type="button" className="activity-link" onClick={() => void setFilters({ kinds: ACTIVITY_KINDS })}>{t('activity.allKinds')}</button>
          <button type="button" className="activity-link" onClick={() => void setFilters({ kinds: [] })}>{t('activity.noKinds')}</button>
        </span>
      </fieldset>
      <div className="activity-filter-row">
        <label className="activity-field activity-grow">
          <span>{t('activity.search')}</span>
          <input type="search" value={text} maxLength={200} placeholder={t('activity.searchHint')} onChange={(event) => { setText(event.target.value); }} />
        </label>
        <button type="submit">{t('activity.searchButton')}</button>
        <label className="activity-field">
          <span>{t('activity.from')}</span>
          <input type="datetime-local" value={from} onChange={(event) => { changeRange(event.target.value, to); }} />
        </label>
        <label className="activity-field">
          <span>{t('activity.to')}</span>
          <input type="datetime-local" value={to} onChange={(event) => { changeRange(from, event.target.value); }} />
        </label>
        <button type="button" onClick={clear}>{t('activity.clearFilters')}</button>
      </div>
      {rangeInOrder ? null : <p role="alert" className="error">{t('activity.badTimeRange')}</p>}
      <p className="activity-muted activity-small">{t('activity.timeHint', { zone: TIME_ZONE })}</p>
      {filters.subject === undefined ? null : (
        <p className="activity-subject">
          <span>{t('activity.onlyAbout', { subject: subjectWords(t, filters.subject) })}</span>
          <button type="button" className="activity-link" onClick={() => void setFilters({ subject: undefined })}>{t('activity.removeSubject')}</button>
        </p>
      )}
    </form>
  );
}
