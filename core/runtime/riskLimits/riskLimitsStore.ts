import { ContractError, type StateCause } from '../../contract/index.ts';
import type { Journal } from '../../journal/index.ts';
import { createHash } from 'node:crypto';
import { describeError, type Logger } from '../../log/index.ts';
import {
  compareRiskLimits,
  defaultRiskLimits,
  parseRiskLimits,
  type LimitChangeContext,
  type LimitChangeReview,
  type RiskLimits,
  type TradingStateMachine,
} from '../../risk/index.ts';
import { describeLimitProblems } from './riskLimitFields.ts';
import { readRiskLimitsFile, writeRiskLimitsFile } from './riskLimitsFile.ts';

/** Where the limits in force came from. `damaged`: the saved file could not be used; see `problem`. */
export type RiskLimitsSource = 'saved' | 'defaults' | 'damaged' | 'changed-outside';

export interface RiskLimitsReadout {
  readonly source: RiskLimitsSource;
  /** The limits in force. While damaged: the safe defaults, used only for exits (safe mode is on). */
  readonly limits: RiskLimits;
  /** Plain words about a damaged file, or null. */
  readonly problem: string | null;
}

/** What a person asked to change, already merged and checked against the current limits. */
export interface ReviewedChange {
  readonly proposed: RiskLimits;
  readonly review: LimitChangeReview;
}

export interface RiskLimitsStore {
  /** The limits in force now (what the bot controller hands to every `evaluate`). */
  current(): RiskLimits;
  readout(): RiskLimitsReadout;
  /** Merges `changes` over the current limits and compares them; refuses anything out of range. */
  review(changes: Readonly<Record<string, unknown>>, context: LimitChangeContext): ReviewedChange;
  /**
   * Saves a reviewed change. Tightening takes effect even if the disk refuses it (and says so);
   * loosening is saved first and takes effect only if that worked. Journaled either way.
   */
  apply(reviewed: ReviewedChange, confirmed: boolean): RiskLimitsReadout;
  /** For the live gate: limits count as set once the person has saved them (reviewed) at least once. */
  riskLimitsConfigured(): Promise<{ configured: boolean; missing?: readonly string[] }>;
}

export interface RiskLimitsStoreOptions {
  readonly path: string;
  readonly journal: Journal;
  readonly tradingState: TradingStateMachine;
  readonly log: Logger;
  readonly nowMs: () => number;
  /** The person's time zone: a new trading day starts at their midnight. */
  readonly timeZone: string;
}

/** The trigger that holds safe mode while the saved limits cannot be read. */
export const RISK_LIMITS_FILE_TRIGGER = 'risk_limits_file';

const DAMAGED_CAUSE: StateCause = {
  code: 'RISK_LIMITS_UNREADABLE',
  message: 'Ballast could not read your saved risk limits, so it will not open new positions. Open Risk limits to check them and save them again.',
};

const CHANGED_OUTSIDE_CAUSE: StateCause = {
  code: 'RISK_LIMITS_CHANGED_OUTSIDE',
  message: 'Your risk limits file was changed outside Ballast, so Ballast will not open new positions until you review your limits and save them.',
};

/** Key order does not change the digest: the same limits always give the same one. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const limitsDigest = (limits: RiskLimits): string => createHash('sha256').update(canonicalJson(limits)).digest('hex');

/**
 * The limits the person last saved through Ballast, from the journal (whose rows are chained, so
 * editing them shows): what the file must still hold. null when none were ever saved there.
 */
