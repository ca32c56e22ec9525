import { afterEach, describe, expect, it } from 'vitest';
import { createCcxtMarketData, fetchLiquidityView, type MarketDataPort } from '../../../core/market/index.ts';
import {
  accountViewForShare,
  defaultRiskLimits,
  entrySizeMultiplier,
  evaluate,
  limitsForLadder,
  startLadder,
  type Intent,
  type LadderState,
  type MarketView,
  type RiskLimits,
} from '../../../core/risk/index.ts';
import { floorToStep } from '../../../core/execution/index.ts';
import { binanceClientFor } from '../../fake-exchange/index.ts';
import { balanceProblems, journalVersusExchange } from './chaosSupport.ts';
import { BTC, openOnExchange, startLiveVenue, type LiveVenue } from './liveVenue.ts';

const HOUR_MS = 3_600_000;
const START = '2020-03-12T08:00:00Z';
const BALANCES = { USDT: 10_000 };

const venues: LiveVenue[] = [];
afterEach(async () => {
  for (const venue of venues.splice(0)) await venue.close();
});

/** The composed path of a live entry: Ballast's share → the risk layer (ladder limits) → live execution. */
class LiveDesk {
  readonly #venue: LiveVenue;
  readonly #marketData: MarketDataPort;
  readonly #limits: RiskLimits;
  readonly #ladder: LadderState;
  #intents = 0;

