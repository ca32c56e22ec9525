import { botIsUnderWay, type BotPhase, type TradingMode } from '#core/contract/index.ts';
import { desktopStrings } from './desktopStrings.ts';

/** A native message box as plain data; the adapter hands it to `dialog.showMessageBox`. */
export interface MessageBoxModel {
  readonly type: 'warning' | 'question';
  readonly title: string;
  readonly message: string;
  readonly detail: string;
  readonly buttons: readonly string[];
  /** Enter picks this one; Escape and closing the box pick `cancelId`. Both are the safe choice. */
  readonly defaultId: number;
  readonly cancelId: number;
}

export interface RunningWork {
  readonly botPhase: BotPhase;
  readonly mode: TradingMode;
}

export type QuitDecision = { readonly kind: 'quit' } | { readonly kind: 'ask'; readonly dialog: MessageBoxModel };

/** Index of the button that goes ahead, in both dialogs below. */
const GO_AHEAD = 1;

/**
 * Whether quitting needs the person's yes: only when it would stop something under way (a paper
 * bot, live trading). A computer shutting down is not asked: holding up the shutdown would not
 * keep the bot running, only make the operating system kill Ballast less cleanly.
 */
export function quitDecision(work: RunningWork, options: { systemShuttingDown?: boolean } = {}): QuitDecision {
  if (options.systemShuttingDown === true) return { kind: 'quit' };
  const { quitDialog } = desktopStrings;
  const live = work.mode !== 'paper';
  if (!live && !botIsUnderWay(work.botPhase)) return { kind: 'quit' };
  return {
    kind: 'ask',
    dialog: {
      type: 'warning',
      title: quitDialog.title,
      message: live ? quitDialog.liveMessage : quitDialog.botMessage,
      detail: live ? quitDialog.liveDetail : quitDialog.botDetail,
      buttons: [quitDialog.keepRunning, quitDialog.quit],
      defaultId: 0,
      cancelId: 0,
    },
  };
}

/** The Kill confirmation the tray shows; the window has its own dialog with the same words. */
export function killConfirmationDialog(): MessageBoxModel {
  const { killDialog } = desktopStrings;
  return {
    type: 'warning',
    title: killDialog.title,
    message: killDialog.message,
    detail: killDialog.detail,
    buttons: [killDialog.cancel, killDialog.confirm],
    defaultId: 0,
    cancelId: 0,
  };
}

/** True only for the go-ahead button; any other answer (Escape, closing the box) keeps things as they are. */
export function confirmedByButton(response: number): boolean {
  return response === GO_AHEAD;
}

export type CloseWindowDecision = 'close' | 'hide-to-tray';

/**
 * Closing the window must not stop a running bot: while one is under way (or live trading is on)
 * the window hides and Ballast stays in the tray. With nothing running, closing behaves as usual
 * (Windows and Linux quit; macOS keeps the app in the dock). During a quit, windows just close.
 */
export function closeWindowDecision(work: RunningWork, options: { quitting: boolean; trayAvailable: boolean }): CloseWindowDecision {
  if (options.quitting) return 'close';
  // Without a tray icon a hidden window could not be found again; quitting then asks instead.
  if (!options.trayAvailable) return 'close';
  return work.mode !== 'paper' || botIsUnderWay(work.botPhase) ? 'hide-to-tray' : 'close';
}
