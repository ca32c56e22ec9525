import { useTranslation } from 'react-i18next';
import { botIsUnderWay } from '#core/contract/index.ts';
import { useAppStore } from '../store/appStore.ts';
import { useBotStore } from '../store/botStore.ts';
import { SafeModePrompt } from './SafeModePrompt.tsx';

/**
 * The running paper bot on every screen: what it is doing, Stop, and — when a replay waits for
 * the person — the safe-mode question itself, so it can always be seen and answered.
 */
export function RunStrip() {
  const { t } = useTranslation();
  const bot = useAppStore((s) => s.botStatus);
  const busy = useBotStore((s) => s.busy);
  const stop = useBotStore((s) => s.stop);
  if (bot === null || !botIsUnderWay(bot.phase)) return null;
  return (
    <>
      <section className="run-strip" aria-label={t('runStrip.label')} data-phase={bot.phase}>
        <p>
          <strong>{t(`runStrip.phase_${bot.phase}`)}</strong> · {bot.marketLabel}
          {bot.phase === 'paused' ? <span className="muted"> · {bot.message}</span> : null}
        </p>
        <button type="button" disabled={busy} onClick={() => void stop()}>
          {t('paper.stop')}
        </button>
      </section>
      {bot.phase === 'waiting' ? <SafeModePrompt message={bot.message} /> : null}
    </>
  );
}
