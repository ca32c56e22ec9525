import { ContractError, type StateCause, type TradingStateName, type TradingStateSnapshot } from '../contract/index.ts';

/** The exact words a person types to leave KILLED. Typing it is the point: a click is too easy. */
export const REARM_PHRASE = 'RE-ARM';

export type StateListener = (snapshot: TradingStateSnapshot, previous: TradingStateSnapshot) => void;

export interface TradingStateMachine {
  snapshot(): TradingStateSnapshot;
  /** ACTIVE or SAFE_MODE → PAUSED: no new entries, protective exits stay. */
  pause(cause: StateCause): TradingStateSnapshot;
  /** PAUSED → ACTIVE. */
  resume(cause: StateCause): TradingStateSnapshot;
  /** Any state → KILLED. Latched: only `rearm` leaves it. */
  kill(cause: StateCause): TradingStateSnapshot;
  /** KILLED → PAUSED, only with the exact re-arm phrase. The person then resumes deliberately. */
  rearm(confirmation: string, cause: StateCause): TradingStateSnapshot;
  onChange(listener: StateListener): () => void;
}

export interface TradingStateMachineOptions {
  readonly nowMs: () => number;
  readonly initial?: TradingStateSnapshot;
}

const STATE_WORDS: Record<TradingStateName, string> = {
  ACTIVE: 'active',
  SAFE_MODE: 'in safe mode',
  PAUSED: 'paused',
  KILLED: 'stopped by Kill',
};

export function createTradingStateMachine(options: TradingStateMachineOptions): TradingStateMachine {
  let current: TradingStateSnapshot = options.initial ?? {
    state: 'ACTIVE',
    sinceMs: options.nowMs(),
    cause: { code: 'STARTED', message: 'Ballast started.' },
    rearmPhrase: REARM_PHRASE,
  };
  const listeners = new Set<StateListener>();

  const moveTo = (state: TradingStateName, cause: StateCause): TradingStateSnapshot => {
    const previous = current;
    current = { state, sinceMs: options.nowMs(), cause, rearmPhrase: REARM_PHRASE };
    for (const listener of listeners) listener(current, previous);
    return current;
  };

  const refuse = (action: string, hint: string): never => {
    throw new ContractError('NOT_ALLOWED_NOW', `Cannot ${action} while the bot is ${STATE_WORDS[current.state]}. ${hint}`);
  };

  return {
    snapshot: () => current,
    pause(cause) {
      if (current.state === 'PAUSED') return current;
      if (current.state === 'KILLED') refuse('pause', 'It is already stopped; re-arm it first.');
      return moveTo('PAUSED', cause);
    },
    resume(cause) {
      if (current.state === 'ACTIVE') return current;
      if (current.state !== 'PAUSED') {
        refuse('resume', current.state === 'KILLED' ? 'Re-arm it first by typing the confirmation.' : 'Clear safe mode first.');
      }
      return moveTo('ACTIVE', cause);
    },
    kill(cause) {
      if (current.state === 'KILLED') return current;
      return moveTo('KILLED', cause);
    },
    rearm(confirmation, cause) {
      if (current.state !== 'KILLED') refuse('re-arm', 'Re-arming is only needed after Kill.');
      if (confirmation.trim() !== REARM_PHRASE) {
        throw new ContractError('CONFIRMATION_MISMATCH', `To re-arm, type ${REARM_PHRASE} exactly. Nothing was changed.`);
      }
      return moveTo('PAUSED', cause);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
