import { app, dialog, Notification, powerMonitor, powerSaveBlocker, type MessageBoxOptions } from 'electron';
import type { Alert } from '#core/contract/index.ts';
import type { Logger } from '#core/log/index.ts';
import type { BallastCore } from '#core/runtime/index.ts';
import type { DesktopNotifier } from '#core/alerts/index.ts';
import { closeWindowDecision, confirmedByButton, killConfirmationDialog, quitDecision, type MessageBoxModel, type RunningWork } from './appLifecycle.ts';
import { desktopStrings } from './desktopStrings.ts';
import { noticeForAlert, noticeText, NoticeThrottle, worthNotifying, type DesktopNotice } from './desktopNotices.ts';
import { keepAwakeWanted, SleepGuard } from './sleepPrevention.ts';
import { createBallastTray } from './tray.ts';
import { recheckAfterWake } from './wakeRecheck.ts';
import { trayMenuModel, type TrayCommand } from './trayMenu.ts';

// Electron's own window type: what BrowserWindow.getAllWindows() returns.
type BrowserWindow = Electron.BrowserWindow;

export interface DesktopIntegrationOptions {
  readonly core: BallastCore;
  readonly log: Logger;
  readonly trayIconPath: string;
  /** The main window, if one exists (it may be hidden). */
  readonly mainWindow: () => BrowserWindow | undefined;
  /** Shows the main window, creating it if needed, and brings it to the front. */
  readonly showMainWindow: () => void;
}

export interface DesktopIntegration {
  /** Every main window goes through here: closing it hides it while a bot runs. */
  watchWindow(window: BrowserWindow): void;
  /**
   * The alert outbox's desktop channel: masked, filtered by focus and rate-limited like every
   * other notice. Trading-state changes reach the desktop this way, with why, once.
   */
  readonly alertNotifier: DesktopNotifier;
  dispose(): void;
}

/**
 * Ballast outside its window: tray icon, desktop notifications, keeping the computer awake while a
 * bot runs, and asking before a quit would stop one. Every decision is a plain function (trayMenu,
 * desktopNotices, sleepPrevention, appLifecycle); this file only connects them to Electron.
 */
