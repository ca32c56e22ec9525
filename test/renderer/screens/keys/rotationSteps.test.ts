import { describe, expect, it } from 'vitest';
import { nextRotationStep, ROTATION_STEPS } from '../../../../renderer/src/screens/keys/rotationSteps.ts';

describe('the rotation wizard’s steps', () => {
  it('asks to move live trading only while it runs on the old key, and always ends by checking the old key', () => {
    expect(nextRotationStep('add', true)).toBe('live');
    expect(nextRotationStep('add', false)).toBe('exchange');
    expect(nextRotationStep('live', false)).toBe('exchange');
    expect(nextRotationStep('exchange', true)).toBe('check');
    expect(nextRotationStep('check', false)).toBe('check');
    expect(ROTATION_STEPS).toEqual(['add', 'live', 'exchange', 'check']);
  });
});
