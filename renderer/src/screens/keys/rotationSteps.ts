/** The rotation wizard's steps, in order. */
export const ROTATION_STEPS = ['add', 'live', 'exchange', 'check'] as const;
export type RotationStep = (typeof ROTATION_STEPS)[number];

/** The step to show: moving live trading is needed only while it runs on the old key. */
export function nextRotationStep(step: RotationStep, oldKeyInLiveUse: boolean): RotationStep {
  switch (step) {
    case 'add': return oldKeyInLiveUse ? 'live' : 'exchange';
    case 'live': return 'exchange';
    case 'exchange': return 'check';
    case 'check': return 'check';
  }
}
