import './activity.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorWords } from '../../errorWords.ts';
import { useActivityStore } from './activityStore.ts';
import { ActivityFilterForm } from './ActivityFilterForm.tsx';
import { ActivityTable } from './ActivityTable.tsx';
import { JournalPicker } from './JournalPicker.tsx';
import { VerificationPanel } from './VerificationPanel.tsx';

/** The audit trail: pick a journal, check it, narrow it down, read each entry, save a copy. */
export function ActivityScreen() {
  const { t } = useTranslation();
  const journals = useActivityStore((s) => s.journals);
  const error = useActivityStore((s) => s.error);
  const filtersEpoch = useActivityStore((s) => s.filtersEpoch);

  useEffect(() => {
    void useActivityStore.getState().load();
  }, []);

  return (
    <section className="screen activity-screen" aria-labelledby="screen-activity">
      <h1 id="screen-activity">{t('activity.title')}</h1>
      <p className="activity-lead">{t('activity.lead')}</p>
      {journals === null ? <p className="activity-muted">{t('activity.loading')}</p> : (
        <>
          <div className="activity-top">
            <JournalPicker journals={journals} />
            <VerificationPanel />
          </div>
          {error ? <p role="alert" className="error">{errorWords(error, t('activity.refusedInput'))}</p> : null}
          <ActivityFilterForm key={filtersEpoch} />
          <ActivityTable />
        </>
      )}
    </section>
  );
}
