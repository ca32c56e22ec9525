import { useTranslation } from 'react-i18next';
import { useBotStore } from '../../store/botStore.ts';

/** The replay stopped where live trading would wait for the person: leave safe mode, or carry on reduce-only. */
export function SafeModePrompt({ message }: { message: string }) {
  const { t } = useTranslation();
  const busy = useBotStore((s) => s.busy);
  const error = useBotStore((s) => s.error);
  const continueRun = useBotStore((s) => s.continueRun);
  return (
    <section className="card prompt" role="region" aria-label={t('dashboard.safeModePromptTitle')}>
      <h2>{t('dashboard.safeModePromptTitle')}</h2>
      <p>{message}</p>
      {error ? <p role="alert" className="error">{error.message}</p> : null}
      <div className="row">
        <button type="button" className="primary" disabled={busy} onClick={() => void continueRun(true)}>
          {t('dashboard.leaveSafeModeAndContinue')}
        </button>
        <button type="button" disabled={busy} onClick={() => void continueRun(false)}>
          {t('dashboard.continueInSafeMode')}
        </button>
      </div>
    </section>
  );
}
