import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTradingStateMachine, REARM_PHRASE, TradingStateRefusal, type StateListener, type TriggerReading } from '../../../core/risk/index.ts';
import { stateChanges, tempJournal, type TempJournal } from './support/tempJournal.ts';

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
    expect(() => states.resume(cause('R'))).toThrow(TradingStateRefusal);
    expect(() => states.pause(cause('P'))).toThrow(TradingStateRefusal);
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
    expect(() => machine().rearm(REARM_PHRASE, cause('A'))).toThrow(expect.objectContaining({ code: 'NOT_ALLOWED_IN_STATE' }));
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

const reading = (triggerId: string, tripped: boolean, action: 'SAFE_MODE' | 'KILLED' = 'SAFE_MODE'): TriggerReading => ({
  triggerId,
  tripped,
  action,
  cause: { code: tripped ? `${triggerId.toUpperCase()}_TRIPPED` : `${triggerId.toUpperCase()}_CLEAR`, message: `${triggerId} ${tripped ? 'tripped' : 'clear'}.` },
  details: { value: tripped ? 1 : 0 },
  atMs: 1_000,
});

describe('safe mode and automatic triggers', () => {
  it('trips ACTIVE into SAFE_MODE and refuses to leave until every trigger is clear and the person re-arms', () => {
    const states = machine();
    states.report(reading('daily_loss', true));
    states.report(reading('data_feed', true));
    expect(states.snapshot()).toMatchObject({ state: 'SAFE_MODE', cause: { code: 'DAILY_LOSS_TRIPPED' } });
    expect(() => states.resume(cause('R'))).toThrow(expect.objectContaining({ code: 'NOT_ALLOWED_IN_STATE' }));
    expect(() => states.leaveSafeMode(cause('L'))).toThrow(/daily_loss tripped\. data_feed tripped\./);
    states.report(reading('daily_loss', false));
    expect(() => states.leaveSafeMode(cause('L'))).toThrow(/data_feed tripped/);
    states.report(reading('data_feed', false));
    // Clear triggers alone do not resume trading: the latch holds until the person acts.
    expect(states.snapshot().state).toBe('SAFE_MODE');
    expect(states.leaveSafeMode(cause('L')).state).toBe('ACTIVE');
    expect(states.status().safeMode).toBeNull();
  });

  it('keeps the person\'s pause when a trigger trips, and resumes into SAFE_MODE', () => {
    const states = machine();
    states.pause(cause('P'));
    states.report(reading('volatility', true));
    expect(states.snapshot().state).toBe('PAUSED');
    const resumed = states.resume({ code: 'PERSON_RESUMED', message: 'Resumed by you.' });
    expect(resumed.state).toBe('SAFE_MODE');
    expect(resumed.cause.message).toBe('Resumed by you. Safe mode is still on: volatility tripped.');
  });

  it('kills on a kill trigger and refuses to re-arm while it is active, even when a milder reading follows', () => {
    const states = machine();
    states.report(reading('key_permissions', true, 'KILLED'));
    expect(states.snapshot().state).toBe('KILLED');
    states.report(reading('key_permissions', true, 'SAFE_MODE'));
    expect(states.status().activeTriggers).toEqual([expect.objectContaining({ triggerId: 'key_permissions', action: 'KILLED' })]);
    expect(() => states.rearm(REARM_PHRASE, cause('A'))).toThrow(/key_permissions tripped/);
    states.report(reading('key_permissions', false));
    expect(states.rearm(REARM_PHRASE, cause('A')).state).toBe('PAUSED');
  });

  it('tells status listeners about a trigger that trips without changing the state', () => {
    const states = machine();
    states.pause(cause('P'));
    const statuses: number[] = [];
    const changes: string[] = [];
    states.onStatusChange((status) => statuses.push(status.activeTriggers.length));
    states.onChange((snapshot) => changes.push(snapshot.state));
    states.report(reading('drawdown', true));
    states.report(reading('drawdown', true));
    expect(statuses).toEqual([1]);
    expect(changes).toEqual([]);
  });
});

