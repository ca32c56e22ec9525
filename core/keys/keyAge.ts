const DAY_MS = 24 * 60 * 60 * 1000;

/** Keys are replaced every 90 days; Ballast starts reminding at 30. */
export interface RotationPolicy {
  readonly limitDays: number;
  readonly reminderFromDays: number;
}

export const DEFAULT_ROTATION_POLICY: RotationPolicy = Object.freeze({ limitDays: 90, reminderFromDays: 30 });

export type RotationStatus = 'fresh' | 'rotate-soon' | 'rotate-now';

/** Whole days since `createdAtMs`; never negative, even with a clock that went backwards. */
export function keyAgeDays(createdAtMs: number, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - createdAtMs) / DAY_MS));
}

export function rotationStatus(ageDays: number, policy: RotationPolicy = DEFAULT_ROTATION_POLICY): RotationStatus {
  if (ageDays >= policy.limitDays) return 'rotate-now';
  if (ageDays >= policy.reminderFromDays) return 'rotate-soon';
  return 'fresh';
}
