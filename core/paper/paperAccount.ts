import { describeError } from '../log/index.ts';
import { err, type Refusal, type Result } from '../model/index.ts';
import type { ExchangeOutcome } from '../execution/index.ts';
import { timeframeMs, type Candle } from '../market/index.ts';
import { PaperLedger } from './paperLedger.ts';
import type { PaperExchangeOptions, PaperReplayFeed } from './paperOptions.ts';
import { PaperStore } from './paperStore.ts';
import { PriceTape } from './priceTape.ts';

const ACCOUNT_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * The paper account's state and its link to disk: every change is saved in one transaction by
 * `commit`, and if saving fails the in-memory state is put back to what the file holds, so the
 * two never disagree (an order that could not be saved was not placed).
 */
export class PaperAccount {
  readonly id: string;
  readonly tape: PriceTape;
  readonly #store: PaperStore;
  readonly #createdAtMs: number;
  readonly #changedBars = new Map<string, Candle>();
  /** Quiet bars moved the clock and reference bars; the journal writes them before its batch commits. */
  #clockPending = false;
  ledger: PaperLedger;
  nowMs: number;
  /** Set when memory could not be brought back in line with the file: nothing may be trusted any more. */
  broken: string | undefined;

  constructor(id: string, store: PaperStore, tape: PriceTape, ledger: PaperLedger, nowMs: number, createdAtMs: number) {
    this.id = id;
    this.#store = store;
    this.tape = tape;
    this.ledger = ledger;
    this.nowMs = nowMs;
    this.#createdAtMs = createdAtMs;
  }

  setReference(symbol: string, bar: Candle): void {
    this.tape.setReference(symbol, bar);
    this.#changedBars.set(symbol, bar);
  }

  markAllReferencesChanged(): void {
    for (const symbol of this.tape.symbols()) {
      const bar = this.tape.reference(symbol);
      if (bar !== undefined) this.#changedBars.set(symbol, bar);
    }
  }

  commit(nowMs: number): Extract<ExchangeOutcome<null>, { kind: 'ok' | 'unavailable' }> {
    const previousNowMs = this.nowMs;
    this.nowMs = Math.max(this.nowMs, nowMs);
    // A bar that changed no balance, order or fill moves only the clock and the reference bar.
    // Inside a journal batch those are written once, as the batch commits: a replay's quiet bars
    // then cost no SQL each, and the file holds the same as if every bar had written them.
    const ledger = this.ledger;
    const quiet = ledger.dirtyAssets.size === 0 && ledger.dirtyOrders.size === 0 && ledger.newFills.length === 0;
    if (quiet && this.#store.deferUntilCommit(this, this.#writeClock)) {
      this.#clockPending = true;
      return { kind: 'ok', value: null };
    }
    try {
      this.#store.save(this.ledger, this.nowMs, this.#createdAtMs, this.#changedBars);
      this.#changedBars.clear();
      this.#clockPending = false;
      return { kind: 'ok', value: null };
    } catch (error) {
      this.nowMs = previousNowMs;
      this.discardUnsaved(true);
      return { kind: 'unavailable', detail: `paper ${this.id}: the account could not be saved, so the change was undone: ${describeError(error)}${this.broken === undefined ? '' : `; ${this.broken}`}` };
    }
  }

  /** Writes the clock and reference bars a quiet bar deferred (the journal calls it before committing). */
  readonly #writeClock = (): void => {
    if (!this.#clockPending) return;
    this.#store.saveClock(this.nowMs, this.#createdAtMs, this.#changedBars);
    this.#changedBars.clear();
    this.#clockPending = false;
  };

  /**
   * Puts memory back to what the file holds (after a refused order or a failed save). A clock
   * still waiting for its batch to commit goes back too: memory and file agree again.
   */
  discardUnsaved(force = false): void {
    const dirty = this.ledger.dirtyAssets.size > 0 || this.ledger.dirtyOrders.size > 0 || this.ledger.newFills.length > 0 || this.#changedBars.size > 0;
    if (!dirty && !force) return;
    let stored;
    try {
      stored = this.#store.load();
    } catch (error) {
      this.broken = `the paper account could not be re-read from disk: ${describeError(error)}`;
      return;
    }
    if (stored === undefined) return;
    this.ledger = stored.ledger;
    this.nowMs = stored.nowMs;
    for (const [symbol, bar] of stored.referenceBars) this.tape.setReference(symbol, bar);
    this.#changedBars.clear();
    this.#clockPending = false;
  }
}

export type OpenedAccount = Result<PaperAccount, Refusal>;

function refuse(reason: string, detail: string): OpenedAccount {
  return err({ reason, detail });
}

/** Opens the stored account, or creates it with the initial balances when the file has none. */
export function openPaperAccount(options: PaperExchangeOptions): OpenedAccount {
  const id = options.accountId ?? 'paper';
  if (!ACCOUNT_ID.test(id)) return refuse('The paper account name is not valid.', `accountId '${id}' must be 1-64 letters, digits, '.', '_' or '-'`);
  for (const [asset, amount] of Object.entries(options.initialBalances)) {
    if (!Number.isFinite(amount) || amount < 0) return refuse(`The starting balance of ${asset} must be zero or more.`, `initialBalances.${asset} = ${amount}`);
  }
  const replay: PaperReplayFeed = options.feed;
  if (!Number.isFinite(replay.startAtMs)) return refuse('The replay needs a start time.', `startAtMs ${replay.startAtMs}`);
  const intervalMs = timeframeMs(replay.timeframe);

  try {
    const store = new PaperStore(options.journal, id);
    const tape = new PriceTape(intervalMs, replay.candles ?? {});
    const stored = store.load();
    if (stored !== undefined) {
      for (const [symbol, bar] of stored.referenceBars) tape.setReference(symbol, bar);
      tape.startAt(stored.nowMs);
      return { ok: true, value: new PaperAccount(id, store, tape, stored.ledger, stored.nowMs, stored.nowMs) };
    }
    const startMs = replay.startAtMs;
    const ledger = new PaperLedger();
    for (const [asset, amount] of Object.entries(options.initialBalances)) ledger.setBalance(asset, amount, 0);
    tape.startAt(startMs);
    const account = new PaperAccount(id, store, tape, ledger, startMs, startMs);
    account.markAllReferencesChanged();
    const saved = account.commit(startMs);
    if (saved.kind !== 'ok') return refuse('Ballast could not create the paper account on disk.', saved.detail);
    return { ok: true, value: account };
  } catch (error) {
    return refuse('Ballast could not open the paper account. Its data may be damaged.', `paper account ${id}: ${describeError(error)}`);
  }
}
