import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SCREENS, useAppStore } from '../store/appStore.ts';
import { KillDialog } from './KillDialog.tsx';
import { ModeBadge } from './ModeBadge.tsx';
import { RearmDialog } from './RearmDialog.tsx';
import { SafeModeBanner } from './SafeModeBanner.tsx';
import { RunStrip } from './RunStrip.tsx';
import { StateBadge } from './StateBadge.tsx';

/**
 * Ctrl+Shift+K (Cmd+Shift+K on macOS) opens the Kill confirmation from anywhere, except when
 * there is nothing to kill (already killed) or the person is answering the re-arm dialog: the
 * confirmation would only stack over it.
 */
function useKillShortcut(open: () => void, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        open();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [open, enabled]);
}

/** The persistent frame: mode, trading state, Pause/Resume and Kill on every screen. */
export function Frame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.status);
  const snapshot = useAppStore((s) => s.tradingState);
  const screen = useAppStore((s) => s.screen);
  const busy = useAppStore((s) => s.busy);
  const actionError = useAppStore((s) => s.actionError);
  const killDialogOpen = useAppStore((s) => s.killDialogOpen);
  const rearmDialogOpen = useAppStore((s) => s.rearmDialogOpen);
  const { show, pause, resume, openKillDialog, openRearmDialog } = useAppStore.getState();
  const killed = snapshot?.state === 'KILLED';
  useKillShortcut(openKillDialog, snapshot !== null && !killed && !rearmDialogOpen && !killDialogOpen);

  if (!status || !snapshot) return null;
  const paused = snapshot.state === 'PAUSED';

  return (
    <div className="frame">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
          <ModeBadge mode={status.mode} />
        </div>
        <StateBadge snapshot={snapshot} />
        <div className="controls">
          {paused ? (
            <button type="button" className="primary" disabled={busy} onClick={() => void resume()}>
              {t('actions.resume')}
            </button>
          ) : (
            <button type="button" disabled={busy || killed} onClick={() => void pause()}>
              {t('actions.pause')}
            </button>
          )}
          <button
            type="button"
            className="danger kill"
            disabled={busy || killed}
            onClick={openKillDialog}
            aria-keyshortcuts="Control+Shift+K"
            title={t('actions.killShortcut')}
          >
            {t('actions.kill')}
          </button>
        </div>
      </header>
      {killed ? (
        <section className="killed-banner" role="status" aria-label={t('killedBanner.title')}>
          <div>
            <strong>{t('killedBanner.title')}</strong>
            <p>{t('killedBanner.body', { cause: snapshot.cause.message })}</p>
          </div>
          <button type="button" className="primary" onClick={openRearmDialog}>
            {t('actions.rearm')}
          </button>
        </section>
      ) : null}
      {snapshot.state === 'SAFE_MODE' ? <SafeModeBanner snapshot={snapshot} /> : null}
      <RunStrip />
      {actionError && !killDialogOpen && !rearmDialogOpen ? (
        <p role="alert" className="error frame-error">{actionError.message}</p>
      ) : null}
      <div className="body">
        <nav className="nav" aria-label={t('nav.label')}>
          <ul>
            {SCREENS.map((id) => (
              <li key={id}>
                <button type="button" aria-current={screen === id ? 'page' : undefined} onClick={() => { show(id); }}>
                  {t(`nav.${id}`)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {/* A new screen opens at its top, not wherever the previous one was scrolled to. */}
        <main className="content" key={screen}>{children}</main>
      </div>
      <KillDialog />
      <RearmDialog phrase={snapshot.rearmPhrase} />
    </div>
  );
}
