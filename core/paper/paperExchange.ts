import type { Refusal, Result } from '../model/index.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ExchangeOrder, ExchangeOutcome, ExchangePort, OrderRef, OrderRequest } from '../execution/index.ts';
import type { Journal } from '../journal/index.ts';
import type { Logger } from '../log/index.ts';
import { timeframeMs, type Candle, type MarketDataPort, type MarketInfo, type Timeframe } from '../market/index.ts';
import { DEFAULT_FILL_MODEL, type FillModel } from './fillModel.ts';
import { isOpen, orderView, tradeView, type PaperOrder } from './paperLedger.ts';
import { matchBar, type MatchingContext } from './paperMatching.ts';
import { enterOrder } from './paperOrderEntry.ts';
import { ok, outcomeFromMarketError, seededDraw, unknownSymbol } from './paperOutcomes.ts';
import { openPaperAccount, type PaperAccount } from './paperAccount.ts';
import { syncLiveBars } from './paperLiveSync.ts';

/** A replay: bars of a series (given whole, or pushed with `onCandle`) on a clock the runtime moves. */
export interface PaperReplayFeed {
  readonly kind: 'replay';
  readonly timeframe: Timeframe;
  /** Market time where a new account starts; a reopened account continues where it stopped. */
  readonly startAtMs: number;
  readonly candles?: Readonly<Record<string, readonly Candle[]>>;
}

/** Live public data: market orders take the real book, resting orders meet the real bars. */
export interface PaperLiveFeed {
  readonly kind: 'live';
  readonly marketData: MarketDataPort;
  /** Bars fetched to match resting orders; default '1m'. */
  readonly timeframe?: Timeframe;
  /** Port calls refresh bars at most this often; default 5 s. */
  readonly minSyncIntervalMs?: number;
}

export interface PaperExchangeOptions {
  /** The journal whose SQLite file keeps the paper account (':memory:' for throwaway runs). */
  readonly journal: Journal;
  /** Several paper accounts can share one file; default 'paper'. */
  readonly accountId?: string;
  /** Trading rules; required for a replay, fetched from the market data when live and absent. */
  readonly markets?: readonly MarketInfo[];
  /** Balances of a new account; a reopened account keeps its own. */
  readonly initialBalances: Readonly<Record<string, number>>;
  readonly feed: PaperReplayFeed | PaperLiveFeed;
  readonly fillModel?: Partial<FillModel>;
  /** Simulated time between sending an order and the engine seeing it (default 0). */
  readonly latencyMs?: number;
  /** Extra latency drawn per order from the seed, 0..jitter ms (default 0). */
  readonly latencyJitterMs?: number;
  readonly seed?: number;
  readonly logger?: Logger;
}

export interface PaperExchange extends ExchangePort {
  readonly id: 'paper';
  /** The paper exchange's market time. */
  nowMs(): number;
  /** Replay: moves market time forward; every bar that closes by then is matched against open orders. */
  advanceTo(atMs: number): ExchangeOutcome<null>;
  /** Replay: one bar of `symbol` that just closed (false when it was matched before, e.g. after a restart). */
  onCandle(symbol: string, candle: Candle): ExchangeOutcome<boolean>;
  /** Live: fetches the bars closed since the last sync and matches them. Port calls do this too, at most every `minSyncIntervalMs`. */
  syncMarket(): Promise<ExchangeOutcome<null>>;
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
  const live = options.feed.kind === 'live' ? options.feed : undefined;
  const model: FillModel = { ...DEFAULT_FILL_MODEL, ...options.fillModel };
  const intervalMs = timeframeMs(live ? (live.timeframe ?? '1m') : (options.feed as PaperReplayFeed).timeframe);
  let markets = options.markets === undefined ? undefined : new Map(options.markets.map((market) => [market.symbol, market]));
  let lastSyncWallMs: number | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let activity = 0;

  const context = (): MatchingContext => ({ ledger: account.ledger, markets: markets ?? new Map(), model });
  const nowMs = (): number => (live ? live.marketData.nowMs() : account.nowMs);

