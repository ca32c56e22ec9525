import {
  createDispatcher,
  createEventHub,
  type CommandHandlers,
  type Dispatch,
  type EventHub,
  type TradingMode,
} from '../contract/index.ts';
import type { Logger } from '../log/index.ts';
import { createTradingStateMachine, type TradingStateMachine } from '../risk/index.ts';
import { frameHandlers } from './frameHandlers.ts';

export interface BallastCoreOptions {
  readonly version: string;
  readonly log: Logger;
  readonly nowMs?: () => number;
}

/** Everything main needs from core: the contract's handlers, a dispatcher over them, events. */
export interface BallastCore {
  readonly handlers: CommandHandlers;
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly tradingState: TradingStateMachine;
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
  const mode: TradingMode = 'paper';

  const unsubscribe = tradingState.onChange((snapshot, previous) => {
    options.log.info({ from: previous.state, to: snapshot.state, cause: snapshot.cause.code }, 'trading state changed');
    events.emit('tradingStateChanged', snapshot);
  });

  const handlers: CommandHandlers = {
    ...frameHandlers({ version: options.version, mode: () => mode, tradingState }),
  };

  const dispatch = createDispatcher(handlers, {
    onInternalError: (command, error) => {
      options.log.error({ command, err: error }, 'command failed unexpectedly');
    },
  });

  return { handlers, dispatch, events, tradingState, dispose: unsubscribe };
}
