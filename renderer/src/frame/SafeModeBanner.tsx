import { useTranslation } from 'react-i18next';
import type { TradingStateSnapshot } from '#core/contract/index.ts';
import { useAppStore } from '../store/appStore.ts';

/** Why safe mode is on, what is still tripped, and the way out once everything has cleared. */
export function SafeModeBanner({ snapshot }: { snapshot: TradingStateSnapshot }) {
  const { t } = useTranslation();
  const busy = useAppStore((s) => s.busy);
  const leaveSafeMode = useAppStore((s) => s.leaveSafeMode);
  const active = snapshot.activeTriggers ?? [];
  return (
    <section className="safe-banner" role="status" aria-label={t('safeMode.title')}>
      <div>
        <strong>{t('safeMode.title')}</strong>
        <p>{t('safeMode.body', { cause: snapshot.cause.message })}</p>
        {active.length > 0 ? (
          <ul>
            {active.map((cause) => <li key={cause.code + cause.message}>{cause.message}</li>)}
          </ul>
        ) : (
          <p>{t('safeMode.clear')}</p>
        )}
      </div>
      <button type="button" className="primary" disabled={busy || active.length > 0} onClick={() => void leaveSafeMode()}
        title={active.length > 0 ? t('safeMode.stillTripped') : undefined}>
        {t('safeMode.leave')}
      </button>
    </section>
  );
}