  /** One change at a time: a second order must see the first one's client id and locked funds. */
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  }

  function matchDueBars(toMs: number): void {
    for (const { symbol, bar } of account.tape.unmatchedBarsClosingBy(toMs)) {
      if (markets?.has(symbol) === true) matchBar(context(), symbol, bar, intervalMs);
      account.setReference(symbol, bar);
    }
  }

  async function loadMarkets(): Promise<ExchangeOutcome<ReadonlyMap<string, MarketInfo>>> {
    if (markets !== undefined) return ok(markets);
    if (!live) return { kind: 'unavailable', detail: 'paper loadMarkets: a replay needs its markets passed in' };
    const fetched = await live.marketData.fetchMarkets();
    if (!fetched.ok) return outcomeFromMarketError(fetched.error, 'loadMarkets');
    markets = new Map(fetched.value.markets.map((market) => [market.symbol, market]));
    return ok(markets);
  }

  async function syncMarket(): Promise<ExchangeOutcome<null>> {
    if (!live) return ok(null);
    const loaded = await loadMarkets();
    if (loaded.kind !== 'ok') return loaded;
    const synced = await syncLiveBars(live.marketData, account, intervalMs, nowMs());
    if (synced.kind !== 'ok') return synced;
    matchDueBars(nowMs());
    account.tape.forgetMatched();
    lastSyncWallMs = Date.now();
    return account.commit(nowMs());
  }

  /** Before answering from the paper book, bring it up to date with the market (live only). */
  async function upToDate(): Promise<ExchangeOutcome<null>> {
    if (account.broken !== undefined) return { kind: 'unavailable', detail: `paper ${account.id}: ${account.broken}` };
    const loaded = await loadMarkets();
    if (loaded.kind !== 'ok') return loaded;
    if (!live || (lastSyncWallMs !== undefined && Date.now() - lastSyncWallMs < (live.minSyncIntervalMs ?? 5_000))) return ok(null);
    return syncMarket();
  }

  function latencyFor(seq: number): number {
    const jitterMs = options.latencyJitterMs ?? 0;
    return (options.latencyMs ?? 0) + (jitterMs > 0 ? Math.floor(seededDraw(options.seed ?? 0, seq) * (jitterMs + 1)) : 0);
  }

  async function createLive(request: OrderRequest, feed: PaperLiveFeed): Promise<ExchangeOutcome<PaperOrder>> {
    const latencyMs = latencyFor(account.ledger.nextOrderSeq);
    if (latencyMs > 0) await sleep(latencyMs);
    const book = await feed.marketData.fetchOrderBook(request.symbol, 100);
    if (!book.ok) return outcomeFromMarketError(book.error, `createOrder ${request.symbol}`);
    const bestBid = book.value.bids[0]?.priceQuote;
    const bestAsk = book.value.asks[0]?.priceQuote;
    if (bestBid === undefined || bestAsk === undefined) return { kind: 'unavailable', detail: `paper createOrder ${request.symbol}: the order book is empty` };
    const referenceQuote = (bestBid + bestAsk) / 2;
    const atMs = nowMs();
    return enterOrder({ context: context(), nowMs: atMs, activeFromMs: atMs, arrival: { kind: 'book', book: book.value, referenceQuote }, referenceQuote }, request);
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
    if (markets?.has(ref.symbol) !== true) return unknownSymbol(ref.symbol);
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
    syncMarket: () => exclusive(syncMarket),

    advanceTo(atMs) {
      if (live) return { kind: 'rejected', reason: 'A live paper account follows the real clock; only a replay can be moved forward.', exchangeCode: 'NOT_A_REPLAY' };
      if (!Number.isFinite(atMs) || atMs < account.nowMs) {
        return { kind: 'rejected', reason: `Replay time only moves forward (asked for ${atMs}, already at ${account.nowMs}).`, exchangeCode: 'TIME_MOVES_FORWARD' };
      }
      if (account.broken !== undefined) return { kind: 'unavailable', detail: `paper ${account.id}: ${account.broken}` };
      matchDueBars(atMs);
      return account.commit(atMs);
    },

    matchingActivity: () => activity,

    onCandle(symbol, candle) {
      if (live) return { kind: 'rejected', reason: 'A live paper account fetches its own bars.', exchangeCode: 'NOT_A_REPLAY' };
      if (account.broken !== undefined) return { kind: 'unavailable', detail: `paper ${account.id}: ${account.broken}` };
      if (markets?.has(symbol) !== true) return unknownSymbol(symbol);
      const sane = Number.isSafeInteger(candle.openTimeMs) && [candle.open, candle.high, candle.low, candle.close, candle.volumeBase].every(Number.isFinite) && candle.low <= Math.min(candle.open, candle.close) && candle.high >= Math.max(candle.open, candle.close) && candle.volumeBase >= 0;
      if (!sane) return { kind: 'rejected', reason: `The bar for ${symbol} opening at ${String(candle.openTimeMs)} ms is not a possible bar, so it was not used.`, exchangeCode: 'INVALID_BAR' };
      if (!account.tape.append(symbol, candle)) return ok(false);
      matchDueBars(Math.max(account.nowMs, candle.openTimeMs + intervalMs));
      if (account.ledger.dirtyOrders.size > 0) activity += 1;
      const committed = account.commit(Math.max(account.nowMs, candle.openTimeMs + intervalMs));
      return committed.kind === 'ok' ? ok(true) : committed;
    },

    fetchBalances: () =>
      exclusive(async () => {
        const fresh = await upToDate();
        if (fresh.kind !== 'ok') return fresh;
        const balances = account.ledger.balances();
        // Like Binance, list the assets of the markets traded here even at zero (not the whole live catalogue).
        for (const market of options.markets ?? []) {
          for (const asset of [market.base, market.quote]) if (!balances.has(asset)) balances.set(asset, { asset, free: 0, used: 0, total: 0 });
        }
        return ok(balances);
      }),

    createOrder: (request) =>
      exclusive(async () => {
        const fresh = await upToDate();
        if (fresh.kind !== 'ok') return fresh;
        if (markets?.has(request.symbol) !== true) return unknownSymbol(request.symbol);
        const entered = live ? await createLive(request, live) : createReplay(request);
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
      exclusive(async () => {
        const fresh = await upToDate();
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
      exclusive(async () => {
        const fresh = await upToDate();
        if (fresh.kind !== 'ok') return fresh;
        const found = find(ref);
        return found.kind === 'ok' ? ok(view(found.value)) : found;
      }),

    fetchOpenOrders: (symbol) =>
      exclusive(async () => {
        const fresh = await upToDate();
        if (fresh.kind !== 'ok') return fresh;
        if (symbol !== undefined && markets?.has(symbol) !== true) return unknownSymbol(symbol);
        return ok(account.ledger.openOrders(symbol).map(view));
      }),

    fetchMyTrades: (symbol, sinceMs) =>
      exclusive(async () => {
        const fresh = await upToDate();
        if (fresh.kind !== 'ok') return fresh;
        if (markets?.has(symbol) !== true) return unknownSymbol(symbol);
        return ok(account.ledger.fills().filter((fill) => fill.symbol === symbol && (sinceMs === undefined || fill.atMs >= sinceMs)).map(tradeView));
      }),
  };
  return { ok: true, value: port };
}
