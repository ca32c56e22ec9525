import type { Refusal, Result } from '../model/index.ts';
import type { ExchangeOrder, ExchangeOutcome, ExchangePort, OrderRef, OrderRequest } from '../execution/index.ts';
import { timeframeMs, type Candle, type MarketInfo } from '../market/index.ts';
import type { PaperExchangeOptions } from './paperOptions.ts';
import { DEFAULT_FILL_MODEL, type FillModel } from './fillModel.ts';
import { isOpen, orderView, tradeView, type PaperOrder } from './paperLedger.ts';
import { matchBar, type MatchingContext } from './paperMatching.ts';
import { enterOrder } from './paperOrderEntry.ts';
import { ok, seededDraw, unknownSymbol } from './paperOutcomes.ts';
import { openPaperAccount, type PaperAccount } from './paperAccount.ts';

export interface PaperExchange extends ExchangePort {
  readonly id: 'paper';
  /** The paper exchange's market time. */
  nowMs(): number;
  /** Replay: moves market time forward; every bar that closes by then is matched against open orders. */
  advanceTo(atMs: number): ExchangeOutcome<null>;
  /** Replay: one bar of `symbol` that just closed (false when it was matched before, e.g. after a restart). */
  onCandle(symbol: string, candle: Candle): ExchangeOutcome<boolean>;
  /**
   * Counts bars on which matching changed an order (a fill, a triggered stop, an expiry). A
   * replay driver compares it before and after a bar to know whether the OrderManager has
   * anything to catch up on, instead of asking the exchange on every quiet bar.
   */
  matchingActivity(): number;
}

export type CreatePaperExchangeResult = Result<PaperExchange, Refusal>;

/**
 * An `ExchangePort` that fills locally. Same answers, same refusals and the same bookkeeping as
 * the real exchange (Binance's rules), so the contract suite runs unchanged against both.
 */
