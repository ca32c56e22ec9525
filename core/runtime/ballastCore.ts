import {
  createDispatcher,
  createEventHub,
  type CommandHandlers,
  type Dispatch,
  type EventHub,
} from '../contract/index.ts';
import type { Logger } from '../log/index.ts';
import { createTradingStateMachine, type TradingStateMachine } from '../risk/index.ts';
import { frameHandlers } from './frameHandlers.ts';
import { InMemoryKeyRecordStore } from '../keys/index.ts';
import { keysHandlers } from './keysHandlers.ts';
import { KeysRuntime, type KeysOptions } from './keysRuntime.ts';
import { NO_KEY_ENCRYPTION } from './noKeyEncryption.ts';

export interface BallastCoreOptions {
  readonly version: string;
  readonly log: Logger;
  readonly nowMs?: () => number;
  /** Key records, their cipher and the live gate's inputs; without it keys live in memory and cannot be encrypted. */
  readonly keys?: KeysOptions;
}

/** Everything main needs from core: the contract's handlers, a dispatcher over them, events. */
export interface BallastCore {
  readonly handlers: CommandHandlers;
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly tradingState: TradingStateMachine;
  /** Saved keys, the key wizard's held checks and the live session. */
  readonly keys: KeysRuntime;
  dispose(): void;
}

/**
 * Composes Ballast's core once, for every host: the Electron main process and the E2E harness
 * both call this, so what the tests drive is what the app runs.
 */
export function createBallastCore(options: BallastCoreOptions): BallastCore {
  const nowMs = options.nowMs ?? Date.now;
  const events = createEventHub();
  const tradingState = createTradingStateMachine({ nowMs });
  const keys = new KeysRuntime({
    options: options.keys ?? { store: new InMemoryKeyRecordStore(), osCipher: NO_KEY_ENCRYPTION },
    tradingState,
    events,
    nowMs,
    log: options.log,
  });

  const unsubscribe = tradingState.onChange((snapshot, previous) => {
    options.log.info({ from: previous.state, to: snapshot.state, cause: snapshot.cause.code }, 'trading state changed');
    events.emit('tradingStateChanged', snapshot);
  });

  const handlers: CommandHandlers = {
    ...frameHandlers({ version: options.version, mode: () => keys.live.mode(), tradingState }),
    ...keysHandlers(keys),
  };

  const dispatch = createDispatcher(handlers, {
    onInternalError: (command, error) => {
      options.log.error({ command, err: error }, 'command failed unexpectedly');
    },
  });

  const dispose = (): void => {
    unsubscribe();
    keys.dispose();
  };
  return { handlers, dispatch, events, tradingState, keys, dispose };
}
