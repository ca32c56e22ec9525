import type { Journal } from '../journal/index.ts';
import { withAsset, type LiveDeps, type LiveNotice, type LiveProtectionOptions } from './liveDeps.ts';
import type { ProtectionCode } from './liveCodes.ts';
import type { Order } from './order.ts';
import { PositionLots } from './positionLots.ts';
import { floorToStep } from './stepRounding.ts';
import { mergeRounds, reportWithoutStop, type PassStart, type ProtectionReport, type ProtectionStatus } from './protectionReport.ts';
import { confirmResting } from './stopConfirmation.ts';
import { DEFAULT_STOP_LIMIT_SLIPPAGE, placeStop, ProtectiveIntents, protectiveStopOrder, sellInsideBand, stopPricesOn, type PlacedStop } from './stopPlacement.ts';

const EPSILON = 1e-12;
/** Passes in a row without a confirmed stop before that alone is reason for safe mode (one bar is allowed). */
const UNCONFIRMED_PASSES_ALLOWED = 1;

/**
 * One protective stop on the exchange for each market where Ballast holds a position, for exactly
 * what Ballast holds and can sell (its own fills, never the person's other coins), read back from
 * the exchange's open-order listing before it counts. Every change goes through one lock per market:
 * entries, the per-bar pass, exits and Kill never interleave on the same coins.
 */
export class LiveStops {
  readonly #deps: LiveDeps;
  readonly #options: LiveProtectionOptions;
  readonly #journal: Journal;
  readonly #lots: PositionLots;
  readonly #intents: ProtectiveIntents;
  readonly #slippage: number;
  readonly #locks = new Map<string, Promise<unknown>>();
  readonly #dirty = new Set<string>();
  readonly #latest = new Map<string, ProtectionReport>();
  readonly #unconfirmedPasses = new Map<string, number>();
  #seenFillSeq = 0;

  constructor(deps: LiveDeps, options: LiveProtectionOptions, journal: Journal) {
    this.#deps = deps;
    this.#options = options;
    this.#journal = journal;
    this.#slippage = options.stopLimitSlippage ?? DEFAULT_STOP_LIMIT_SLIPPAGE;
    this.#lots = new PositionLots((clientOrderId) => deps.store.get(clientOrderId), (symbol) => deps.market(symbol)?.precision.amountStepBase);
    this.#intents = new ProtectiveIntents(deps.store.all(), (clientOrderId) => deps.store.get(clientOrderId) !== undefined);
  }

  get options(): LiveProtectionOptions {
    return this.#options;
  }

  get intents(): ProtectiveIntents {
    return this.#intents;
  }

  /** The OrderManager journaled new fills of `order`: its market needs a protection pass. */
  noteFills(order: Order): void {
    this.#dirty.add(order.symbol);
  }

  needsPass(symbol: string): boolean {
    return this.#dirty.has(symbol);
  }

  /** Ballast's own position in a market, from the journal's fills. */
  positionBase(symbol: string): number {
    this.#catchUp();
    return this.#lots.amountBase(symbol);
  }

