import { describeError } from '../log/index.ts';
import { z } from 'zod';
import { StateCause, TradingStateSnapshot, type TradingStateSnapshot as Snapshot } from '../model/index.ts';
import type { Journal } from '../journal/index.ts';
import { ensureRiskTables, readSingleRow, writeSingleRow } from './riskTables.ts';
import type { ActiveTrigger } from './triggers/triggerReading.ts';

/** Everything that must survive a restart for the trading state to come back exactly. */
export interface TradingStateRecord {
  readonly snapshot: Snapshot;
  /** Set while safe mode is latched, also under PAUSED or KILLED: resuming lands in SAFE_MODE. */
  readonly safeMode: StateCause | null;
  readonly activeTriggers: readonly ActiveTrigger[];
}

const RecordSchema = z.strictObject({
  snapshot: TradingStateSnapshot,
  safeMode: StateCause.nullable(),
  activeTriggers: z.array(
    z.strictObject({
      triggerId: z.string().min(1).max(120),
      action: z.enum(['SAFE_MODE', 'PAUSED', 'KILLED']),
      cause: StateCause,
      sinceMs: z.number().int().nonnegative(),
    }),
  ),
});

export type LoadedRecord =
  | { readonly kind: 'none' }
  | { readonly kind: 'restored'; readonly record: TradingStateRecord }
  | { readonly kind: 'unreadable'; readonly detail: string };

/** Reads the latched state. A row that does not parse is reported, never guessed at. */
export function loadTradingState(journal: Journal): LoadedRecord {
  ensureRiskTables(journal);
  const text = readSingleRow(journal, 'risk_trading_state');
  if (text === undefined) return { kind: 'none' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { kind: 'unreadable', detail: `not JSON: ${describeError(error)}` };
  }
  const parsed = RecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'unreadable', detail: issue ? `${issue.path.join('.')}: ${issue.message}` : 'does not match' };
  }
  return { kind: 'restored', record: parsed.data };
}

export interface TransitionAudit {
  /** What happened: pause, resume, kill, rearm, leave_safe_mode, trigger_tripped, trigger_cleared, restored, initial. */
  readonly transition: string;
  readonly from: Snapshot['state'];
  readonly cause: StateCause;
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * Saves the record and appends its audit event in one transaction: after a crash either both
 * are in the journal or neither is.
 */
export function saveTradingState(journal: Journal, record: TradingStateRecord, audit: TransitionAudit, atMs: number): void {
  journal.transaction(() => {
    const event = journal.append({
      atMs,
      kind: 'state_change',
      subject: 'trading_state',
      payload: {
        transition: audit.transition,
        from: audit.from,
        to: record.snapshot.state,
        cause: audit.cause,
        safeModeLatched: record.safeMode !== null,
        safeModeCause: record.safeMode,
        activeTriggers: record.activeTriggers.map((trigger) => ({ triggerId: trigger.triggerId, action: trigger.action, code: trigger.cause.code })),
        details: audit.details ?? null,
      },
    });
    writeSingleRow(journal, 'risk_trading_state', JSON.stringify(record), atMs, event.seq);
  });
}
