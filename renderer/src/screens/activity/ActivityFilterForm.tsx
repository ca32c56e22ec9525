import { useState, type ChangeEvent, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, type ActivityKind } from '#core/contract/index.ts';
import { Terms } from '../../glossary/Terms.tsx';
import { NO_FILTERS, useActivityStore } from './activityStore.ts';
import { msToLocalInput, readTimeBound, type TimeBound } from './localDateTime.ts';
import { subjectWords } from './subjectWords.ts';

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Kinds apply as soon as they are ticked; the search applies on Enter; a time range once it makes sense. */
export function ActivityFilterForm() {
  const { t } = useTranslation();
  const filters = useActivityStore((s) => s.filters);
  const rangeProblem = useActivityStore((s) => s.rangeProblem);
  const { setFilters, setTimeRange } = useActivityStore.getState();
  const [text, setText] = useState(filters.text);
  const [from, setFrom] = useState(filters.fromMs === undefined ? '' : msToLocalInput(filters.fromMs));
  const [to, setTo] = useState(filters.toMs === undefined ? '' : msToLocalInput(filters.toMs));
  const [fromBound, setFromBound] = useState<TimeBound>(readTimeBound(from, false));
  const [toBound, setToBound] = useState<TimeBound>(readTimeBound(to, false));

  const toggle = (kind: ActivityKind, on: boolean) => {
    const kinds = on ? ACTIVITY_KINDS.filter((k) => k === kind || filters.kinds.includes(k)) : filters.kinds.filter((k) => k !== kind);
    void setFilters({ kinds });
  };
  /** The browser empties a date-time typed only in part, and says so in `validity.badInput`. */
  const changeEnd = (end: 'from' | 'to', event: ChangeEvent<HTMLInputElement>) => {
    const bound = readTimeBound(event.target.value, event.target.validity.badInput);
    const nextFrom = end === 'from' ? bound : fromBound;
    const nextTo = end === 'to' ? bound : toBound;
    if (end === 'from') {
      setFrom(event.target.value);
      setFromBound(bound);
    } else {
      setTo(event.target.value);
      setToBound(bound);
    }
    void setTimeRange(nextFrom, nextTo);
  };
  const search = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    void setFilters({ text });
  };
  const clear = () => {
    setText('');
    setFrom('');
    setTo('');
    setFromBound({ kind: 'none' });
    setToBound({ kind: 'none' });
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
          <input type="datetime-local" value={from} min="1970-01-01T00:00" max="9999-12-31T23:59" onChange={(event) => { changeEnd('from', event); }} />
        </label>
        <label className="activity-field">
          <span>{t('activity.to')}</span>
          <input type="datetime-local" value={to} min="1970-01-01T00:00" max="9999-12-31T23:59" onChange={(event) => { changeEnd('to', event); }} />
        </label>
        <button type="button" onClick={clear}>{t('activity.clearFilters')}</button>
      </div>
      {rangeProblem === null ? null : <p role="alert" className="error">{t(`activity.range.${rangeProblem}`)}</p>}
      <p className="activity-muted activity-small">{t('activity.timeHint', { zone: TIME_ZONE })}</p>
      <Terms ids={['score', 'fill', 'atr']} />
      {filters.subject === undefined ? null : (
        <p className="activity-subject">
          <span>{t('activity.onlyAbout', { subject: subjectWords(t, filters.subject) })}</span>
          <button type="button" className="activity-link" onClick={() => void setFilters({ subject: undefined })}>{t('activity.removeSubject')}</button>
        </p>
      )}
    </form>
  );
}
