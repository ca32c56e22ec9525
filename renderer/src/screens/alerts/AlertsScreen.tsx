import './alerts.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/appStore.ts';
import { QuietAndRotationPanel, RecentAlertsPanel, ReviewPanel } from './AlertsPanels.tsx';
import { ChannelsPanel, EmailPanel, TelegramPanel } from './ChannelsPanel.tsx';
import { useAlertsStore } from './alertsStore.ts';

/** How often the screen re-reads channel statuses and recent alerts while it is open. */
const REFRESH_MS = 3_000;

/**
 * Where alerts go and how they are doing: each channel's status in plain words with "Send a
 * test", the email and Telegram setup (secrets go in once and are never shown again), quiet
 * hours, the key rotation period, the latest alerts and the weekly review.
 */
export function AlertsScreen() {
  const { t } = useTranslation();
  const loaded = useAlertsStore((s) => s.settings !== null);
  const loadError = useAlertsStore((s) => s.loadError);
  // A new alert in the frame's list means the recent list here is out of date.
  const latestAlert = useAppStore((s) => s.alerts[0]?.id);
  useEffect(() => {
    void useAlertsStore.getState().load();
    const timer = setInterval(() => void useAlertsStore.getState().load(), REFRESH_MS);
    return () => { clearInterval(timer); };
  }, [latestAlert]);
  return (
    <div className="alerts-screen">
      <h1>{t('alertsScreen.title')}</h1>
      <p className="alerts-lead">{t('alertsScreen.lead')}</p>
      {loadError === null ? null : <p role="alert" className="error">{t('alertsScreen.loadFailed', { message: loadError.message })}</p>}
      {loaded ? (
        <>
          <ChannelsPanel />
          <RecentAlertsPanel />
          <EmailPanel />
          <TelegramPanel />
          <QuietAndRotationPanel />
          <ReviewPanel />
        </>
      ) : null}
    </div>
  );
}