function lastConfirmedLimits(journal: Journal): { readonly digest: string; readonly limits: RiskLimits | null } | null {
  let beforeSeq: number | undefined;
  for (;;) {
    const page = journal.query({ kinds: ['person_action'], subject: 'risk_limits', limit: 200, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
    for (const event of page.events) {
      const payload = JSON.parse(event.payloadJson) as { saved?: unknown; limitsSha256?: unknown; limits?: unknown };
      if (payload.saved !== true || typeof payload.limitsSha256 !== 'string') continue;
      const parsed = parseRiskLimits(payload.limits);
      return { digest: payload.limitsSha256, limits: parsed.ok ? parsed.value : null };
    }
    if (page.nextBeforeSeq === undefined) return null;
    beforeSeq = page.nextBeforeSeq;
  }
}

export function createRiskLimitsStore(options: RiskLimitsStoreOptions): RiskLimitsStore {
  const { journal, tradingState, log } = options;
  const defaults = (): RiskLimits => defaultRiskLimits('paper', options.timeZone);
  let readout = open();

  function open(): RiskLimitsReadout {
    const read = readRiskLimitsFile(options.path);
    const atMs = options.nowMs();
    if (read.kind === 'damaged') {
      log.error({ detail: read.detail }, 'the saved risk limits could not be read');
      const problem = `Your saved risk limits could not be read (${read.plain}). Until you save limits again, Ballast only reduces positions. The values shown are the safe defaults, not your saved ones.`;
      journal.append({ atMs, kind: 'system', subject: 'risk_limits', payload: { event: 'risk_limits_unreadable', detail: read.detail } });
      tradingState.report({ triggerId: RISK_LIMITS_FILE_TRIGGER, tripped: true, action: 'SAFE_MODE', cause: DAMAGED_CAUSE, details: { detail: read.detail }, atMs });
      return { source: 'damaged', limits: defaults(), problem };
    }
    if (read.kind === 'saved') {
      const confirmed = lastConfirmedLimits(journal);
      if (confirmed?.digest !== limitsDigest(read.limits)) {
        // Edited by hand (or by another program): a loosening would skip the typed confirmation and
        // count as reviewed. The last limits confirmed in Ballast stay in force, in safe mode.
        log.warn({}, 'the risk limits file differs from the limits last saved in Ballast');
        journal.append({ atMs, kind: 'system', subject: 'risk_limits', payload: { event: 'risk_limits_changed_outside', everSavedInBallast: confirmed !== null } });
        tradingState.report({ triggerId: RISK_LIMITS_FILE_TRIGGER, tripped: true, action: 'SAFE_MODE', cause: CHANGED_OUTSIDE_CAUSE, details: {}, atMs });
        const problem = 'Your risk limits file was changed outside Ballast. Until you review your limits here and save them, Ballast only reduces positions. ' +
          'The values shown are the last ones you saved in Ballast (or the safe defaults); to use other values, change them here — loosening a limit asks for your typed confirmation.';
        return { source: 'changed-outside', limits: confirmed?.limits ?? defaults(), problem };
      }
    }
    clearDamage(atMs);
    return read.kind === 'saved' ? { source: 'saved', limits: read.limits, problem: null } : { source: 'defaults', limits: defaults(), problem: null };
  }

  function clearDamage(atMs: number): void {
    tradingState.report({
      triggerId: RISK_LIMITS_FILE_TRIGGER,
      tripped: false,
      action: 'SAFE_MODE',
      cause: { code: 'RISK_LIMITS_READABLE', message: 'Your risk limits are readable again.' },
      details: {},
      atMs,
    });
  }

  return {
    current: () => readout.limits,
    riskLimitsConfigured() {
      if (readout.source === 'saved') return Promise.resolve({ configured: true });
      const missing = readout.source === 'damaged'
        ? 'readable risk limits (your saved limits could not be read: open Risk limits and save them again)'
        : readout.source === 'changed-outside'
          ? 'a review of your risk limits (the file was changed outside Ballast: open Risk limits, check each one and save)'
          : 'a review of your risk limits (open Risk limits, check each one and save)';
      return Promise.resolve({ configured: false, missing: [missing] });
    },
    readout: () => readout,
    review(changes, context) {
      const merged = parseRiskLimits({ ...readout.limits, ...changes });
      // Worded for the person (REFUSED), unlike INVALID_INPUT, whose schema wording screens never show.
      if (!merged.ok) throw new ContractError('REFUSED', describeLimitProblems(merged.error.issues, context.quoteAsset));
      return { proposed: merged.value, review: compareRiskLimits(readout.limits, merged.value, context) };
    },
    apply(reviewed, confirmed) {
      const { review, proposed } = reviewed;
      if (review.needsConfirmation && !confirmed) {
        throw new ContractError('CONFIRMATION_MISMATCH', 'Loosening a limit needs your typed confirmation. Nothing was changed.');
      }
      const repairing = readout.source === 'damaged' || readout.source === 'changed-outside';
      // With nothing changed, saving still records that the person reviewed the defaults (the live gate asks).
      if (review.changes.length === 0 && readout.source === 'saved') return readout;
      const atMs = options.nowMs();
      const previous = readout;
      const tightening = !review.needsConfirmation;
      const payload = {
        event: readout.source === 'changed-outside' ? 'risk_limits_reviewed_after_outside_change' : repairing ? 'risk_limits_replaced_unreadable_file' : review.changes.length === 0 ? 'risk_limits_reviewed' : 'risk_limits_changed',
        changes: review.changes.map((change) => ({ field: change.field, direction: change.direction, from: change.from, to: change.to, consequence: change.consequence })),
        confirmedLoosening: review.needsConfirmation,
        confirmationText: review.confirmationText,
      };
      const next: RiskLimitsReadout = { source: 'saved', limits: proposed, problem: null };
      if (tightening) readout = next;
      try {
        writeRiskLimitsFile(options.path, proposed, atMs);
      } catch (error) {
        journal.append({ atMs, kind: 'person_action', subject: 'risk_limits', payload: { ...payload, saved: false, problem: describeError(error) } });
        log.error({ err: error }, 'the risk limits could not be saved');
        const holds = tightening ? 'The tighter limits hold until Ballast restarts, but' : 'Nothing was changed:';
        throw new ContractError('REFUSED', `${holds} your limits could not be saved to disk (${describeError(error)}).`);
      }
      journal.append({ atMs, kind: 'person_action', subject: 'risk_limits', payload: { ...payload, saved: true, limits: proposed, limitsSha256: limitsDigest(proposed) } });
      readout = next;
      if (previous.source === 'damaged' || previous.source === 'changed-outside') clearDamage(atMs);
      return readout;
    },
  };
}
