import type { CommandHandlers, TradingMode } from '../contract/index.ts';
import type { TradingStateMachine } from '../risk/index.ts';

type FrameCommand = 'getAppStatus' | 'getTradingState' | 'pause' | 'resume' | 'kill' | 'rearm';

export interface FrameContext {
  readonly version: string;
  readonly mode: () => TradingMode;
  readonly tradingState: TradingStateMachine;
}

/** Handlers behind the frame's status, Pause/Resume, Kill and re-arm. */
export function frameHandlers(context: FrameContext): Pick<CommandHandlers, FrameCommand> {
  const { tradingState } = context;
  return {
    getAppStatus: () => ({
      productName: 'Ballast',
      version: context.version,
      mode: context.mode(),
      tradingState: tradingState.snapshot(),
    }),
    getTradingState: () => tradingState.snapshot(),
    pause: ({ note }) =>
      tradingState.pause({ code: 'PERSON_PAUSED', message: note ? `Paused by you: ${note}` : 'Paused by you.' }),
    resume: () => tradingState.resume({ code: 'PERSON_RESUMED', message: 'Resumed by you.' }),
    kill: () => tradingState.kill({ code: 'PERSON_KILLED', message: 'Stopped by you with Kill.' }),
    rearm: ({ confirmation }) =>
      tradingState.rearm(confirmation, { code: 'PERSON_REARMED', message: 'Re-armed by you. Press Resume to trade again.' }),
  };
}
