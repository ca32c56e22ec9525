import { describe, expect, it } from 'vitest';
import type { BotPhase } from '../../core/contract/index.ts';
import {
  closeWindowDecision, confirmedByButton, killConfirmationDialog, quitDecision, type MessageBoxModel,
} from '../../electron/main/appLifecycle.ts';

const UNDER_WAY: readonly BotPhase[] = ['loading', 'running', 'paused', 'waiting'];
const AT_REST: readonly BotPhase[] = ['idle', 'finished', 'stopped', 'failed'];

function asked(decision: ReturnType<typeof quitDecision>): MessageBoxModel {
  if (decision.kind !== 'ask') throw new Error('expected Ballast to ask before quitting');
  return decision.dialog;
}

describe('quitDecision', () => {
  it('quits without asking when no bot is under way and live trading is off', () => {
    for (const botPhase of AT_REST) expect(quitDecision({ botPhase, mode: 'paper' })).toEqual({ kind: 'quit' });
  });

  it('asks in plain words while a paper bot is under way, with "keep running" as the safe default', () => {
    for (const botPhase of UNDER_WAY) {
      const dialog = asked(quitDecision({ botPhase, mode: 'paper' }));
      expect(dialog.message).toBe('A paper bot is running. Quit anyway?');
      expect(dialog.detail).toContain('If you quit, the paper bot stops.');
      expect(dialog.detail).toContain('close the window instead');
      expect(dialog.buttons).toEqual(['Keep Ballast running', 'Quit']);
      // Enter, Escape and closing the box all keep the bot running.
      expect(dialog.defaultId).toBe(0);
      expect(dialog.cancelId).toBe(0);
      expect(confirmedByButton(dialog.defaultId)).toBe(false);
      expect(confirmedByButton(dialog.buttons.indexOf('Quit'))).toBe(true);
    }
  });

  it('asks while live trading is on, saying what still protects the positions', () => {
    const dialog = asked(quitDecision({ botPhase: 'idle', mode: 'live' }));
    expect(dialog.message).toBe('Live trading is on. Quit anyway?');
    expect(dialog.detail).toContain('stop orders, which keep protecting your positions');
  });

  it('never holds up a computer that is shutting down', () => {
    expect(quitDecision({ botPhase: 'running', mode: 'live' }, { systemShuttingDown: true })).toEqual({ kind: 'quit' });
  });
});

describe('confirmedByButton', () => {
  it('goes ahead only on the go-ahead button, not on cancel, Escape or an unknown answer', () => {
    expect(confirmedByButton(1)).toBe(true);
    for (const response of [0, -1, 2, Number.NaN]) expect(confirmedByButton(response)).toBe(false);
  });
});

describe('killConfirmationDialog', () => {
  it('uses the window\'s words and kills only on "Yes, kill now"', () => {
    const dialog = killConfirmationDialog();
    expect(dialog.message).toBe('Kill the bot now?');
    expect(dialog.detail).toContain('cancel every open order');
    expect(dialog.detail).toContain('re-arm by typing a confirmation');
    expect(confirmedByButton(dialog.buttons.indexOf('Yes, kill now'))).toBe(true);
    expect(confirmedByButton(dialog.defaultId)).toBe(false);
    expect(confirmedByButton(dialog.cancelId)).toBe(false);
  });
});

describe('closeWindowDecision', () => {
  it('hides the window to the tray while a bot is under way or live trading is on, so closing does not stop it', () => {
    for (const botPhase of UNDER_WAY) expect(closeWindowDecision({ botPhase, mode: 'paper' }, { quitting: false, trayAvailable: true })).toBe('hide-to-tray');
    expect(closeWindowDecision({ botPhase: 'idle', mode: 'live' }, { quitting: false, trayAvailable: true })).toBe('hide-to-tray');
  });

  it('closes normally when nothing runs', () => {
    for (const botPhase of AT_REST) expect(closeWindowDecision({ botPhase, mode: 'paper' }, { quitting: false, trayAvailable: true })).toBe('close');
  });

  it('closes during a quit the person confirmed', () => {
    expect(closeWindowDecision({ botPhase: 'running', mode: 'live' }, { quitting: true, trayAvailable: true })).toBe('close');
  });

  it('does not hide a window that could not be found again when the desktop has no tray', () => {
    expect(closeWindowDecision({ botPhase: 'running', mode: 'paper' }, { quitting: false, trayAvailable: false })).toBe('close');
  });
});
