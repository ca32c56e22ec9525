import { useTranslation } from 'react-i18next';
import { formatLocalTime } from '../../frame/formatTime.ts';
import { useAppStore } from '../../store/appStore.ts';

export function AlertList() {
  const { t } = useTranslation();
  const alerts = useAppStore((s) => s.alerts);
  return (
    <div className="card alerts">
      <h2>{t('alerts.title')}</h2>
      {alerts.length === 0 ? <p className="muted">{t('alerts.none')}</p> : null}
      <ul>
        {alerts.map((alert) => (
          <li key={alert.id} data-severity={alert.severity}>
            <strong>{alert.title}</strong> <time className="muted">{formatLocalTime(alert.atMs)}</time>
            <p>{alert.message}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