  constructor(venue: LiveVenue, shareQuote: number) {
    this.#venue = venue;
    this.#marketData = (() => {
      const built = createCcxtMarketData({ exchangeId: 'binance', exchange: binanceClientFor(venue.fake, { timeout: 2_000 }), nowMs: () => venue.fake.clock.nowMs() });
      if (!built.ok) throw new Error(built.error.detail);
      return built.value;
    })();
    this.#limits = { ...defaultRiskLimits('live'), perTradeFractionOfEquity: 0.05 };
    const ladder = startLadder(shareQuote, 'USDT', venue.fake.clock.nowMs());
    if (!ladder.ok) throw new Error('ladder');
    this.#ladder = ladder.state;
  }

  async marketView(): Promise<MarketView> {
    const market = await this.#marketData.fetchMarket(BTC);
    const liquidity = await fetchLiquidityView(this.#marketData, BTC, { depthWithinBps: this.#limits.priceBandBps });
    if (!market.ok || !liquidity.ok) throw new Error('no market data from the fake exchange');
    return { market: market.value, liquidity: liquidity.value, atrQuote: null };
  }

  /** An entry intent with its stop, through the share's account view and `evaluate`, then `live.submit`. */
  async enter(stopPriceQuote: number, rest = false) {
    const view = await this.marketView();
    const nowMs = this.#venue.fake.clock.nowMs();
    const balances = this.#venue.fake.inspect.balances();
    const positions = this.#venue.manager.positions().filter((p) => p.amountBase > 0);
    const share = accountViewForShare({
      shareQuote: this.#ladder.shareQuote,
      quoteAsset: 'USDT',
      exchangeFreeQuote: balances.USDT?.free ?? 0,
      exchangeTotals: new Map(Object.entries(balances).map(([asset, b]) => [asset, b.free + b.locked])),
      book: {
        positions: positions.map((p) => ({ symbol: p.symbol, base: p.base, amountBase: p.amountBase, costBasisQuote: p.costBasisQuote, markPriceQuote: view.liquidity.midQuote })),
        openOrders: this.#venue.manager
          .openOrders()
          .filter((o) => o.purpose !== 'protective_stop')
          .map((o) => ({ symbol: o.symbol, side: o.side, purpose: o.purpose, remainingBase: o.amountBase - o.filledBase, priceQuote: o.limitPriceQuote ?? view.liquidity.midQuote })),
        realisedPnlQuote: this.#venue.manager.positions().reduce((sum, p) => sum + p.realisedPnlQuote, 0),
        orderTimesMs: [],
      },
      dayStartEquityQuote: null,
      highWaterMarkQuote: null,
    });
    if (!share.ok) throw new Error(`share refused: ${share.reasons[0]?.code ?? ''}`);
    this.#intents += 1;
    const intent: Intent = {
      intentId: `trend:BTC/USDT:${nowMs}:${this.#intents}`,
      origin: 'strategy',
      purpose: 'entry',
      symbol: BTC,
      side: 'buy',
      atMs: nowMs,
      orderType: 'limit',
      // A marketable limit takes the asks at once; a resting one waits half a percent below the mid, inside the band.
      limitPriceQuote: rest ? view.liquidity.midQuote * 0.995 : view.liquidity.askQuote * 1.001,
      stopPriceQuote,
      rationale: 'trend follower: the fast average crossed above the slow one',
    };
    const limits = limitsForLadder(this.#limits, entrySizeMultiplier(this.#ladder, nowMs));
    const decision = evaluate(intent, share.account, view, limits, 'ACTIVE');
    if (decision.kind === 'rejected') throw new Error(`risk refused: ${decision.reasons.map((r) => r.code).join(', ')}`);
    // The share is 1,000 USDT; first-week entries are 5 % × 0.5 of it at most: 25 USDT.
    expect(decision.notionalQuote).toBeLessThanOrEqual(25 + 1e-9);
    return this.#venue.live.submit(decision.order, { protectiveStopPriceQuote: stopPriceQuote });
  }
}

function agreesWithExchange(v: LiveVenue): string[] {
  const recorded = (id: string): number => v.manager.fills().filter((f) => f.clientOrderId === id).reduce((sum, f) => sum + f.amountBase, 0);
  return [...journalVersusExchange(v.manager.orders(), recorded, v.fake.inspect.orders()), ...balanceProblems(v.manager.balanceDeltas(), BALANCES, v.fake.inspect.balances())];
}

describe('live trading on the fake Binance replaying the real BTC/USDT file (2020-03-12)', () => {
  it('protects every entry with a confirmed stop, lets the crash fill it, agrees with the exchange, and kills in two steps', async () => {
    const v = await startLiveVenue({ fake: { startAt: START, account: { balances: BALANCES } } });
    venues.push(v);
    expect((await v.live.check('startup')).verdict).toBe('trade');
    const desk = new LiveDesk(v, 1_000);

    // 08:00, price ≈ 7,392: the first entry, and its stop at 7,200 confirmed on the exchange.
    const first = await desk.enter(7_200);
    expect(first.result.ok && first.result.value.status).toBe('FILLED');
    expect(first.protection).toMatchObject({ status: 'protected', stopPriceQuote: 7_200 });
    expect(openOnExchange(v)).toEqual([expect.objectContaining({ clientOrderId: first.protection!.stopClientOrderId, type: 'STOP_LOSS_LIMIT', stopPriceQuote: 7_200 })]);

    // 09:00, ≈ 7,378: a second entry with a tighter stop; one stop now covers both, at the tighter price.
    v.fake.clock.advance(HOUR_MS);
    expect((await v.live.onBar()).protection).toMatchObject([{ status: 'protected' }]);
    const second = await desk.enter(7_250);
    // The stop covers what can be sold: the position on the 0.00001 lot grid (fees taken in BTC leave a residue below it).
    const held = floorToStep(v.live.positionBase(BTC), 0.00001);
    const residue = v.live.positionBase(BTC) - held;
    expect(residue).toBeLessThan(0.00001);
    expect(second.protection).toMatchObject({ status: 'protected', stopBase: held, stopPriceQuote: 7_250 });
    expect(openOnExchange(v)).toEqual([expect.objectContaining({ type: 'STOP_LOSS_LIMIT', amountBase: held, stopPriceQuote: 7_250 })]);

    // 10:00–12:00: the market falls from 7,367 to 5,550 within the hour, through the stop.
    v.fake.clock.advance(2 * HOUR_MS);
    const afterCrash = await v.live.onBar();
    expect(afterCrash.protection).toMatchObject([{ symbol: BTC, status: 'flat' }]);
    const stop = v.manager.order(second.protection!.stopClientOrderId!);
    expect(stop).toMatchObject({ status: 'FILLED', filledBase: held });
    // Sold between its limit (7,250 × 0.995 = 7,213.75, on the tick) and its stop.
    expect(stop!.averagePriceQuote!).toBeGreaterThanOrEqual(7_213.75);
    expect(stop!.averagePriceQuote!).toBeLessThanOrEqual(7_250);
    expect(v.live.positionBase(BTC)).toBeCloseTo(residue, 12);
    expect(v.manager.positions()[0]?.amountBase).toBeCloseTo(residue, 12);
    expect(agreesWithExchange(v)).toEqual([]);
    expect(v.fake.inspect.balances().BTC?.free).toBeCloseTo(residue, 12);

    // 12:00, ≈ 6,067: a new entry (stop 5,800), and a buy resting below the market.
    const third = await desk.enter(5_800);
    expect(third.protection).toMatchObject({ status: 'protected' });
    const resting = await desk.enter(5_700, true);
    expect(resting.result.ok && resting.result.value.status).toBe('OPEN');

    // Kill, keeping the stops: every other order of Ballast's is cancelled; the exchange lists only the stop.
    const kept = await v.live.kill('keep_stops');
    expect(kept).toMatchObject({ done: true, listingRead: true, notices: [{ code: 'KILL_STOPS_KEPT', params: { stops: 1 } }] });
    expect(kept.remaining.map((order) => order.owner)).toEqual(['protective_stop']);
    expect(openOnExchange(v).map((order) => order.type)).toEqual(['STOP_LOSS_LIMIT']);

    // Kill, selling everything: the stop is lifted, the position sold inside the band, nothing left.
    const sold = await v.live.kill('sell_everything');
    expect(sold).toMatchObject({ done: true, remaining: [], positions: [], notices: [{ code: 'KILL_EVERYTHING_SOLD' }] });
    expect(v.fake.inspect.openOrders()).toEqual([]);
    // Nothing an order could sell: what is left is fee residue below one lot step.
    expect(v.live.positionBase(BTC)).toBeLessThan(0.00001);
    expect(v.fake.inspect.balances().BTC?.locked).toBe(0);
    expect(agreesWithExchange(v)).toEqual([]);
  });
});