describe('the latch in the journal', () => {
  let journals: TempJournal[] = [];
  afterEach(() => {
    for (const journal of journals) journal.remove();
    journals = [];
  });
  const fileJournal = (): TempJournal => {
    const created = tempJournal();
    journals.push(created);
    return created;
  };

  for (const state of ['SAFE_MODE', 'KILLED', 'PAUSED'] as const) {
    it(`brings ${state} back exactly after a restart, with its cause and active triggers`, () => {
      const file = fileJournal();
      let now = 5_000;
      const first = file.open();
      const states = createTradingStateMachine({ nowMs: () => (now += 7), journal: first });
      if (state === 'SAFE_MODE') states.report(reading('exchange_error_rate', true));
      if (state === 'KILLED') states.report(reading('key_permissions', true, 'KILLED'));
      if (state === 'PAUSED') {
        states.report(reading('volatility', true));
        states.pause(cause('PERSON_PAUSED'));
      }
      const before = states.status();
      first.close();

      const second = file.open();
      const restored = createTradingStateMachine({ nowMs: () => (now += 7), journal: second });
      expect(restored.snapshot()).toEqual(before.snapshot);
      expect(restored.status().activeTriggers).toEqual(before.activeTriggers);
      expect(restored.status().safeMode).toEqual(before.safeMode);
      expect(stateChanges(second).at(-1)).toMatchObject({ transition: 'restored', to: state });
      second.close();
    });
  }

  it('journals every transition with its cause, in order', () => {
    const file = fileJournal();
    const journal = file.open();
    const states = createTradingStateMachine({ nowMs: () => 9_000, journal });
    states.report(reading('daily_loss', true));
    states.pause(cause('PERSON_PAUSED'));
    states.kill(cause('PERSON_KILLED'));
    states.rearm(REARM_PHRASE, cause('PERSON_REARMED'));
    states.report(reading('daily_loss', false));
    states.leaveSafeMode(cause('PERSON_LEFT_SAFE_MODE'));
    states.resume(cause('PERSON_RESUMED'));
    expect(stateChanges(journal).map((change) => [change.transition, change.from, change.to, (change.cause as { code: string }).code])).toEqual([
      ['initial', 'ACTIVE', 'ACTIVE', 'STARTED'],
      ['trigger_tripped', 'ACTIVE', 'SAFE_MODE', 'DAILY_LOSS_TRIPPED'],
      ['pause', 'SAFE_MODE', 'PAUSED', 'PERSON_PAUSED'],
      ['kill', 'PAUSED', 'KILLED', 'PERSON_KILLED'],
      ['rearm', 'KILLED', 'PAUSED', 'PERSON_REARMED'],
      ['trigger_cleared', 'PAUSED', 'PAUSED', 'DAILY_LOSS_CLEAR'],
      ['leave_safe_mode', 'PAUSED', 'PAUSED', 'PERSON_LEFT_SAFE_MODE'],
      ['resume', 'PAUSED', 'ACTIVE', 'PERSON_RESUMED'],
    ]);
    journal.close();
  });

  it('starts KILLED when the saved state cannot be read', () => {
    const file = fileJournal();
    const first = file.open();
    createTradingStateMachine({ nowMs: () => 1, journal: first });
    first.db.prepare("UPDATE risk_trading_state SET record = '{\"snapshot\":{\"state\":\"ACTIVE\"' WHERE id = 1").run();
    first.close();
    const second = file.open();
    const states = createTradingStateMachine({ nowMs: () => 2, journal: second });
    expect(states.snapshot()).toMatchObject({ state: 'KILLED', cause: { code: 'STATE_UNREADABLE' } });
    second.close();
  });

  it('holds a kill in memory when the journal cannot save it, and reports the failure', () => {
    const file = fileJournal();
    const journal = file.open();
    const failures: unknown[] = [];
    const states = createTradingStateMachine({ nowMs: () => 3, journal, onPersistError: (error) => failures.push(error) });
    journal.close();
    expect(states.kill(cause('K')).state).toBe('KILLED');
    expect(failures).toHaveLength(1);
    expect(states.status().persistenceProblem).toMatch(/could not be saved/);
  });

  it('refuses to loosen when the journal cannot save it, and stays where it was', () => {
    const file = fileJournal();
    const journal = file.open();
    const states = createTradingStateMachine({ nowMs: () => 3, journal });
    states.pause(cause('P'));
    journal.close();
    expect(() => states.resume(cause('R'))).toThrow(/closed/);
    expect(states.snapshot().state).toBe('PAUSED');
  });
});