  /** Markets with a position or a live protective stop. */
  watchedSymbols(): string[] {
    this.#catchUp();
    const symbols = new Set(this.#lots.symbols());
    for (const order of this.#deps.store.nonTerminal()) if (order.purpose === 'protective_stop') symbols.add(order.symbol);
    for (const symbol of this.#dirty) symbols.add(symbol);
    return [...symbols].sort();
  }

  latest(symbol: string): ProtectionReport | undefined {
    return this.#latest.get(symbol);
  }

  /** Runs `work` holding the market's lock (one change at a time to a market's position and stops). */
  async withSymbol<T>(symbol: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(symbol) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.then(() => undefined, () => undefined);
    this.#locks.set(symbol, settled);
    try {
      return await run;
    } finally {
      if (this.#locks.get(symbol) === settled) this.#locks.delete(symbol);
    }
  }

  /** A protection pass for one market, under its lock. */
  async protect(symbol: string): Promise<ProtectionReport> {
    return this.withSymbol(symbol, () => this.cover(symbol));
  }

  /**
   * The protection pass; the caller holds the market's lock. Repeats while its own orders brought
   * new fills (a stop that filled at once, a cancel that found a fill), at most three times.
   */
  async cover(symbol: string): Promise<ProtectionReport> {
    let report = await this.#coverOnce(symbol, this.#deps.clock.nowMs());
    for (let round = 1; round < 3 && this.#dirty.has(symbol); round += 1) {
      report = mergeRounds(report, await this.#coverOnce(symbol, report.startedAtMs));
    }
    return this.#settle(report);
  }

  /**
   * Cancels every live stop of the market (a stop holds the coins: an exit cannot be placed while it
   * rests). Stops whose cancel is not confirmed are named; none is assumed gone.
   */
  async liftStops(symbol: string): Promise<{ readonly ok: true } | { readonly ok: false; readonly clientOrderId: string; readonly reason: string }> {
    for (const stop of this.#liveStops(symbol)) {
      const cancelled = await this.#deps.cancel(stop);
      if (!cancelled.confirmed) return { ok: false, clientOrderId: stop.clientOrderId, reason: cancelled.reason };
    }
    this.#dirty.add(symbol);
    return { ok: true };
  }

  /** What Ballast holds in the market and has not already promised to a sell of its own. */
  sellableBase(symbol: string): number {
    this.#catchUp();
    const step = this.#deps.market(symbol)?.precision.amountStepBase;
    const free = Math.max(0, this.#lots.amountBase(symbol) - this.#heldBySells(symbol));
    return step === undefined ? 0 : floorToStep(Number(free.toFixed(12)), step);
  }

  async #coverOnce(symbol: string, startedAtMs: number): Promise<ProtectionReport> {
    this.#dirty.delete(symbol);
    this.#catchUp();
    const positionBase = this.#lots.amountBase(symbol);
    const base: PassStart = { symbol, positionBase, startedAtMs };
    const market = this.#deps.market(symbol);
    if (!this.#deps.supportsNativeStops) return this.#watchedByBallast(symbol, base);
    if (market === undefined) {
      if (positionBase <= EPSILON) return this.#report(base, 'flat', false, []);
      return this.#report(base, 'unprotected', true, [{ code: 'MARKET_RULES_UNKNOWN', params: { symbol, amountBase: positionBase } }]);
    }
    const target = this.sellableBase(symbol);
    const live = this.#liveStops(symbol);
    // Entries without a stop price (adopted ones) keep the price of a stop already resting for them.
    const stopPrice = this.#lots.stopPriceFor(symbol) ?? live.find((stop) => stop.stopPriceQuote !== null)?.stopPriceQuote ?? null;
    const prices = stopPrice === null ? null : stopPricesOn(market, stopPrice, this.#slippage);
    const mark = this.#options.markPriceQuote(symbol);
    const salePriceQuote = mark === undefined ? undefined : mark * (1 - this.#options.priceBandBps / 20_000);
    const sellable = target > 0 && (salePriceQuote === undefined || this.#placeable(market, target, salePriceQuote));
    if (!sellable) return this.#sweep(base, live, target);
    if (prices !== null && !this.#placeable(market, target, prices.limitPriceQuote)) {
      // Big enough to sell, too small for a stop at its lower price: a position that cannot be protected is closed.
      if (live.length > 0) {
        const lifted = await this.liftStops(symbol);
        if (!lifted.ok) return this.#report(base, 'unconfirmed', false, [{ code: 'STOP_CANCEL_UNCONFIRMED', params: { symbol, clientOrderId: lifted.clientOrderId, reason: lifted.reason } }]);
      }
      return this.#exitNow(base, target, [{ code: 'POSITION_TOO_SMALL_FOR_STOP_SOLD', params: { symbol, amountBase: target, stopPriceQuote: prices.stopPriceQuote } }], false);
    }
    if (prices === null) return this.#report(base, 'unprotected', true, [{ code: 'NO_STOP_PRICE', params: { symbol, amountBase: target } }]);

    const only = live.length === 1 ? live[0] : undefined;
    if (only !== undefined && only.status !== 'UNKNOWN' && only.status !== 'PENDING_SUBMIT' && Math.abs(only.amountBase - only.filledBase - target) <= EPSILON && only.stopPriceQuote === prices.stopPriceQuote) {
      return this.#confirm(base, only, []);
    }
    const notices: LiveNotice<ProtectionCode>[] = [];
    if (live.length > 0) {
      const lifted = await this.liftStops(symbol);
      if (!lifted.ok) return this.#report(base, 'unconfirmed', false, [{ code: 'STOP_CANCEL_UNCONFIRMED', params: { symbol, clientOrderId: lifted.clientOrderId, reason: lifted.reason } }]);
      // The cancels may have found a stop filled: start again from the journal as it now is.
      return this.#coverOnce(symbol, startedAtMs);
    }
    return this.#placeAndConfirm(base, target, prices, notices);
  }

  async #placeAndConfirm(
    base: PassStart,
    target: number,
    prices: { stopPriceQuote: number; limitPriceQuote: number },
    notices: LiveNotice<ProtectionCode>[],
  ): Promise<ProtectionReport> {
    const { symbol } = base;
    const mark = this.#options.markPriceQuote(symbol);
    if (mark !== undefined && mark <= prices.stopPriceQuote) {
      return this.#exitNow(base, target, [...notices, { code: 'STOP_ALREADY_PASSED_EXITED', params: { symbol, amountBase: target, stopPriceQuote: prices.stopPriceQuote, priceQuote: mark } }], false);
    }
    let refusal = '';
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const order = protectiveStopOrder(this.#intents.next('stop', symbol), symbol, target, prices, this.#deps.clock.nowMs());
      // Risk refuses to size a stop with no amount or no usable price: that is a stop that cannot be placed.
      const placed: PlacedStop = order === null ? { kind: 'refused', reason: 'the stop could not be sized' } : await placeStop(this.#deps, this.#journal, order, this.#lots.newestEntry(symbol));
      switch (placed.kind) {
        case 'resting':
          return this.#confirm(base, placed.stop, [...notices, { code: 'STOP_PLACED', params: { symbol, amountBase: target, stopPriceQuote: prices.stopPriceQuote, clientOrderId: placed.stop.clientOrderId } }]);
        case 'closed':
          this.#dirty.add(symbol);
          return this.#report(base, 'unconfirmed', false, notices);
        case 'unknown':
          return this.#report(base, 'unconfirmed', false, [...notices, { code: 'STOP_NOT_CONFIRMED', params: { symbol, clientOrderId: placed.stop.clientOrderId, reason: placed.stop.statusReason ?? 'no clear answer from the exchange' } }]);
        case 'already_passed':
          return this.#exitNow(base, target, [...notices, { code: 'STOP_ALREADY_PASSED_EXITED', params: { symbol, amountBase: target, stopPriceQuote: prices.stopPriceQuote, priceQuote: this.#options.markPriceQuote(symbol) ?? null } }], false);
        case 'too_small':
          return this.#report(base, 'too_small', false, [...notices, { code: 'POSITION_TOO_SMALL_FOR_STOP', params: { symbol, amountBase: target } }]);
        case 'refused':
          refusal = placed.reason;
          notices.push({ code: 'STOP_REFUSED', params: { symbol, attempt, reason: placed.reason } });
      }
    }
    return this.#exitNow(base, target, [...notices, { code: 'STOP_FAILED_EXITED', params: { symbol, amountBase: target, reason: refusal } }], true);
  }

  async #confirm(base: PassStart, stop: Order, notices: LiveNotice<ProtectionCode>[]): Promise<ProtectionReport> {
    const confirmation = await confirmResting(this.#deps, stop);
    const unconfirmed = (reason: string): ProtectionReport => this.#report(base, 'unconfirmed', false, [...notices, { code: 'STOP_NOT_CONFIRMED', params: { symbol: base.symbol, clientOrderId: stop.clientOrderId, reason } }]);
    if (confirmation.kind === 'unreadable') return unconfirmed(confirmation.reason);
    if (confirmation.kind === 'not_listed') {
      this.#dirty.add(base.symbol);
      return unconfirmed('the exchange does not list it as open');
    }
    const confirmed = confirmation.stop;
    if (confirmation.filledSinceLastLook) this.#dirty.add(base.symbol);
    return {
      ...base,
      status: 'protected',
      stopBase: confirmed.amountBase - confirmed.filledBase,
      stopPriceQuote: confirmed.stopPriceQuote,
      stopClientOrderId: confirmed.clientOrderId,
      confirmedAtMs: this.#deps.clock.nowMs(),
      requiresSafeMode: false,
      notices,
    };
  }

  /** Sells the position inside the band because no stop can hold it; a failure leaves it unprotected (safe mode). */
  async #exitNow(
    base: PassStart,
    amountBase: number,
    notices: readonly LiveNotice<ProtectionCode>[],
    safeMode: boolean,
  ): Promise<ProtectionReport> {
    const { symbol } = base;
    const sale = await sellInsideBand(this.#deps, this.#options, { intentId: this.#intents.next('exit', symbol), origin: 'protective', purpose: 'exit', symbol, amountBase });
    this.#dirty.add(symbol);
    if (sale.kind === 'sold' && sale.soldBase + EPSILON >= amountBase) return this.#report(base, 'exited', safeMode, notices);
    const soldBase = sale.kind === 'sold' ? sale.soldBase : 0;
    const reason = sale.kind === 'sold' ? 'only part of it sold at once' : sale.reason;
    return this.#report(base, 'unprotected', true, [...notices, { code: 'POSITION_UNPROTECTED', params: { symbol, amountBase: Number((amountBase - soldBase).toFixed(12)), reason } }]);
  }

  /** Nothing to protect (flat, dust, or all promised to a sell): leftover stops are cancelled. */
  async #sweep(base: PassStart, live: readonly Order[], target: number): Promise<ProtectionReport> {
    const notices: LiveNotice<ProtectionCode>[] = [];
    for (const stop of live) {
      const cancelled = await this.#deps.cancel(stop);
      if (!cancelled.confirmed) {
        notices.push({ code: 'STOP_CANCEL_UNCONFIRMED', params: { symbol: base.symbol, clientOrderId: stop.clientOrderId, reason: cancelled.reason } });
        return this.#report(base, 'unconfirmed', false, notices);
      }
      notices.push({ code: 'STOP_SWEPT', params: { symbol: base.symbol, clientOrderId: stop.clientOrderId } });
    }
    if (live.length > 0) this.#dirty.add(base.symbol);
    // Less than one lot step (the residue of fees taken in the coin) cannot be an order at all: flat.
    const step = this.#deps.market(base.symbol)?.precision.amountStepBase;
    if (base.positionBase <= EPSILON || (step !== undefined && floorToStep(Number(base.positionBase.toFixed(12)), step) === 0)) return this.#report(base, 'flat', false, notices);
    if (target <= 0 && this.#heldBySells(base.symbol) > EPSILON) return this.#report(base, 'held_by_exit', false, notices);
    return this.#report(base, 'too_small', false, [...notices, { code: 'POSITION_TOO_SMALL_FOR_STOP', params: { symbol: base.symbol, amountBase: base.positionBase } }]);
  }

  async #watchedByBallast(symbol: string, base: PassStart): Promise<ProtectionReport> {
    const entries = new Set(this.#lots.lots(symbol).map((lot) => lot.entryClientOrderId));
    for (const entryId of entries) {
      const entry = this.#deps.store.get(entryId);
      if (entry !== undefined) await this.#deps.ensureClientSideStop(entry);
    }
    if (base.positionBase <= EPSILON) return this.#report(base, 'flat', false, []);
    return this.#report(base, 'watched_by_ballast', false, [{ code: 'STOP_WATCHED_BY_BALLAST', params: { symbol, amountBase: base.positionBase } }]);
  }

  #placeable(market: NonNullable<ReturnType<LiveDeps['market']>>, amountBase: number, priceQuote: number): boolean {
    const { minAmountBase, minNotionalQuote } = market.limits;
    if (minAmountBase !== null && amountBase < minAmountBase) return false;
    return minNotionalQuote === null || amountBase * priceQuote >= minNotionalQuote;
  }

  #liveStops(symbol: string): Order[] {
    return this.#deps.store.nonTerminal().filter((order) => order.symbol === symbol && order.purpose === 'protective_stop');
  }

  /** Base promised to Ballast's own resting sells other than stops (an exit whose answer is pending). */
  #heldBySells(symbol: string): number {
    return this.#deps.store
      .nonTerminal()
      .filter((order) => order.symbol === symbol && order.side === 'sell' && order.purpose !== 'protective_stop')
      .reduce((sum, order) => sum + Math.max(0, order.amountBase - order.filledBase), 0);
  }

  #catchUp(): void {
    const last = this.#deps.store.lastFillSeq();
    if (last <= this.#seenFillSeq) return;
    for (const fill of this.#deps.store.fills(this.#seenFillSeq)) this.#lots.apply(fill);
    this.#seenFillSeq = last;
  }

  #report(base: PassStart, status: ProtectionStatus, requiresSafeMode: boolean, notices: readonly LiveNotice<ProtectionCode>[]): ProtectionReport {
    return reportWithoutStop(base, status, requiresSafeMode, notices);
  }

  /** Counts passes without a confirmed stop, journals what changed, and keeps the latest report. */
  #settle(report: ProtectionReport): ProtectionReport {
    const unconfirmed = report.status === 'unconfirmed' ? (this.#unconfirmedPasses.get(report.symbol) ?? 0) + 1 : 0;
    this.#unconfirmedPasses.set(report.symbol, unconfirmed);
    const notices = unconfirmed > UNCONFIRMED_PASSES_ALLOWED ? [...report.notices, { code: 'PROTECTION_UNCONFIRMED_TOO_LONG' as const, params: { symbol: report.symbol, passes: unconfirmed } }] : report.notices;
    const settled: ProtectionReport = { ...report, requiresSafeMode: report.requiresSafeMode || unconfirmed > UNCONFIRMED_PASSES_ALLOWED, notices: notices.map(withAsset) };
    const previous = this.#latest.get(report.symbol);
    this.#latest.set(report.symbol, settled);
    if (settled.notices.length > 0 || previous?.status !== settled.status) {
      this.#deps.store.recordEvent('order', settled.symbol, this.#deps.clock.nowMs(), { event: 'live_protection', ...settled });
    }
    return settled;
  }
}
