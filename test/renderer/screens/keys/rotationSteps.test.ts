import { describe, expect, it } from 'vitest';
import { nextRotationStep, ROTATION_STEPS } from '../../../../renderer/src/screens/keys/rotationSteps.ts';
import { expiryTone } from '../../../../renderer/src/screens/keys/keyExpiry.ts';

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

describe('the tone of a key’s end date on its card', () => {
  it('is red within a week or past, amber within the 14 days of the reminders, plain before', () => {
    expect(expiryTone(-1)).toBe('danger');
    expect(expiryTone(7)).toBe('danger');
    expect(expiryTone(10)).toBe('unknown');
    expect(expiryTone(14)).toBe('unknown');
    expect(expiryTone(15)).toBeUndefined();
  });
});
