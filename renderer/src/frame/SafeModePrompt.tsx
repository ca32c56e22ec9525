import { useTranslation } from 'react-i18next';
import { useBotStore } from '../store/botStore.ts';

/** The replay stopped where live trading would wait for the person: leave safe mode, or carry on reduce-only. */
export function SafeModePrompt({ message }: { message: string }) {
  const { t } = useTranslation();
  const busy = useBotStore((s) => s.busy);
  const error = useBotStore((s) => s.error);
  const continueRun = useBotStore((s) => s.continueRun);
  return (
    <section className="prompt-banner" role="region" aria-label={t('safeModePrompt.title')}>
      <div>
        <h2>{t('safeModePrompt.title')}</h2>
        <p>{message}</p>
        {error ? <p role="alert" className="error">{error.message}</p> : null}
      </div>
      <div className="row">
        <button type="button" className="primary" disabled={busy} onClick={() => void continueRun(true)}>
          {t('safeModePrompt.leaveAndContinue')}
        </button>
        <button type="button" disabled={busy} onClick={() => void continueRun(false)}>
          {t('safeModePrompt.continueInSafeMode')}
        </button>
      </div>
    </section>
  );
}
