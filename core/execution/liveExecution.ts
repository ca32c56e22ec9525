import type { Journal } from '../journal/index.ts';
import type { SizedOrder } from '../risk/index.ts';
import { checkLive, type LiveCheckOutcome, type LiveCheckReason } from './liveCheck.ts';
import type { LiveDeps, LiveProtectionOptions } from './liveDeps.ts';
import { killLive, type LiveKillChoice, type LiveKillReport } from './liveKill.ts';
import { LiveStops } from './liveStops.ts';
import type { Order } from './order.ts';
import type { SubmitOptions, SubmitResult } from './submitResult.ts';
import type { ProtectionReport } from './protectionReport.ts';
import { exitWithoutGap, type ExitOutcome } from './protectedExit.ts';
import type { ReconciliationReport } from './readiness.ts';

export interface LiveSubmitResult {
  readonly result: SubmitResult;
  /** The market's protection pass after the order, when it brought fills (or null). */
  readonly protection: ProtectionReport | null;
}

export interface LiveBarResult {
  /** False while the last check failed (no trading at all): nothing was sent, not even stops. */
  readonly ready: boolean;
  /** The periodic reconciliation (null when the manager is not READY). */
  readonly sync: ReconciliationReport | null;
  readonly protection: readonly ProtectionReport[];
  /** True when any market's protection failed: enter safe mode (reduce-only). */
  readonly requiresSafeMode: boolean;
}

/**
 * What live trading adds to an OrderManager, in the order the bot calls it:
 * - `check(reason)` before the first order, after a wake-up, after a lost connection;
 * - `submit(order)` for entries (the stop for what filled is placed and confirmed before it returns);
 * - `onBar()` once per closed bar: sync with the exchange, then a stop for every position;
 * - `exit(order)` for every sell of a position (never `OrderManager.submit`: the stop holds the coins);
 * - `kill(choice)` after the trading state is KILLED.
 * Every method ends with the journal flushed. Built by `OrderManager.live(...)`.
 */
export class LiveExecution {
  readonly #deps: LiveDeps;
  readonly #stops: LiveStops;
  /** After `kill('cancel_everything')`, no stop is placed again until the next successful check. */
  #protectionSuspended = false;

  constructor(deps: LiveDeps, options: LiveProtectionOptions, journal: Journal) {
    this.#deps = deps;
    this.#stops = new LiveStops(deps, options, journal);
  }

  /** Called by the OrderManager whenever it journaled new fills of an order. */
  noteFills(order: Order): Promise<void> {
    this.#stops.noteFills(order);
    return Promise.resolve();
  }

  async check(reason: LiveCheckReason): Promise<LiveCheckOutcome> {
    return this.#flushed(async () => {
      const outcome = await checkLive(this.#stops, this.#deps, reason);
      if (outcome.verdict !== 'no_trading') this.#protectionSuspended = false;
      return outcome;
    });
  }

  async submit(order: SizedOrder, options: SubmitOptions = {}): Promise<LiveSubmitResult> {
    return this.#flushed(async () => {
      const result = await this.#deps.submit(order, options);
      // New fills (or a fill whose trades could not be read yet: the stop then covers what the journal has).
      const filled = result.ok && result.value.filledBase > 0;
      const protection = this.#stops.needsPass(order.symbol) || filled ? await this.#stops.protect(order.symbol) : null;
      return { result, protection };
    });
  }

  async onBar(): Promise<LiveBarResult> {
    return this.#flushed(async () => {
      if (this.#deps.readiness().state !== 'READY') return { ready: false, sync: null, protection: [], requiresSafeMode: false };
      const sync = await this.#deps.sync();
      const protection = await this.protectAll();
      return { ready: true, sync, protection, requiresSafeMode: protection.some((report) => report.requiresSafeMode) };
    });
  }

  /** A protection pass for every market with a position or a live stop. */
  async protectAll(): Promise<ProtectionReport[]> {
    return this.#flushed(async () => {
      const reports: ProtectionReport[] = [];
      if (this.#protectionSuspended) return reports;
      for (const symbol of this.#stops.watchedSymbols()) reports.push(await this.#stops.protect(symbol));
      return reports;
    });
  }

  /** Refused (nothing sent) while the last check failed: no trading at all means no sale either; Kill still works. */
  async exit(order: SizedOrder): Promise<ExitOutcome> {
    if (this.#deps.readiness().state !== 'READY') {
      return { notice: { code: 'EXIT_NOT_READY', params: { symbol: order.symbol } }, exitOrder: null, soldBase: 0, protection: null, requiresSafeMode: false };
    }
    return this.#flushed(() => exitWithoutGap(this.#stops, this.#deps, order));
  }

  async kill(choice: LiveKillChoice = 'keep_stops'): Promise<LiveKillReport> {
    if (choice === 'cancel_everything') this.#protectionSuspended = true;
    return this.#flushed(() => killLive(this.#stops, this.#deps, choice));
  }

  /** Ballast's own position in a market (its fills only; never the person's other coins). */
  positionBase(symbol: string): number {
    return this.#stops.positionBase(symbol);
  }

  /** What the latest protection pass found for a market. */
  protection(symbol: string): ProtectionReport | undefined {
    return this.#stops.latest(symbol);
  }

  async #flushed<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      this.#deps.flush();
    }
  }
}
