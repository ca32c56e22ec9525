import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLocalTime } from '../../frame/formatTime.ts';
import { formatMoney } from '../../numberFormat.ts';
import { useAlertsStore } from './alertsStore.ts';

const asClock = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const asMinute = (clock: string): number => {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/** Quiet hours and the key rotation period. */
export function QuietAndRotationPanel() {
  const { t } = useTranslation();
  const settings = useAlertsStore((s) => s.settings);
  const errors = useAlertsStore((s) => s.errors);
  const [on, setOn] = useState(settings?.quietHours !== null);
  const [start, setStart] = useState(asClock(settings?.quietHours?.startMinute ?? 22 * 60));
  const [end, setEnd] = useState(asClock(settings?.quietHours?.endMinute ?? 7 * 60));
  const [days, setDays] = useState(String(settings?.rotationPeriodDays ?? 90));
  if (settings === null) return null;
  const saveQuiet = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    void useAlertsStore.getState().setQuietHours(on ? { startMinute: asMinute(start), endMinute: asMinute(end) } : null);
  };
  const saveDays = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    void useAlertsStore.getState().setRotation(Number(days));
  };
  const quiet = settings.quietHours;
  return (
    <section className="alerts-card alerts-split" aria-label={t('alertsScreen.quiet.title')}>
      <form onSubmit={saveQuiet}>
        <h2>{t('alertsScreen.quiet.title')}</h2>
        <p className="alerts-muted">{t('alertsScreen.quiet.intro', { timeZone: settings.timeZone })}</p>
        <label className="alerts-check"><input type="checkbox" checked={on} onChange={(event) => { setOn(event.target.checked); }} /> {t('alertsScreen.quiet.on')}</label>
        <div className="alerts-row">
          <label className="field">{t('alertsScreen.quiet.start')}<input type="time" value={start} disabled={!on} onChange={(event) => { setStart(event.target.value); }} /></label>
          <label className="field">{t('alertsScreen.quiet.end')}<input type="time" value={end} disabled={!on} onChange={(event) => { setEnd(event.target.value); }} /></label>
        </div>
        <button type="submit">{t('alertsScreen.quiet.save')}</button>
        <p role="status">{quiet === null ? t('alertsScreen.quiet.off') : t('alertsScreen.quiet.current', { start: asClock(quiet.startMinute), end: asClock(quiet.endMinute) })}</p>
        {errors.quiet === undefined ? null : <p role="alert" className="error">{errors.quiet.message}</p>}
      </form>
      <form onSubmit={saveDays}>
        <h2>{t('alertsScreen.rotation.title')}</h2>
        <p className="alerts-muted">{t('alertsScreen.rotation.intro')}</p>
        <label className="field">{t('alertsScreen.rotation.days')}<input type="text" inputMode="numeric" value={days} onChange={(event) => { setDays(event.target.value); }} /></label>
        <button type="submit">{t('alertsScreen.rotation.save')}</button>
        {errors.rotation === undefined ? null : <p role="alert" className="error">{errors.rotation.message}</p>}
      </form>
    </section>
  );
}

/** The latest alerts in the words they were sent with, each channel's delivery, and "Mark as seen". */
export function RecentAlertsPanel() {
  const { t } = useTranslation();
  const recent = useAlertsStore((s) => s.recent);
  const error = useAlertsStore((s) => s.errors.recent);
  return (
    <section className="alerts-card" aria-labelledby="alerts-recent">
      <h2 id="alerts-recent">{t('alertsScreen.recent.title')}</h2>
      {recent === null || recent.alerts.length === 0 ? <p className="alerts-muted">{t('alertsScreen.recent.none')}</p> : null}
      {recent !== null && recent.unacknowledged > 0 ? <p>{t('alertsScreen.recent.unseen', { count: recent.unacknowledged })}</p> : null}
      {error === undefined ? null : <p role="alert" className="error">{error.message}</p>}
      <ul className="alerts-recent" aria-label={t('alertsScreen.recent.title')}>
        {(recent?.alerts ?? []).map((alert) => (
          <li key={alert.id} data-severity={alert.severity} data-seen={alert.acknowledgedAtMs !== null}>
            <div className="alerts-recent-head">
              <strong>{alert.title}</strong>
              <time className="alerts-muted">{formatLocalTime(alert.atMs)}</time>
            </div>
            <p>{alert.body}</p>
            <p className="alerts-muted alerts-small">
              {t('alertsScreen.recent.ref', { ref: alert.reference })}
              {' · '}
              {alert.deliveries.length === 0
                ? t('alertsScreen.recent.noChannel')
                : alert.deliveries.map((delivery) => `${t(`alertsScreen.channels.${delivery.channel}`)}: ${t(`alertsScreen.recent.delivery.${delivery.status}`)}`).join(' · ')}
            </p>
            {alert.acknowledgedAtMs === null
              ? <button type="button" onClick={() => void useAlertsStore.getState().acknowledge(alert.id)}>{t('alertsScreen.recent.markSeen')}</button>
              : <span className="alerts-muted alerts-small">{t('alertsScreen.recent.seen')}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The weekly review on demand, and its export as a web page. */
export function ReviewPanel() {
  const { t } = useTranslation();
  const review = useAlertsStore((s) => s.review);
  const busy = useAlertsStore((s) => s.busy === 'review');
  const error = useAlertsStore((s) => s.errors.review);
  const exported = useAlertsStore((s) => s.exportedFileName);
  const money = (value: number) => formatMoney(value, review?.quoteAsset ?? '');
  return (
    <section className="alerts-card" aria-labelledby="alerts-review">
      <h2 id="alerts-review">{t('alertsScreen.review.title')}</h2>
      <p className="alerts-muted">{t('alertsScreen.review.intro')}</p>
      <div className="alerts-actions">
        <button type="button" disabled={busy} onClick={() => void useAlertsStore.getState().makeReview()}>{busy ? t('alertsScreen.review.making') : t('alertsScreen.review.make')}</button>
        <button type="button" onClick={() => void useAlertsStore.getState().exportReview()}>{t('alertsScreen.review.export')}</button>
      </div>
      {error === undefined ? null : <p role="alert" className="error">{error.message}</p>}
      {exported === null ? null : <p role="status">{t('alertsScreen.review.saved', { fileName: exported })}</p>}
      {review === null ? null : (
        <div className="alerts-review" data-testid="weekly-review">
          <p><strong>{t('alertsScreen.review.period', { from: formatLocalTime(review.fromMs), to: formatLocalTime(review.toMs) })}</strong></p>
          <p className="alerts-muted">{review.basis}</p>
          <ul>
            <li>{t('alertsScreen.review.orders', { count: review.execution.orders })}</li>
            <li>{t('alertsScreen.review.cost', { amount: money(review.execution.totalQuote), bps: review.execution.totalBps.toFixed(1) })}</li>
            <li>{t('alertsScreen.review.fees', { amount: money(review.execution.feesQuote) })}</li>
            <li>{t('alertsScreen.review.rejections', { count: review.rejections.reduce((sum, group) => sum + group.count, 0) })}</li>
            <li>{t('alertsScreen.review.problems', { count: review.errors.reduce((sum, group) => sum + group.count, 0) })}</li>
            <li>{t('alertsScreen.review.keys', { count: review.keys.filter((key) => key.overdue || key.daysLeft <= 14).length })}</li>
          </ul>
          {review.nextScheduledAtMs === null ? null : <p className="alerts-muted">{t('alertsScreen.review.next', { time: formatLocalTime(review.nextScheduledAtMs) })}</p>}
        </div>
      )}
    </section>
  );
}
