import type { TradingStateName } from '#core/contract/index.ts';

/**
 * Every word Ballast shows outside its window (tray, native dialogs, desktop notifications), in
 * one place, English first, so a translation is a file. The wording follows the window's frame.
 */
export const desktopStrings = {
  appName: 'Ballast',
  state: {
    ACTIVE: 'Active',
    SAFE_MODE: 'Safe mode',
    PAUSED: 'Paused',
    KILLED: 'Killed',
  } satisfies Record<TradingStateName, string>,
  stateExplained: {
    ACTIVE: 'The bot may open and close positions within your risk limits.',
    SAFE_MODE: 'The bot may only reduce or close positions. No new positions.',
    PAUSED: 'No new positions, and the bot holds back its own sales too. Stops already placed stay in place.',
    KILLED: 'Everything is stopped: no orders will be placed until you re-arm.',
  } satisfies Record<TradingStateName, string>,
  tray: {
    stateLine: 'Trading state: {state}',
    botRunning: 'Paper bot running ({symbol})',
    botWaiting: 'Paper bot waiting for you ({symbol})',
    botPaused: 'Paper bot paused ({symbol})',
    botNone: 'No paper bot running',
    liveOn: 'Live trading is on',
    practiceOn: 'Practice on the exchange’s test site (pretend money)',
    tooltip: 'Ballast: {state}',
    tooltipBotRunning: 'Ballast: {state}, paper bot running',
    tooltipBotWaiting: 'Ballast: {state}, paper bot waiting for you',
    open: 'Open Ballast',
    pause: 'Pause',
    kill: 'Kill…',
    quit: 'Quit Ballast',
  },
  killDialog: {
    title: 'Kill the bot now?',
    message: 'Kill the bot now?',
    detail:
      'Ballast will stop placing orders immediately and cancel every open order. Positions you already hold stay as they are. ' +
      'To trade again you will have to re-arm by typing a confirmation.',
    cancel: 'Cancel',
    confirm: 'Yes, kill now',
  },
  quitDialog: {
    title: 'Quit Ballast?',
    botMessage: 'A paper bot is running. Quit anyway?',
    botDetail:
      'If you quit, the paper bot stops. Its pretend account, orders and positions are kept, and you can start it again later. ' +
      'To keep it running, close the window instead: Ballast stays in the tray.',
    liveMessage: 'Live trading is on. Quit anyway?',
    liveDetail:
      'If you quit, Ballast stops trading and stops checking your live key. Orders already on the exchange stay there, ' +
      'including stop orders, which keep protecting your positions. A stop that Ballast watches itself (where the exchange ' +
      'has no stop orders) no longer protects anything.',
    keepRunning: 'Keep Ballast running',
    quit: 'Quit',
  },
  notices: {
    stateTitle: 'Ballast: {state}',
    heldBackTitle: 'Ballast: more alerts',
    heldBackBody: '{count} more alerts or changes came in quickly. Open Ballast to see them all.',
    stillRunningTitle: 'Ballast is still running',
    stillRunningBody: 'The bot keeps running while the window is closed. Use the Ballast icon in the tray to open it, pause or kill.',
    pauseFailedTitle: 'Ballast could not pause',
    killFailedTitle: 'Kill did not complete',
  },
} as const;

/** Fills `{name}` placeholders; a missing value is left visible rather than silently blank. */
export function fillIn(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}
