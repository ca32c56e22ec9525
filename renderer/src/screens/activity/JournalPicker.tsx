import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityJournal } from '#core/contract/index.ts';
import { formatLocalTime } from '../../frame/formatTime.ts';
import { useActivityStore } from './activityStore.ts';

/** Which journal to read: Ballast's own, or one paper run's. */
export function JournalPicker({ journals }: { journals: readonly ActivityJournal[] }) {
  const { t } = useTranslation();
  const id = useId();
  const journalId = useActivityStore((s) => s.journalId);
  const chosen = journals.find((journal) => journal.id === journalId);

  // Inside the "Paper runs" group the label's "Paper run: " would only repeat the group's name.
  const optionText = (journal: ActivityJournal): string => {
    if (journal.startedAtMs === null) return journal.label;
    const strategy = journal.label.replace(/^Paper run: /, '');
    const text = t('activity.journalOption_paper', { strategy, started: formatLocalTime(journal.startedAtMs) });
    return journal.isCurrent ? `${text} ${t('activity.journalCurrent')}` : text;
  };
  const option = (journal: ActivityJournal) => <option key={journal.id} value={journal.id}>{optionText(journal)}</option>;
  const runs = journals.filter((journal) => journal.kind === 'paper');
  const facts = (journal: ActivityJournal): string => {
    const entries = journal.entries === null ? t('activity.journalUnreadable') : t('activity.entries', { count: journal.entries, formatted: journal.entries.toLocaleString() });
    const line = journal.startedAtMs === null ? t('activity.journalFacts_app', { entries }) : t('activity.journalFacts_paper', { started: formatLocalTime(journal.startedAtMs), entries });
    return journal.isCurrent ? `${line} · ${t('activity.journalFactsCurrent')}` : line;
  };

  return (
    <div className="activity-card activity-picker">
      <label className="activity-field" htmlFor={id}>{t('activity.journalLabel')}</label>
      <select id={id} value={journalId ?? ''} onChange={(event) => void useActivityStore.getState().selectJournal(event.target.value)}>
        <optgroup label={t('activity.appGroup')}>{journals.filter((journal) => journal.kind === 'app').map(option)}</optgroup>
        {runs.length === 0 ? null : <optgroup label={t('activity.runsGroup')}>{runs.map(option)}</optgroup>}
      </select>
      {chosen ? (
        <>
          <p className="activity-facts">{facts(chosen)}</p>
          <p className={chosen.problem === null ? 'activity-muted activity-small' : 'error'}>{chosen.problem ?? chosen.description}</p>
        </>
      ) : null}
      {runs.length === 0 ? <p className="activity-muted activity-small">{t('activity.noRunsYet')}</p> : null}
    </div>
  );
}
