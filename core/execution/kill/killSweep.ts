import { describeError } from '../../log/index.ts';
import type { Journal } from '../../journal/index.ts';
import type { TradingStateName } from '../../model/index.ts';
import type { ExchangeOrder, ExchangeOutcome, ExchangePort } from '../exchangePort.ts';
import { flattenPositions, type FlattenOptions } from './flattenPositions.ts';
import { summarizeKill, type KillAlert, type KillReport } from './killReport.ts';
import { sweepOpenOrders, type SweepResult } from './openOrderSweep.ts';

/**
 * The exchange side of Kill. Risk decides (the state is KILLED before this runs, so nothing new
 * can start); execution acts: cancel, re-list until the exchange shows zero, optionally flatten.
 */
export interface KillSweepOptions {
  readonly exchange: ExchangePort;
  /** The trading state as it is now, for the report (KILLED, unless a person re-armed meanwhile). */
  readonly stateNow: () => TradingStateName;
  /** Set when moving to KILLED could not be saved: the report says so. */
  readonly stateProblem?: string | null;
  /** Where each cancel answer and the final report are recorded. */
  readonly journal?: Journal;
  /** List open orders per market, for exchanges that cannot list them all at once. */
  readonly symbols?: readonly string[];
  /** Close positions with limit orders inside the price band after the cancels. */
  readonly flatten?: FlattenOptions;
  readonly onAlert?: (alert: KillAlert) => void;
  readonly nowMs?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** How long one attempt may take before it reports what is unconfirmed. Default 10 s. */
  readonly timeoutMs?: number;
  /** Pause between background attempts while something is unconfirmed. Default 5 s. */
  readonly retryIntervalMs?: number;
}

/** The background retries for what the first attempt could not confirm. */
export interface KillRetry {
  /** Resolves with the final report: zero open orders confirmed, or stopped. */
  readonly done: Promise<KillReport>;
  stop(): void;
  isRunning(): boolean;
  latest(): KillReport;
  onUpdate(listener: (report: KillReport) => void): () => void;
}

export interface KillSweepRun {
  readonly report: KillReport;
  /** Present while something is unconfirmed: it keeps cancelling and re-listing until zero. */
  readonly retry: KillRetry | null;
}


const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Kill's exchange side, after the state is KILLED: (1) cancel every open order and re-list until
 * the exchange shows zero, within `timeoutMs`, waiting out rate limits; (2) optionally flatten
 * with limit orders inside the band; (3) report exactly what was done and what is unconfirmed,
 * alert, and keep trying in the background for anything unconfirmed.
 */
export async function sweepForKill(options: KillSweepOptions): Promise<KillSweepRun> {
  const nowMs = options.nowMs ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const problems: string[] = [];
  const startedAtMs = nowMs();
  const killId = String(startedAtMs);

  const stateProblem = options.stateProblem ?? null;
  if (stateProblem !== null) problems.push(stateProblem);

  const record = (kind: 'exchange_response' | 'alert', subject: string, payload: Record<string, unknown>): void => {
    if (options.journal === undefined) return;
    try {
      options.journal.append({ atMs: Math.max(0, Math.floor(nowMs())), kind, subject, payload });
    } catch (error) {
      problems.push(`The journal could not record ${kind} for ${subject}: ${describeError(error)}`);
    }
  };
  const onCancelOutcome = (order: ExchangeOrder, outcome: ExchangeOutcome<ExchangeOrder>): void => {
    record('exchange_response', order.clientOrderId, { action: 'kill_cancel', killId, symbol: order.symbol, exchangeOrderId: order.exchangeOrderId, outcome: outcome.kind, status: outcome.kind === 'ok' ? outcome.value.status : null });
  };

  const control = { stopped: false };
  const isStopped = (): boolean => control.stopped;
  const sweep = (deadlineMs: number): Promise<SweepResult> =>
    sweepOpenOrders({ exchange: options.exchange, ...(options.symbols ? { symbols: options.symbols } : {}), nowMs, sleep, deadlineMs, isStopped, onCancelOutcome });

  const first = await sweep(startedAtMs + timeoutMs);
  const flatten = options.flatten === undefined ? null : await flattenPositions(options.flatten, nowMs(), killId);
  if (flatten?.problem) problems.push(flatten.problem);

  const build = (result: SweepResult, cancelledBefore: KillReport['cancelled'] = []): KillReport => {
    const flattenOk = flatten === null || (flatten.problem === null && flatten.orders.every((order) => order.outcome === 'submitted'));
    const seen = new Set(result.cancelled.map((order) => order.exchangeOrderId));
    const base: Omit<KillReport, 'summary'> = {
      success: result.confirmedZero && flattenOk,
      startedAtMs,
      finishedAtMs: nowMs(),
      state: options.stateNow(),
      stateProblem,
      zeroOpenOrdersConfirmed: result.confirmedZero,
      zeroOpenOrdersConfirmedAtMs: result.confirmedAtMs,
      openOrdersAtStart: first.openAtFirstLook,
      cancelled: [...cancelledBefore.filter((order) => !seen.has(order.exchangeOrderId)), ...result.cancelled],
      unconfirmed: result.unconfirmed,
      listingProblem: result.listingProblem,
      flatten,
      problems: [...problems],
      requests: result.requests,
    };
    return { ...base, summary: summarizeKill(base) };
  };

  const alert = (report: KillReport, background: boolean): void => {
    const severity = report.success ? (background ? 'info' : 'warning') : 'critical';
    const title = report.zeroOpenOrdersConfirmed ? (background ? 'Kill: all orders now confirmed cancelled' : 'Kill: trading stopped') : 'Kill: some orders are not confirmed cancelled';
    record('alert', 'kill_switch', { killId, severity, title, report });
    try {
      options.onAlert?.({ severity, title, message: report.summary, report });
    } catch (error) {
      problems.push(`The alert could not be delivered: ${describeError(error)}`);
    }
  };

  const report = build(first);
  alert(report, false);
  if (first.confirmedZero) return { report, retry: null };

  let latest = report;
  const listeners = new Set<(report: KillReport) => void>();
  let running = true;
  const done = (async (): Promise<KillReport> => {
    const interval = options.retryIntervalMs ?? 5_000;
    while (!isStopped()) {
      await sleep(interval);
      if (isStopped()) break;
      const result = await sweep(nowMs() + timeoutMs);
      latest = build(result, latest.cancelled);
      for (const listener of listeners) {
        try {
          listener(latest);
        } catch (error) {
          problems.push(`A kill report listener failed: ${describeError(error)}`);
        }
      }
      if (result.confirmedZero) {
        alert(latest, true);
        break;
      }
    }
    running = false;
    return latest;
  })();

  return {
    report,
    retry: {
      done,
      stop: () => {
        control.stopped = true;
      },
      isRunning: () => running,
      latest: () => latest,
      onUpdate: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
}