export function createPaperExchange(options: PaperExchangeOptions): CreatePaperExchangeResult {
  const opened = openPaperAccount(options);
  if (!opened.ok) return opened;
  const account: PaperAccount = opened.value;
  const model: FillModel = { ...DEFAULT_FILL_MODEL, ...options.fillModel };
  const intervalMs = timeframeMs(options.feed.timeframe);
  const markets: ReadonlyMap<string, MarketInfo> = new Map(options.markets.map((market) => [market.symbol, market]));
  let queue: Promise<unknown> = Promise.resolve();
  let activity = 0;

  const context = (): MatchingContext => ({ ledger: account.ledger, markets, model });
  const nowMs = (): number => account.nowMs;

  /** One change at a time: a second order must see the first one's client id and locked funds. */
  function exclusive<T>(work: () => T | Promise<T>): Promise<T> {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  }

  function matchDueBars(toMs: number): void {
    for (const { symbol, bar } of account.tape.unmatchedBarsClosingBy(toMs)) {
      if (markets.has(symbol)) matchBar(context(), symbol, bar, intervalMs);
      account.setReference(symbol, bar);
    }
  }

  const loadMarkets = (): Promise<ExchangeOutcome<ReadonlyMap<string, MarketInfo>>> => Promise.resolve(ok(markets));

  /** Before answering from the paper book: a damaged account answers nothing. */
  function usable(): ExchangeOutcome<null> {
    return account.broken !== undefined ? { kind: 'unavailable', detail: `paper ${account.id}: ${account.broken}` } : ok(null);
  }

  function latencyFor(seq: number): number {
    const jitterMs = options.latencyJitterMs ?? 0;
    return (options.latencyMs ?? 0) + (jitterMs > 0 ? Math.floor(seededDraw(options.seed ?? 0, seq) * (jitterMs + 1)) : 0);
  }

  function createReplay(request: OrderRequest): ExchangeOutcome<PaperOrder> {
    const reference = account.tape.reference(request.symbol);
    if (reference === undefined) {
      return { kind: 'unavailable', detail: `paper createOrder ${request.symbol}: no bar has closed yet at ${new Date(account.nowMs).toISOString()}, so there is no price` };
    }
    if (reference.volumeBase <= 0) {
      return { kind: 'unavailable', detail: `paper createOrder ${request.symbol}: the exchange was not trading in the bar before ${new Date(account.nowMs).toISOString()} (zero volume: an outage in the data)` };
    }
    const latencyMs = latencyFor(account.ledger.nextOrderSeq);
    const arrival = latencyMs > 0 ? undefined : { kind: 'bar' as const, referenceQuote: reference.close, barVolumeBase: reference.volumeBase, capBase: model.volumeShare * reference.volumeBase };
    return enterOrder({ context: context(), nowMs: account.nowMs, activeFromMs: account.nowMs + latencyMs, arrival, referenceQuote: reference.close }, request);
  }

  function find(ref: OrderRef): ExchangeOutcome<PaperOrder> {
    if (!markets.has(ref.symbol)) return unknownSymbol(ref.symbol);
    const byId = ref.exchangeOrderId !== undefined ? (/^\d+$/.test(ref.exchangeOrderId) ? account.ledger.order(Number(ref.exchangeOrderId)) : undefined) : account.ledger.orderByClientId(ref.clientOrderId);
    if (byId === undefined || byId.symbol !== ref.symbol || (ref.clientOrderId !== undefined && byId.clientOrderId !== ref.clientOrderId)) {
      const what = ref.exchangeOrderId !== undefined ? `id ${ref.exchangeOrderId}` : `client id ${ref.clientOrderId}`;
      return { kind: 'not_found', detail: `paper: no order with ${what} on ${ref.symbol} (Order does not exist.)` };
    }
    return ok(byId);
  }

  const view = (order: PaperOrder): ExchangeOrder => orderView(order, account.ledger.fillsOf(order.seq));

  const port: PaperExchange = {
    id: 'paper',
    // The paper exchange holds stop orders itself, and matches the bars it missed after a restart.
    supportsNativeStops: true,
    nowMs,
    loadMarkets,

    advanceTo(atMs) {
      if (!Number.isFinite(atMs) || atMs < account.nowMs) {
        return { kind: 'rejected', reason: `Replay time only moves forward (asked for ${atMs}, already at ${account.nowMs}).`, exchangeCode: 'TIME_MOVES_FORWARD' };
      }
      if (account.broken !== undefined) return { kind: 'unavailable', detail: `paper ${account.id}: ${account.broken}` };
      matchDueBars(atMs);
      return account.commit(atMs);
    },

    matchingActivity: () => activity,

    onCandle(symbol, candle) {
      if (account.broken !== undefined) return { kind: 'unavailable', detail: `paper ${account.id}: ${account.broken}` };
      if (!markets.has(symbol)) return unknownSymbol(symbol);
      const sane = Number.isSafeInteger(candle.openTimeMs) && [candle.open, candle.high, candle.low, candle.close, candle.volumeBase].every(Number.isFinite) && candle.low <= Math.min(candle.open, candle.close) && candle.high >= Math.max(candle.open, candle.close) && candle.volumeBase >= 0;
      if (!sane) return { kind: 'rejected', reason: `The bar for ${symbol} opening at ${String(candle.openTimeMs)} ms is not a possible bar, so it was not used.`, exchangeCode: 'INVALID_BAR' };
      if (!account.tape.append(symbol, candle)) return ok(false);
      matchDueBars(Math.max(account.nowMs, candle.openTimeMs + intervalMs));
      if (account.ledger.dirtyOrders.size > 0) activity += 1;
      const committed = account.commit(Math.max(account.nowMs, candle.openTimeMs + intervalMs));
      return committed.kind === 'ok' ? ok(true) : committed;
    },

    fetchBalances: () =>
      exclusive(() => {
        const fresh = usable();
        if (fresh.kind !== 'ok') return fresh;
        const balances = account.ledger.balances();
        // Like Binance, list the assets of the markets traded here even at zero (not the whole live catalogue).
        for (const market of options.markets) {
          for (const asset of [market.base, market.quote]) if (!balances.has(asset)) balances.set(asset, { asset, free: 0, used: 0, total: 0 });
        }
        return ok(balances);
      }),

    createOrder: (request) =>
      exclusive(() => {
        const fresh = usable();
        if (fresh.kind !== 'ok') return fresh;
        if (!markets.has(request.symbol)) return unknownSymbol(request.symbol);
        const entered = createReplay(request);
        if (entered.kind !== 'ok') {
          account.discardUnsaved();
          return entered;
        }
        const committed = account.commit(nowMs());
        if (committed.kind !== 'ok') return committed;
        options.logger?.info({ paper: account.id, clientOrderId: request.clientOrderId, status: entered.value.status }, 'paper order accepted');
        return ok(view(entered.value));
      }),

    cancelOrder: (ref) =>
      exclusive(() => {
        const fresh = usable();
        if (fresh.kind !== 'ok') return fresh;
        const found = find(ref);
        if (found.kind !== 'ok') return found;
        const order = found.value;
        if (!isOpen(order)) return { kind: 'not_found', detail: `paper: order ${order.seq} is already ${order.status} (Unknown order sent.)` };
        account.ledger.close(order, 'CANCELED', nowMs());
        const committed = account.commit(nowMs());
        return committed.kind === 'ok' ? ok(view(order)) : committed;
      }),

    fetchOrder: (ref) =>
      exclusive(() => {
        const fresh = usable();
        if (fresh.kind !== 'ok') return fresh;
        const found = find(ref);
        return found.kind === 'ok' ? ok(view(found.value)) : found;
      }),

    fetchOpenOrders: (symbol) =>
      exclusive(() => {
        const fresh = usable();
        if (fresh.kind !== 'ok') return fresh;
        if (symbol !== undefined && !markets.has(symbol)) return unknownSymbol(symbol);
        return ok(account.ledger.openOrders(symbol).map(view));
      }),

    fetchMyTrades: (symbol, sinceMs) =>
      exclusive(() => {
        const fresh = usable();
        if (fresh.kind !== 'ok') return fresh;
        if (!markets.has(symbol)) return unknownSymbol(symbol);
        return ok(account.ledger.fills().filter((fill) => fill.symbol === symbol && (sinceMs === undefined || fill.atMs >= sinceMs)).map(tradeView));
      }),
  };
  return { ok: true, value: port };
}
