import { describe, expect, it, vi } from 'vitest';
import type { BotPhase, TradingStateName } from '../../core/contract/index.ts';
import { trayIconSizePx, trayMenuModel, trayMenuTemplate, type TrayMenuEntry, type TrayMenuModel } from '../../electron/main/trayMenu.ts';

const STATES: readonly TradingStateName[] = ['ACTIVE', 'SAFE_MODE', 'PAUSED', 'KILLED'];
const PHASES: readonly BotPhase[] = ['idle', 'loading', 'running', 'paused', 'waiting', 'finished', 'stopped', 'failed'];

const command = (model: TrayMenuModel, name: string) =>
  model.entries.find((entry): entry is Extract<TrayMenuEntry, { kind: 'command' }> => entry.kind === 'command' && entry.command === name);
const statusLines = (model: TrayMenuModel) => model.entries.flatMap((entry) => (entry.kind === 'status' ? [entry.label] : []));

describe('trayMenuModel', () => {
  it('names the trading state in the menu and the tooltip, in the window\'s words', () => {
    const names = { ACTIVE: 'Active', SAFE_MODE: 'Safe mode', PAUSED: 'Paused', KILLED: 'Killed' } as const;
    for (const state of STATES) {
      const model = trayMenuModel(state, { phase: 'idle' });
      expect(statusLines(model)[0]).toBe(`Trading state: ${names[state]}`);
      expect(model.tooltip).toBe(`Ballast: ${names[state]}`);
    }
  });

  it('says whether a paper bot runs, on which market, and when it waits for the person', () => {
    expect(statusLines(trayMenuModel('ACTIVE', { phase: 'running', symbol: 'BTC/USDT' }))).toContain('Paper bot running (BTC/USDT)');
    expect(trayMenuModel('ACTIVE', { phase: 'running', symbol: 'BTC/USDT' }).tooltip).toBe('Ballast: Active, paper bot running');
    expect(statusLines(trayMenuModel('SAFE_MODE', { phase: 'waiting', symbol: 'ETH/USDT' }))).toContain('Paper bot waiting for you (ETH/USDT)');
    expect(trayMenuModel('SAFE_MODE', { phase: 'waiting', symbol: 'ETH/USDT' }).tooltip).toBe('Ballast: Safe mode, paper bot waiting for you');
    for (const phase of ['idle', 'finished', 'stopped', 'failed'] as const) {
      expect(statusLines(trayMenuModel('PAUSED', { phase, symbol: 'BTC/USDT' }))).toContain('No paper bot running');
    }
  });

  it('shows live trading when it is on', () => {
    expect(statusLines(trayMenuModel('ACTIVE', { phase: 'idle' }, 'live'))).toContain('Live trading is on');
    expect(statusLines(trayMenuModel('ACTIVE', { phase: 'idle' }, 'paper'))).not.toContain('Live trading is on');
  });

  it('offers Pause only where the state machine accepts it, and Kill everywhere but after a kill', () => {
    for (const state of STATES) {
      for (const phase of PHASES) {
        const model = trayMenuModel(state, { phase });
        expect(command(model, 'pause')?.enabled).toBe(state === 'ACTIVE' || state === 'SAFE_MODE');
        expect(command(model, 'kill')?.enabled).toBe(state !== 'KILLED');
        expect(command(model, 'open')?.enabled).toBe(true);
        expect(command(model, 'quit')?.enabled).toBe(true);
      }
    }
  });

  it('marks Kill as asking first, and never offers Resume or re-arm outside the window', () => {
    const model = trayMenuModel('PAUSED', { phase: 'running', symbol: 'BTC/USDT' });
    expect(command(model, 'kill')?.label).toBe('Kill…');
    expect(model.entries.flatMap((entry) => (entry.kind === 'command' ? [entry.command] : [])))
      .toEqual(['open', 'pause', 'kill', 'quit']);
  });

  it('keeps the tooltip within the 127 characters Windows shows', () => {
    for (const state of STATES) for (const phase of PHASES) expect(trayMenuModel(state, { phase, symbol: 'ABCDEFGHIJ/ABCDEFGHIJ' }, 'live').tooltip.length).toBeLessThanOrEqual(127);
  });
});

describe('trayMenuTemplate', () => {
  it('makes status lines unclickable and sends each command exactly once when clicked', () => {
    const onCommand = vi.fn();
    const template = trayMenuTemplate(trayMenuModel('ACTIVE', { phase: 'running', symbol: 'BTC/USDT' }), onCommand);
    expect(template.slice(0, 2)).toEqual([
      { label: 'Trading state: Active', enabled: false },
      { label: 'Paper bot running (BTC/USDT)', enabled: false },
    ]);
    expect(template.filter((item) => item.type === 'separator')).toHaveLength(2);
    const kill = template.find((item) => item.id === 'kill');
    expect(kill).toMatchObject({ label: 'Kill…', enabled: true });
    (kill?.click as () => void)();
    expect(onCommand.mock.calls).toEqual([['kill']]);
  });

  it('carries a disabled Pause through to the menu', () => {
    const template = trayMenuTemplate(trayMenuModel('KILLED', { phase: 'stopped' }), () => undefined);
    expect(template.find((item) => item.id === 'pause')?.enabled).toBe(false);
    expect(template.find((item) => item.id === 'kill')?.enabled).toBe(false);
  });
});

describe('trayIconSizePx', () => {
  it('draws 24 px on Linux panels and 16 px on Windows and macOS', () => {
    expect(trayIconSizePx('linux')).toBe(24);
    expect(trayIconSizePx('win32')).toBe(16);
    expect(trayIconSizePx('darwin')).toBe(16);
  });
});
