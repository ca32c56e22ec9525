import type { CommandHandlers, LiveKillChoice, StateCause, TradingMode, TradingStateSnapshot } from '../../contract/index.ts';
import type { TradingStateMachine, TradingStatus } from '../../risk/index.ts';

type FrameCommand = 'getAppStatus' | 'getTradingState' | 'pause' | 'resume' | 'kill' | 'rearm' | 'leaveSafeMode';

export interface FrameContext {
  readonly version: string;
  readonly mode: () => TradingMode;
  readonly tradingState: TradingStateMachine;
  /**
   * What Kill does beyond the state change: cancel the running bot's open orders and confirm
   * the exchange shows none. It moves the state to KILLED itself, before anything else.
   */
  readonly kill: (cause: StateCause, liveChoice?: LiveKillChoice) => Promise<unknown>;
}

const PERSON_KILLED: StateCause = { code: 'PERSON_KILLED', message: 'Stopped by you with Kill.' };

/** The state as the screens see it: with the safety checks that still hold safe mode on. */
export function snapshotForScreens(status: TradingStatus): TradingStateSnapshot {
  return { ...status.snapshot, activeTriggers: status.activeTriggers.map((trigger) => trigger.cause) };
}

/** Handlers behind the frame's status, Pause/Resume, Kill, re-arm and leaving safe mode. */
export function frameHandlers(context: FrameContext): Pick<CommandHandlers, FrameCommand> {
  const { tradingState } = context;
  const current = (): TradingStateSnapshot => snapshotForScreens(tradingState.status());
  return {
    getAppStatus: () => ({
      productName: 'Ballast',
      version: context.version,
      mode: context.mode(),
      tradingState: current(),
    }),
    getTradingState: current,
    pause: ({ note }) => {
      tradingState.pause({ code: 'PERSON_PAUSED', message: note ? `Paused by you: ${note}` : 'Paused by you.' });
      return current();
    },
    resume: () => {
      tradingState.resume({ code: 'PERSON_RESUMED', message: 'Resumed by you.' });
      return current();
    },
    kill: async ({ liveChoice }) => {
      await context.kill(PERSON_KILLED, liveChoice);
      return current();
    },
    rearm: ({ confirmation }) => {
      tradingState.rearm(confirmation, { code: 'PERSON_REARMED', message: 'Re-armed by you. Press Resume to trade again.' });
      return current();
    },
    leaveSafeMode: () => {
      tradingState.leaveSafeMode({ code: 'PERSON_LEFT_SAFE_MODE', message: 'You left safe mode after its causes had cleared.' });
      return current();
    },
  };
}
