import { describeError } from '../log/index.ts';
import type { StateCause, TradingStateName, TradingStateSnapshot } from '../model/index.ts';
import { TradingStateRefusal } from './tradingStateRefusal.ts';
import type { Journal } from '../journal/index.ts';
import { loadTradingState, saveTradingState, type TradingStateRecord, type TransitionAudit } from './tradingStateStore.ts';
import type { ActiveTrigger, TriggerReading } from './triggers/triggerReading.ts';

/** The exact words a person types to leave KILLED. Typing it is the point: a click is too easy. */
export const REARM_PHRASE = 'RE-ARM';

export type StateListener = (snapshot: TradingStateSnapshot, previous: TradingStateSnapshot) => void;

/** The state plus what is latched behind it, for the status screen and the journal. */
export interface TradingStatus {
  readonly snapshot: TradingStateSnapshot;
  /** Why safe mode is latched (also while PAUSED or KILLED), or null. */
  readonly safeMode: StateCause | null;
  readonly activeTriggers: readonly ActiveTrigger[];
  /** The latest change could not be saved to the journal; the state still holds in memory. */
  readonly persistenceProblem: string | null;
}

export type StatusListener = (status: TradingStatus) => void;

export interface TradingStateMachine {
  snapshot(): TradingStateSnapshot;
  status(): TradingStatus;
  /** ACTIVE or SAFE_MODE → PAUSED: no new entries, protective exits stay. Safe mode stays latched. */
  pause(cause: StateCause): TradingStateSnapshot;
  /** PAUSED → ACTIVE, or → SAFE_MODE while safe mode is latched. */
  resume(cause: StateCause): TradingStateSnapshot;
  /** Any state → KILLED. Latched: only `rearm` leaves it. */
  kill(cause: StateCause): TradingStateSnapshot;
  /** KILLED → PAUSED, only with the exact re-arm phrase and no kill trigger active. */
  rearm(confirmation: string, cause: StateCause): TradingStateSnapshot;
  /** The person re-arms after safe mode: allowed only when every automatic trigger is clear. */
  leaveSafeMode(cause: StateCause): TradingStateSnapshot;
  /** An automatic trigger's reading: tripped latches its action, clear removes it from the active list. */
  report(reading: TriggerReading): TradingStatus;
  onChange(listener: StateListener): () => void;
  /** Every change of the status, including triggers that trip or clear without a state change. */
  onStatusChange(listener: StatusListener): () => void;
}

export interface TradingStateMachineOptions {
  readonly nowMs: () => number;
  /** The state to start in when the journal holds none (or no journal is given). */
  readonly initial?: TradingStateSnapshot;
  /**
   * Where the state is latched. With it, SAFE_MODE, KILLED (and PAUSED) come back exactly after
   * a restart, and every transition is an audit event with its cause.
   */
  readonly journal?: Journal;
  /**
   * A tightening change (pause, kill, trip) holds in memory even when the journal cannot save
   * it; the error goes here. Without this callback it is thrown after the change.
   */
  readonly onPersistError?: (error: unknown) => void;
}

const STATE_WORDS: Record<TradingStateName, string> = {
  ACTIVE: 'active',
  SAFE_MODE: 'in safe mode',
  PAUSED: 'paused',
  KILLED: 'stopped by Kill',
};


function refuse(state: TradingStateName, action: string, hint: string): never {
  throw new TradingStateRefusal('NOT_ALLOWED_IN_STATE', `Cannot ${action} while the bot is ${STATE_WORDS[state]}. ${hint}`);
}

function startingRecord(options: TradingStateMachineOptions, atMs: number): TradingStateRecord {
  const snapshot = options.initial ?? { state: 'ACTIVE', sinceMs: atMs, cause: { code: 'STARTED', message: 'Ballast started.' }, rearmPhrase: REARM_PHRASE };
  return { snapshot, safeMode: snapshot.state === 'SAFE_MODE' ? snapshot.cause : null, activeTriggers: [] };
}

