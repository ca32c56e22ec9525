import { describeError } from '../../log/index.ts';
import { sweepForKill, type KillSweepOptions, type KillSweepRun } from '../../execution/index.ts';
import type { StateCause } from '../../model/index.ts';
import type { TradingStateMachine } from '../../risk/index.ts';

export interface KillSwitchOptions extends Omit<KillSweepOptions, 'stateNow' | 'stateProblem'> {
  readonly stateMachine: TradingStateMachine;
  readonly cause?: StateCause;
}

const PERSON_KILL: StateCause = { code: 'PERSON_KILLED', message: 'Stopped by you with Kill.' };

/**
 * Kill: risk decides, execution acts. KILLED comes first, so no new order can start; then the
 * exchange is swept until it shows no open order. Moving to KILLED holds in memory even when the
 * journal cannot save it (tightening never waits for the disk); the report says it was not saved.
 */
export async function killSwitch(options: KillSwitchOptions): Promise<KillSweepRun> {
  const { stateMachine, cause, ...sweep } = options;
  let stateProblem: string | null = null;
  try {
    stateMachine.kill(cause ?? PERSON_KILL);
  } catch (error) {
    stateProblem = `The stop could not be saved to the journal: ${describeError(error)}`;
  }
  return sweepForKill({ ...sweep, stateNow: () => stateMachine.snapshot().state, stateProblem });
}
