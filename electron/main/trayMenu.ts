import type { MenuItemConstructorOptions } from 'electron';
import { botIsUnderWay, type BotPhase, type TradingMode, type TradingStateName } from '#core/contract/index.ts';
import { desktopStrings, fillIn } from './desktopStrings.ts';

/** What a tray entry does; tray.ts maps each to the same core command the window's buttons use. */
export type TrayCommand = 'open' | 'pause' | 'kill' | 'quit';

export type TrayMenuEntry =
  | { readonly kind: 'status'; readonly label: string }
  | { readonly kind: 'separator' }
  | { readonly kind: 'command'; readonly command: TrayCommand; readonly label: string; readonly enabled: boolean };

export interface TrayMenuModel {
  readonly tooltip: string;
  readonly entries: readonly TrayMenuEntry[];
}

/** What the tray needs to know about the paper bot. */
export interface TrayBotStatus {
  readonly phase: BotPhase;
  /** The bot's market, e.g. BTC/USDT; absent before any bot was set up. */
  readonly symbol?: string | undefined;
}

function botLine(bot: TrayBotStatus): string {
  const symbol = bot.symbol ?? '';
  if (bot.phase === 'waiting') return fillIn(desktopStrings.tray.botWaiting, { symbol });
  if (bot.phase === 'paused') return fillIn(desktopStrings.tray.botPaused, { symbol });
  if (botIsUnderWay(bot.phase)) return fillIn(desktopStrings.tray.botRunning, { symbol });
  return desktopStrings.tray.botNone;
}

function tooltipFor(state: string, bot: TrayBotStatus): string {
  if (bot.phase === 'waiting') return fillIn(desktopStrings.tray.tooltipBotWaiting, { state });
  if (botIsUnderWay(bot.phase)) return fillIn(desktopStrings.tray.tooltipBotRunning, { state });
  return fillIn(desktopStrings.tray.tooltip, { state });
}

/**
 * The tray menu for a trading state and bot. Pause is offered where the state machine accepts
 * it (not when already paused or killed); Kill everywhere but KILLED, and only after a native
 * confirmation; Resume and re-arm are left to the window, where the person sees why the bot stopped.
 */
export function trayMenuModel(state: TradingStateName, bot: TrayBotStatus, mode: TradingMode = 'paper'): TrayMenuModel {
  const stateName = desktopStrings.state[state];
  const status: TrayMenuEntry[] = [
    { kind: 'status', label: fillIn(desktopStrings.tray.stateLine, { state: stateName }) },
    { kind: 'status', label: botLine(bot) },
  ];
  if (mode === 'live') status.push({ kind: 'status', label: desktopStrings.tray.liveOn });
  if (mode === 'testnet') status.push({ kind: 'status', label: desktopStrings.tray.practiceOn });
  return {
    tooltip: tooltipFor(stateName, bot),
    entries: [
      ...status,
      { kind: 'separator' },
      { kind: 'command', command: 'open', label: desktopStrings.tray.open, enabled: true },
      { kind: 'command', command: 'pause', label: desktopStrings.tray.pause, enabled: state === 'ACTIVE' || state === 'SAFE_MODE' },
      { kind: 'command', command: 'kill', label: desktopStrings.tray.kill, enabled: state !== 'KILLED' },
      { kind: 'separator' },
      { kind: 'command', command: 'quit', label: desktopStrings.tray.quit, enabled: true },
    ],
  };
}

/** The model as Electron's menu template; status lines are shown but cannot be clicked. */
export function trayMenuTemplate(model: TrayMenuModel, onCommand: (command: TrayCommand) => void): MenuItemConstructorOptions[] {
  return model.entries.map((entry): MenuItemConstructorOptions => {
    switch (entry.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'status':
        return { label: entry.label, enabled: false };
      case 'command':
        return { id: entry.command, label: entry.label, enabled: entry.enabled, click: () => { onCommand(entry.command); } };
    }
  });
}

/** Tray icon size in pixels: Windows and macOS draw 16 px (32 on high-DPI from the same image), most Linux panels 22–24. */
export function trayIconSizePx(platform: NodeJS.Platform): number {
  return platform === 'linux' ? 24 : 16;
}