export function createTradingStateMachine(options: TradingStateMachineOptions): TradingStateMachine {
  const { journal } = options;
  const now = (): number => Math.max(0, Math.floor(options.nowMs()));
  const listeners = new Set<StateListener>();
  const statusListeners = new Set<StatusListener>();
  let persistenceProblem: string | null = null;
  let record = openRecord();

  function openRecord(): TradingStateRecord {
    if (journal === undefined) return startingRecord(options, now());
    const loaded = loadTradingState(journal);
    const atMs = now();
    if (loaded.kind === 'restored') {
      const { state } = loaded.record.snapshot;
      saveTradingState(journal, loaded.record, { transition: 'restored', from: state, cause: loaded.record.snapshot.cause }, atMs);
      return loaded.record;
    }
    if (loaded.kind === 'unreadable') {
      // Fail closed: a latch that cannot be read might have been KILLED.
      const cause = { code: 'STATE_UNREADABLE', message: 'Ballast could not read its saved trading state, so it starts stopped. Check the activity log, then re-arm.' };
      const killed: TradingStateRecord = { snapshot: { state: 'KILLED', sinceMs: atMs, cause, rearmPhrase: REARM_PHRASE }, safeMode: null, activeTriggers: [] };
      saveTradingState(journal, killed, { transition: 'restored', from: 'KILLED', cause, details: { unreadable: loaded.detail } }, atMs);
      return killed;
    }
    const fresh = startingRecord(options, atMs);
    saveTradingState(journal, fresh, { transition: 'initial', from: fresh.snapshot.state, cause: fresh.snapshot.cause }, atMs);
    return fresh;
  }

  const status = (): TradingStatus => ({ snapshot: record.snapshot, safeMode: record.safeMode, activeTriggers: record.activeTriggers, persistenceProblem });

  function publish(previous: TradingStateRecord): void {
    if (record.snapshot !== previous.snapshot) for (const listener of listeners) listener(record.snapshot, previous.snapshot);
    if (statusListeners.size > 0) {
      const current = status();
      for (const listener of statusListeners) listener(current);
    }
  }

  /**
   * Tightening changes take effect before they are saved: a full disk must not keep the bot
   * trading. Loosening changes are saved first and take effect only if that worked.
   */
  function commit(next: TradingStateRecord, audit: Omit<TransitionAudit, 'from'>, tightening: boolean, atMs: number): void {
    const previous = record;
    const full: TransitionAudit = { ...audit, from: previous.snapshot.state };
    if (!tightening) {
      if (journal !== undefined) saveTradingState(journal, next, full, atMs);
      persistenceProblem = null;
      record = next;
      publish(previous);
      return;
    }
    record = next;
    let failure: unknown = undefined;
    if (journal !== undefined) {
      try {
        saveTradingState(journal, next, full, atMs);
        persistenceProblem = null;
      } catch (error) {
        failure = error;
        persistenceProblem = `The change to ${next.snapshot.state} holds, but could not be saved: ${describeError(error)}`;
      }
    }
    publish(previous);
    if (failure !== undefined) {
      if (options.onPersistError) options.onPersistError(failure);
      else throw failure instanceof Error ? failure : new Error(describeError(failure));
    }
  }

  /** A trigger that trips or clears without changing the state keeps the snapshot (and its cause). */
  function moveTo(state: TradingStateName, cause: StateCause, transition: string, tightening: boolean, changes: Partial<TradingStateRecord> = {}, details?: Readonly<Record<string, unknown>>): TradingStateSnapshot {
    const atMs = now();
    const keepSnapshot = state === record.snapshot.state && transition.startsWith('trigger_');
    const snapshot: TradingStateSnapshot = keepSnapshot ? record.snapshot : { state, sinceMs: atMs, cause, rearmPhrase: REARM_PHRASE };
    commit({ ...record, ...changes, snapshot }, { transition, cause, ...(details ? { details } : {}) }, tightening, atMs);
    return record.snapshot;
  }

  function trip(reading: TriggerReading): void {
    const atMs = now();
    const active: ActiveTrigger = { triggerId: reading.triggerId, action: reading.action, cause: reading.cause, sinceMs: atMs };
    const activeTriggers = [...record.activeTriggers.filter((trigger) => trigger.triggerId !== reading.triggerId), active];
    const { state } = record.snapshot;
    if (reading.action === 'KILLED') {
      moveTo('KILLED', reading.cause, 'trigger_tripped', true, { activeTriggers }, reading.details);
      return;
    }
    if (reading.action === 'PAUSED') {
      // Safe mode stays latched underneath: resuming later lands in it again.
      moveTo(state === 'ACTIVE' || state === 'SAFE_MODE' ? 'PAUSED' : state, reading.cause, 'trigger_tripped', true, { activeTriggers }, reading.details);
      return;
    }
    const safeMode = record.safeMode ?? reading.cause;
    moveTo(state === 'ACTIVE' ? 'SAFE_MODE' : state, reading.cause, 'trigger_tripped', true, { activeTriggers, safeMode }, reading.details);
  }

  function clear(reading: TriggerReading): void {
    const activeTriggers = record.activeTriggers.filter((trigger) => trigger.triggerId !== reading.triggerId);
    moveTo(record.snapshot.state, reading.cause, 'trigger_cleared', false, { activeTriggers }, { triggerId: reading.triggerId, ...reading.details });
  }

  return {
    snapshot: () => record.snapshot,
    status,
    pause(cause) {
      const { state } = record.snapshot;
      if (state === 'PAUSED') return record.snapshot;
      if (state === 'KILLED') refuse(state, 'pause', 'It is already stopped; re-arm it first.');
      return moveTo('PAUSED', cause, 'pause', true);
    },
    resume(cause) {
      const { state } = record.snapshot;
      if (state === 'ACTIVE') return record.snapshot;
      if (state === 'KILLED') refuse(state, 'resume', 'Re-arm it first by typing the confirmation.');
      if (state === 'SAFE_MODE') refuse(state, 'resume', 'Leave safe mode first, once every safety check is clear.');
      const holding = record.activeTriggers.filter((trigger) => trigger.action === 'PAUSED');
      if (holding.length > 0) {
        throw new TradingStateRefusal('CHECKS_STILL_TRIPPED', `Trading stays paused until this is resolved: ${holding.map((trigger) => trigger.cause.message).join(' ')}`);
      }
      const latched = record.safeMode;
      if (latched === null) return moveTo('ACTIVE', cause, 'resume', false);
      return moveTo('SAFE_MODE', { code: cause.code, message: `${cause.message} Safe mode is still on: ${latched.message}` }, 'resume', false);
    },
    kill(cause) {
      if (record.snapshot.state === 'KILLED') return record.snapshot;
      return moveTo('KILLED', cause, 'kill', true);
    },
    rearm(confirmation, cause) {
      const { state } = record.snapshot;
      if (state !== 'KILLED') refuse(state, 're-arm', 'Re-arming is only needed after Kill.');
      if (confirmation.trim() !== REARM_PHRASE) {
        throw new TradingStateRefusal('CONFIRMATION_MISMATCH', `To re-arm, type ${REARM_PHRASE} exactly. Nothing was changed.`);
      }
      const blocking = record.activeTriggers.filter((trigger) => trigger.action === 'KILLED');
      if (blocking.length > 0) {
        throw new TradingStateRefusal('CHECKS_STILL_TRIPPED', `Cannot re-arm yet: ${blocking.map((trigger) => trigger.cause.message).join(' ')}`);
      }
      return moveTo('PAUSED', cause, 'rearm', false);
    },
    leaveSafeMode(cause) {
      const { state } = record.snapshot;
      if (state === 'KILLED') refuse(state, 'leave safe mode', 'Re-arm it first by typing the confirmation.');
      if (record.safeMode === null && state !== 'SAFE_MODE') refuse(state, 'leave safe mode', 'Safe mode is not on.');
      if (record.activeTriggers.length > 0) {
        throw new TradingStateRefusal('CHECKS_STILL_TRIPPED', `Safe mode stays on until every safety check is clear: ${record.activeTriggers.map((trigger) => trigger.cause.message).join(' ')}`);
      }
      return moveTo(state === 'SAFE_MODE' ? 'ACTIVE' : state, cause, 'leave_safe_mode', false, { safeMode: null });
    },
    report(reading) {
      const existing = record.activeTriggers.find((trigger) => trigger.triggerId === reading.triggerId);
      if (reading.tripped) {
        // An active trigger never softens its own action: KILLED stays KILLED until it clears.
        const action = existing?.action === 'KILLED' ? 'KILLED' : reading.action;
        const { state } = record.snapshot;
        const holds = action === 'KILLED' ? state === 'KILLED' : action === 'PAUSED' ? state === 'PAUSED' || state === 'KILLED' : record.safeMode !== null;
        const applied = existing?.action === action && holds;
        if (!applied) trip({ ...reading, action });
      } else if (existing !== undefined) {
        clear(reading);
      }
      return status();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onStatusChange(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
}
