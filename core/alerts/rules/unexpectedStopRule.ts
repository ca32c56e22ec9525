import type { AlertDraft } from '../alert.ts';
import { minutesBetween } from './ruleValues.ts';

/** The last run's heartbeat as the next start finds it. */
export interface HeartbeatRecord {
  readonly runId: string;
  readonly startedAtMs: number;
  readonly lastBeatAtMs: number;
  /** Written by a clean shutdown; null means the run ended some other way (crash, power cut, killed). */
  readonly cleanStopAtMs: number | null;
}

/**
 * "Ballast stopped unexpectedly": at start, a previous run that left a heartbeat but no
 * clean-shutdown mark. Critical, because nothing watched the account from the last heartbeat
 * until now: protective stops on the exchange held, but nothing else did.
 */
export function unexpectedStopAlert(previous: HeartbeatRecord | null, nowMs: number): AlertDraft | null {
  if (previous === null || previous.cleanStopAtMs !== null) return null;
  return {
    code: 'BALLAST_STOPPED_UNEXPECTEDLY',
    severity: 'critical',
    params: {
      lastSeenAtMs: previous.lastBeatAtMs,
      startedAtMs: previous.startedAtMs,
      minutesDown: minutesBetween(previous.lastBeatAtMs, nowMs),
    },
    occurrenceKey: `stopped:${previous.runId}`,
    groupKey: 'ballast-stopped',
    atMs: nowMs,
  };
}
