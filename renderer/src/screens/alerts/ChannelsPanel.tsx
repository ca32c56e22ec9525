import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertChannelId, ChannelStatusView } from '#core/contract/index.ts';
import { formatLocalTime } from '../../frame/formatTime.ts';
import { useAlertsStore } from './alertsStore.ts';

/** A channel status in plain words, with the technical detail one click away. */
export function StatusWords({ status }: { readonly status: ChannelStatusView }) {
  const { t } = useTranslation();
  const words = t(`alertsScreen.status.${status.code}`, { ...status.params, defaultValue: t('alertsScreen.status.CHANNEL_FAILED') });
  return (
    <>
      <span>{words}</span>
      {status.detail === '' ? null : (
        <details className="alerts-details">
          <summary>{t('alertsScreen.channels.details')}</summary>
          <code>{status.detail}</code>
        </details>
      )}
    </>
  );
}

const OK_CODES = new Set(['CHANNEL_OK', 'CHANNEL_NOT_TRIED']);

/** Each channel set up, its status in plain words, "Send a test" and the test's answer. */
export function ChannelsPanel() {
  const { t } = useTranslation();
  const settings = useAlertsStore((s) => s.settings);
  const busy = useAlertsStore((s) => s.busy);
  const testResults = useAlertsStore((s) => s.testResults);
  if (settings === null) return null;
  return (
    <section className="alerts-card" aria-labelledby="alerts-channels">
      <h2 id="alerts-channels">{t('alertsScreen.channels.title')}</h2>
      {settings.channels.length === 0 ? <p className="alerts-muted">{t('alertsScreen.channels.none')}</p> : null}
      <ul className="alerts-channels" aria-label={t('alertsScreen.channels.title')}>
        {settings.channels.map((channel) => {
          const name = t(`alertsScreen.channels.${channel.channel}`);
          const test = testResults[channel.channel];
          return (
            <li key={channel.channel} data-ok={OK_CODES.has(channel.status.code)} data-testid={`channel-${channel.channel}`}>
              <div className="alerts-channel-head">
                <strong>{name}</strong>
                {channel.sinceMs > 0 ? <span className="alerts-muted"> {t('alertsScreen.channels.since', { time: formatLocalTime(channel.sinceMs) })}</span> : null}
              </div>
              <p className="alerts-status"><StatusWords status={channel.status} /></p>
              {channel.waiting > 0 ? <p className="alerts-warn">{t('alertsScreen.channels.waiting', { count: channel.waiting })}</p> : null}
              <button type="button" disabled={!channel.active || busy !== null} onClick={() => void useAlertsStore.getState().sendTest(channel.channel)}>
                {busy === channel.channel ? t('alertsScreen.channels.sending') : `${t('alertsScreen.channels.sendTest')}: ${name}`}
              </button>
              {test === undefined ? null : (
                <p role="status" className={OK_CODES.has(test.code) ? 'alerts-ok' : 'alerts-warn'}>
                  {t('alertsScreen.channels.testResult', { channel: name, words: t(`alertsScreen.status.${test.code}`, { ...test.params }) })}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <p className="alerts-muted alerts-small">{t(settings.secretProtection === 'weak' ? 'alertsScreen.channels.secretsWeak' : 'alertsScreen.channels.secretsStrong')}</p>
      {settings.secretProblem === null ? null : <p role="alert" className="error">{settings.secretProblem}</p>}
    </section>
  );
}

/** The email form. The password field empties itself once saved: it is never shown again. */
export function EmailPanel() {
  const { t } = useTranslation();
  const email = useAlertsStore((s) => s.settings?.email ?? null);
  const error = useAlertsStore((s) => s.errors.email);
  const busy = useAlertsStore((s) => s.busy === 'email');
  const [form, setForm] = useState({ host: email?.host ?? '', port: String(email?.port ?? 587), username: email?.username ?? '', password: '', from: email?.from ?? '', to: email?.to ?? '' });
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => { setForm({ ...form, [name]: event.target.value }); },
  });
  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const saved = await useAlertsStore.getState().saveEmail({ ...form, port: Number(form.port) });
    setForm((current) => ({ ...current, password: '' }));
    if (saved) await useAlertsStore.getState().load();
  };
  return (
    <section className="alerts-card" aria-labelledby="alerts-email">
      <h2 id="alerts-email">{t('alertsScreen.email.title')}</h2>
      <p className="alerts-muted">{t('alertsScreen.email.intro')}</p>
      <form className="alerts-form" onSubmit={(event) => void submit(event)}>
        <label className="field">{t('alertsScreen.email.host')}<input type="text" autoComplete="off" {...field('host')} /></label>
        <label className="field">{t('alertsScreen.email.port')}<input type="text" inputMode="numeric" {...field('port')} /></label>
        <label className="field">{t('alertsScreen.email.username')}<input type="text" autoComplete="off" {...field('username')} /></label>
        <label className="field">{t(email?.passwordSaved === true ? 'alertsScreen.email.passwordKept' : 'alertsScreen.email.password')}<input type="password" autoComplete="new-password" {...field('password')} /></label>
        <label className="field">{t('alertsScreen.email.from')}<input type="text" autoComplete="off" {...field('from')} /></label>
        <label className="field">{t('alertsScreen.email.to')}<input type="text" autoComplete="off" {...field('to')} /></label>
        <div className="alerts-actions">
          <button type="submit" className="primary" disabled={busy}>{busy ? t('alertsScreen.email.saving') : t('alertsScreen.email.save')}</button>
          {email === null ? null : <button type="button" onClick={() => void useAlertsStore.getState().remove('email')}>{`${t('alertsScreen.channels.remove')}: ${t('alertsScreen.channels.email')}`}</button>}
        </div>
        {error === undefined ? null : <p role="alert" className="error">{error.message}</p>}
      </form>
    </section>
  );
}

/** Telegram: the token is checked with Telegram and emptied from the field; then the one-time code links the chat. */
export function TelegramPanel() {
  const { t } = useTranslation();
  const telegram = useAlertsStore((s) => s.settings?.telegram ?? null);
  const error = useAlertsStore((s) => s.errors.telegram);
  const busy = useAlertsStore((s) => s.busy === 'telegram');
  const [token, setToken] = useState('');
  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const entered = token;
    setToken('');
    await useAlertsStore.getState().saveTelegram(entered);
  };
  return (
    <section className="alerts-card" aria-labelledby="alerts-telegram">
      <h2 id="alerts-telegram">{t('alertsScreen.telegram.title')}</h2>
      <p className="alerts-muted">{t('alertsScreen.telegram.intro')}</p>
      <form className="alerts-form" onSubmit={(event) => void submit(event)}>
        <label className="field">{t('alertsScreen.telegram.token')}<input type="password" autoComplete="off" value={token} onChange={(event) => { setToken(event.target.value); }} /></label>
        <div className="alerts-actions">
          <button type="submit" className="primary" disabled={busy || token.trim() === ''}>{busy ? t('alertsScreen.telegram.saving') : t('alertsScreen.telegram.save')}</button>
          {telegram === null ? null : <button type="button" onClick={() => void useAlertsStore.getState().remove('telegram')}>{`${t('alertsScreen.channels.remove')}: ${t('alertsScreen.channels.telegram')}`}</button>}
        </div>
        {error === undefined ? null : <p role="alert" className="error">{error.message}</p>}
      </form>
      {telegram === null ? null : (
        <div className="alerts-telegram-state">
          {telegram.botUsername === null ? null : <p>{t('alertsScreen.telegram.bot', { name: telegram.botUsername })}</p>}
          {telegram.chatLinked ? <p className="alerts-ok">{t('alertsScreen.telegram.linked', { name: telegram.chatName ?? '' })}</p> : null}
          {telegram.linkCode === null ? null : (
            <p className="alerts-code" data-testid="telegram-link-code">
              {t('alertsScreen.telegram.linkCode', { code: telegram.linkCode.code })}
            </p>
          )}
          {!telegram.chatLinked && telegram.linkCode !== null ? <p className="alerts-muted">{t('alertsScreen.telegram.linkWaiting')}</p> : null}
          <button type="button" onClick={() => void useAlertsStore.getState().newLinkCode()}>{t('alertsScreen.telegram.newCode')}</button>
        </div>
      )}
    </section>
  );
}

export type { AlertChannelId };
