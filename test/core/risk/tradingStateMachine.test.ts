import { describe, expect, it, vi } from 'vitest';
import { ContractError } from '../../../core/contract/index.ts';
import { createTradingStateMachine, REARM_PHRASE, type StateListener } from '../../../core/risk/index.ts';

const cause = (code: string) => ({ code, message: code });

function machine() {
  let now = 1_000;
  const states = createTradingStateMachine({ nowMs: () => (now += 1) });
  return states;
}

describe('the trading state machine', () => {
  it('starts ACTIVE', () => {
    expect(machine().snapshot().state).toBe('ACTIVE');
  });

  it('pauses and resumes', () => {
    const states = machine();
    expect(states.pause(cause('P')).state).toBe('PAUSED');
    expect(states.resume(cause('R')).state).toBe('ACTIVE');
  });

  it('latches KILLED: pause and resume are refused until re-armed', () => {
    const states = machine();
    states.kill(cause('K'));
    expect(() => states.resume(cause('R'))).toThrow(ContractError);
    expect(() => states.pause(cause('P'))).toThrow(ContractError);
    expect(states.snapshot().state).toBe('KILLED');
  });

  it('re-arms only with the exact phrase, and comes back PAUSED rather than trading', () => {
    const states = machine();
    states.kill(cause('K'));
    for (const wrong of ['', 're-arm', 'REARM', 'RE-ARM now', 'RE–ARM']) {
      expect(() => states.rearm(wrong, cause('A'))).toThrow(expect.objectContaining({ code: 'CONFIRMATION_MISMATCH' }));
      expect(states.snapshot().state).toBe('KILLED');
    }
    expect(states.rearm(REARM_PHRASE, cause('A')).state).toBe('PAUSED');
  });

  it('refuses to re-arm when nothing was killed', () => {
    expect(() => machine().rearm(REARM_PHRASE, cause('A'))).toThrow(expect.objectContaining({ code: 'NOT_ALLOWED_NOW' }));
  });

  it('tells listeners about each real change, with the previous state', () => {
    const states = machine();
    const listener = vi.fn<StateListener>();
    states.onChange(listener);
    states.pause(cause('P'));
    states.pause(cause('P again'));
    states.kill(cause('K'));
    expect(listener).toHaveBeenCalledTimes(2);
    expect(listener.mock.calls.map(([next, previous]) => [previous.state, next.state])).toEqual([
      ['ACTIVE', 'PAUSED'],
      ['PAUSED', 'KILLED'],
    ]);
  });
});