export function installDesktopIntegration(options: DesktopIntegrationOptions): DesktopIntegration {
  const { core, log } = options;
  const work = (): RunningWork => ({ botPhase: core.bot.status().phase, mode: core.tradingMode() });
  const visibleWindow = (): BrowserWindow | undefined => {
    const window = options.mainWindow();
    return window?.isVisible() === true ? window : undefined;
  };
  let quitting = false;
  let askingToQuit = false;
  let systemShuttingDown = false;
  let toldStillRunning = false;

  // Notifications: mapped, filtered and rate-limited by plain functions; shown here.
  const throttle = new NoticeThrottle();
  let flushTimer: NodeJS.Timeout | undefined;
  const present = (notice: DesktopNotice): void => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: notice.title, body: notice.body, urgency: notice.urgency, silent: notice.urgency === 'low' });
    notification.on('click', () => { options.showMainWindow(); });
    notification.show();
  };
  const scheduleFlush = (nowMs: number): void => {
    const atMs = throttle.nextFlushAtMs(nowMs);
    if (atMs === null || flushTimer !== undefined) return;
    flushTimer = setTimeout(() => {
      flushTimer = undefined;
      const now = Date.now();
      const summary = throttle.flush(now);
      if (summary !== null) present(summary);
      scheduleFlush(now);
    }, Math.max(0, atMs - nowMs));
  };
  const offer = (notice: DesktopNotice): void => {
    if (!worthNotifying(notice, options.mainWindow()?.isFocused() === true)) return;
    const nowMs = Date.now();
    const admitted = throttle.offer(notice, nowMs);
    if (admitted !== null) present(admitted);
    scheduleFlush(nowMs);
  };
  const reportFailure = (title: string, message: string): void => {
    present({ title, body: noticeText(message, 200), urgency: 'critical' });
  };

  const askWith = async (model: MessageBoxModel): Promise<boolean> => {
    const box: MessageBoxOptions = { ...model, buttons: [...model.buttons], noLink: true };
    const parent = visibleWindow();
    const { response } = parent === undefined ? await dialog.showMessageBox(box) : await dialog.showMessageBox(parent, box);
    return confirmedByButton(response);
  };

  // The tray: the same core commands as the window's Pause and Kill buttons.
  const onTrayCommand = (command: TrayCommand): void => {
    switch (command) {
      case 'open':
        options.showMainWindow();
        return;
      case 'quit':
        app.quit();
        return;
      case 'pause':
        void core.dispatch('pause', {}).then((result) => {
          if (!result.ok) reportFailure(desktopStrings.notices.pauseFailedTitle, result.error.message);
        });
        return;
      case 'kill':
        void askWith(killConfirmationDialog()).then(async (confirmed) => {
          if (!confirmed) return;
          log.info('kill confirmed from the tray');
          const result = await core.dispatch('kill', { confirmed: true });
          if (!result.ok) reportFailure(desktopStrings.notices.killFailedTitle, result.error.message);
        }).catch((error: unknown) => { log.error({ err: error }, 'the tray kill confirmation failed'); });
        return;
    }
  };
  const tray = createBallastTray(options.trayIconPath, onTrayCommand, log);
  const guard = new SleepGuard(powerSaveBlocker);

  const refresh = (): void => {
    const status = core.bot.status();
    const { mode } = work();
    tray?.show(trayMenuModel(core.tradingState.snapshot().state, { phase: status.phase, symbol: status.config?.symbol }, mode));
    if (guard.apply(keepAwakeWanted(status.phase, mode))) {
      log.info({ keepingAwake: guard.isKeepingAwake }, guard.isKeepingAwake ? 'keeping the computer awake while the bot runs' : 'no longer keeping the computer awake');
    }
  };

  // Trading-state changes come through here as alerts (with why), recorded in the outbox first.
  const alertNotifier: DesktopNotifier = {
    show(notice) {
      if (!Notification.isSupported()) return Promise.resolve(false);
      offer({ title: noticeText(notice.title, 64), body: noticeText(notice.body, 200), urgency: notice.urgency });
      return Promise.resolve(true);
    },
  };

  const unsubscribe = core.events.subscribe((message) => {
    if (message.name === 'alertRaised') offer(noticeForAlert(message.payload as Alert));
    refresh();
  });
  refresh();

  // Quitting: asked only when it would stop a bot or live trading, never while the computer shuts down.
  powerMonitor.on('shutdown', () => { systemShuttingDown = true; });
  // Woken from sleep: the live bot checks the account against its record before anything else.
  const stopWakeRecheck = recheckAfterWake(powerMonitor, core.liveBot, log);
  app.on('before-quit', (event) => {
    if (quitting) return;
    const decision = quitDecision(work(), { systemShuttingDown });
    if (decision.kind === 'quit') {
      quitting = true;
      return;
    }
    event.preventDefault();
    if (askingToQuit) return;
    askingToQuit = true;
    void askWith(decision.dialog).then((confirmed) => {
      askingToQuit = false;
      if (confirmed) {
        log.info('quit confirmed while a bot was running');
        quitting = true;
        app.quit();
      } else if (visibleWindow() === undefined) {
        // The window may already be gone (no tray on this desktop): bring it back, or Ballast would run unseen.
        options.showMainWindow();
      }
    }).catch((error: unknown) => {
      askingToQuit = false;
      log.error({ err: error }, 'the quit confirmation failed');
    });
  });

  return {
    alertNotifier,
    watchWindow(window) {
      window.on('close', (event) => {
        if (closeWindowDecision(work(), { quitting, trayAvailable: tray !== null }) === 'close') return;
        event.preventDefault();
        window.hide();
        if (!toldStillRunning) {
          toldStillRunning = true;
          offer({ title: desktopStrings.notices.stillRunningTitle, body: desktopStrings.notices.stillRunningBody, urgency: 'normal' });
        }
      });
      // Windows logging off or shutting down: let it close without asking.
      window.on('session-end', () => { systemShuttingDown = true; });
    },
    dispose() {
      unsubscribe();
      stopWakeRecheck();
      if (flushTimer !== undefined) clearTimeout(flushTimer);
      guard.dispose();
      tray?.destroy();
    },
  };
}
