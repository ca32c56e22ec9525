import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyList, LiveStatusView } from '#core/contract/index.ts';
import { formatLocalTime } from '../../frame/formatTime.ts';
import { LiveBotPanel } from './LiveBotPanel.tsx';
import { LiveGateDialog } from './LiveGateDialog.tsx';
import { liveKeys, useKeysStore } from './keysStore.ts';

/** How often the live key is re-read, as an i18n key and a count ("minute", "5 seconds"). */
function interval(intervalMs: number): { key: string; count: number } {
  return intervalMs >= 60_000
    ? { key: 'keys.live.minutes', count: Math.round(intervalMs / 60_000) }
    : { key: 'keys.live.seconds', count: Math.max(1, Math.round(intervalMs / 1_000)) };
}

/** Paper or live; the way into live trading (through the checklist) and out of it. */
export function LivePanel({ live, list }: { live: LiveStatusView; list: KeyList }) {
  const { t } = useTranslation();
  const notice = useKeysStore((s) => s.liveNotice);
  const stopLive = useKeysStore((s) => s.stopLive);
  const [gateOpen, setGateOpen] = useState(false);
  const liveKey = list.keys.find((key) => key.id === live.keyId);
  const isLive = live.mode === 'live';
  const every = interval(live.watchIntervalMs);
  return (
    <section className="keys-card keys-live" data-mode={live.mode} aria-labelledby="keys-live-title">
      <h2 id="keys-live-title">{t('keys.live.title')}</h2>
      {isLive ? (
        <>
          <p>
            {liveKey
              ? t('keys.live.on', { label: liveKey.label, exchange: t(`keys.exchange.${liveKey.exchange}`), minutes: t(every.key, { count: every.count }) })
              : t('keys.live.onUnknownKey')}
          </p>
          {live.lastCheck && live.lastCheckAtMs !== undefined ? (
            <p className="keys-muted">{t(`keys.live.lastCheck.${live.lastCheck}`, { time: formatLocalTime(live.lastCheckAtMs) })}</p>
          ) : null}
        </>
      ) : <p>{t('keys.live.off')}</p>}
      {notice === 'started' && isLive ? <p role="status" className="keys-notice">{t('keys.live.started')}</p> : null}
      {notice === 'stopped' && !isLive ? <p role="status" className="keys-notice">{t('keys.live.stopped')}</p> : null}
      <LiveBotPanel />
      <div className="keys-actions">
        {isLive
          ? <button type="button" onClick={() => void stopLive()}>{t('keys.live.stop')}</button>
          : <button type="button" onClick={() => { setGateOpen(true); }}>{t('keys.live.start')}</button>}
      </div>
      <LiveGateDialog open={gateOpen} keys={liveKeys(list)} onClose={() => { setGateOpen(false); }} />
    </section>
  );
}
