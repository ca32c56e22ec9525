import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../core/log/index.ts';
import { DEFAULT_FILL_MODEL } from '../../../core/paper/index.ts';
import { createTradingStateMachine, defaultRiskLimits, evaluate, type Intent, type RiskLimits, type TradingStateMachine } from '../../../core/risk/index.ts';
import { demoMarketRules } from '../../../core/runtime/paper/demoMarketRules.ts';
import { PaperSession } from '../../../core/runtime/paper/paperSession.ts';
import { processBars } from '../../../core/runtime/paper/priceDriver.ts';
import { createRollingQuoteVolume, replayMarketView } from '../../../core/runtime/paper/replayMarketView.ts';
import { paperRiskDesk, type PaperRiskDesk } from '../../../core/runtime/paper/paperRiskDesk.ts';
import { generateSyntheticCandles, SYNTHETIC_MARKET_DEFAULTS } from '../../../core/runtime/paper/syntheticMarket.ts';
import { removeTempDirs, tempDir } from '../../support/tempDirs.ts';

// Runs after the hooks below (they close what uses the folders), then removes the folders.
afterEach(removeTempDirs);

const log = createLogger({ level: 'silent' });
const SYMBOL = 'DEMO/USDT';
const BARS = 400;
const candles = generateSyntheticCandles({ ...SYNTHETIC_MARKET_DEFAULTS, bars: BARS, endOpenTimeMs: 1_700_000_000_000 - (1_700_000_000_000 % 3_600_000) });

interface Rig {
  readonly session: PaperSession;
  readonly machine: TradingStateMachine;
  readonly desk: PaperRiskDesk;
  readonly limits: { current: RiskLimits };
}

const open: PaperSession[] = [];
afterEach(() => {
  for (const session of open.splice(0)) session.close();
});

/** A paper account on a generated market, a strategy that never trades, 300 bars in. */
async function rig(): Promise<Rig> {
  const limits = { current: { ...defaultRiskLimits('paper', 'UTC'), allowedSymbols: [SYMBOL] } };
  const machine = createTradingStateMachine({ nowMs: () => 0 });
  const opened = PaperSession.open({
    prices: 'synthetic',
    journalPath: join(tempDir('manual'), 'run.sqlite'),
    config: { source: { kind: 'synthetic' }, symbol: SYMBOL, strategyId: 'do-nothing', barsPerSecond: 1, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true },
    candles,
    timeframe: '1h',
    market: demoMarketRules(SYMBOL, candles[0]?.close ?? 1),
    tradingState: machine,
    limits: () => limits.current,
    log,
    seed: 3,
  });
  if (!opened.ok) throw new Error(opened.error);
  const { value: session } = opened;
  open.push(session);
  expect(await session.start()).toBeNull();
  await processBars(session, 300);
  expect(session.barsProcessed).toBe(300);
  const desk = paperRiskDesk({ session, wallNowMs: () => 1, replayRunning: () => false });
  return { session, machine, desk, limits };
}

const closeNow = (session: PaperSession): number => session.candles[session.barsProcessed - 1]?.close ?? Number.NaN;

/** What `evaluate` says about the same order asked for by a strategy, on the same account and market. */
function asStrategyWouldBeJudged(r: Rig, fields: Pick<Intent, 'side' | 'purpose' | 'limitPriceQuote' | 'desiredFractionOfEquity' | 'desiredAmountBase'>) {
  const { session } = r;
  const candle = session.candles[session.barsProcessed - 1];
  if (candle === undefined) throw new Error('no bar yet');
  const rolling = createRollingQuoteVolume(24);
  let volume = 0;
  for (const bar of session.candles.slice(session.barsProcessed - 24, session.barsProcessed)) volume = rolling.push(bar);
  const atMs = session.exchange.nowMs();
  const intent: Intent = { intentId: 'strategy-twin', origin: 'strategy', symbol: SYMBOL, atMs, orderType: 'limit', rationale: 'twin', ...fields };
  const market = replayMarketView({ market: session.market, candle, closeTimeMs: atMs, quoteVolume24h: volume, atrQuote: null, fillModel: DEFAULT_FILL_MODEL, depthWithinBps: Math.min(r.limits.current.priceBandBps, 50) });
  return evaluate(intent, session.accountView(candle.close), market, r.limits.current, r.machine.snapshot().state);
}

describe('a manual order on the paper account', () => {
  it('is shrunk by the per-trade limit exactly as the same order from a strategy, and the smaller order is what reaches the exchange', async () => {
    const r = await rig();
    const price = Math.round(closeNow(r.session) * 1.001 * 100) / 100;
    const twin = asStrategyWouldBeJudged(r, { side: 'buy', purpose: 'entry', limitPriceQuote: price, desiredFractionOfEquity: 0.05 });

    const result = await r.desk.placeManualOrder({ symbol: SYMBOL, side: 'buy', fractionOfEquity: 0.05, limitPriceQuote: price });

    expect(twin.kind).toBe('shrunk');
    expect(result.decision).toBe(twin.kind);
    expect(result.reasons.map((reason) => reason.code)).toEqual(twin.reasons.map((reason) => reason.code));
    expect(result.reasons.map((reason) => reason.code)).toContain('PER_TRADE_SIZE');
    expect(result.order?.amountBase).toBe(twin.kind === 'rejected' ? undefined : twin.order.amountBase);
    expect(result.order?.notionalQuote).toBeLessThanOrEqual(0.01 * 10_000 + 1e-9);
    expect(result.text).toMatch(/^Made smaller/);
    expect(result.sent?.ok).toBe(true);
    // The limit crosses the ask, so the paper exchange fills it at once: at the size risk approved.
    expect(result.sent).toMatchObject({ ok: true, status: 'FILLED' });
    expect(r.session.fills().map((fill) => [fill.side, fill.amountBase])).toEqual([['buy', result.order?.amountBase]]);
    // The account the next decision sees includes it.
    expect(r.session.accountView(closeNow(r.session)).freeQuote).toBeLessThan(10_000 - (result.order?.notionalQuote ?? 0) + 1);
  });

  it('follows a tightened per-trade limit at once', async () => {
    const r = await rig();
    r.limits.current = { ...r.limits.current, perTradeFractionOfEquity: 0.004 };
    const price = Math.round(closeNow(r.session) * 1.001 * 100) / 100;
    const result = await r.desk.placeManualOrder({ symbol: SYMBOL, side: 'buy', fractionOfEquity: 0.01, limitPriceQuote: price });
    expect(result.decision).toBe('shrunk');
    expect(result.order?.notionalQuote).toBeLessThanOrEqual(0.004 * 10_000 + 1e-9);
    expect(result.order?.notionalQuote).toBeGreaterThan(0.003 * 10_000);
  });

  for (const [state, code] of [['PAUSED', 'STATE_PAUSED'], ['KILLED', 'STATE_KILLED'], ['SAFE_MODE', 'SAFE_MODE_REDUCE_ONLY']] as const) {
    it(`is refused in ${state} like any entry (${code}), nothing is sent, and the refusal is journaled`, async () => {
      const r = await rig();
      const cause = { code: 'TEST', message: 'test' };
      if (state === 'PAUSED') r.machine.pause(cause);
      else if (state === 'KILLED') r.machine.kill(cause);
      else r.machine.report({ triggerId: 'test', tripped: true, action: 'SAFE_MODE', cause, details: {}, atMs: 0 });
      expect(r.machine.snapshot().state).toBe(state);
      const price = Math.round(closeNow(r.session) * 100) / 100;
      const twin = asStrategyWouldBeJudged(r, { side: 'buy', purpose: 'entry', limitPriceQuote: price, desiredFractionOfEquity: 0.005 });

      const result = await r.desk.placeManualOrder({ symbol: SYMBOL, side: 'buy', fractionOfEquity: 0.005, limitPriceQuote: price });

      expect(twin.kind).toBe('rejected');
      expect(result.decision).toBe('rejected');
      expect(result.reasons.map((reason) => reason.code)).toEqual([code]);
      expect(result.text).toMatch(/^Not sent\./);
      expect(result.order).toBeNull();
      expect(result.sent).toBeNull();
      expect(r.session.openOrders()).toEqual([]);
      const rows = r.session.journal.query({ kinds: ['risk_decision'], text: '"origin":"manual"' }).events;
      expect(rows).toHaveLength(1);
      expect(rows[0]?.payloadJson).toContain(code);
      expect(r.session.feed.list()[0]?.text).toMatch(/risk blocked it/);
    });
  }

  it('journals an approved manual order as a risk decision with its origin, and counts it towards the order-rate limit', async () => {
    const r = await rig();
    r.limits.current = { ...r.limits.current, maxOrdersPerMinute: 2 };
    const price = Math.round(closeNow(r.session) * 0.995 * 100) / 100;
    const order = { symbol: SYMBOL, side: 'buy' as const, amountBase: 0.001, limitPriceQuote: price };
    expect((await r.desk.placeManualOrder(order)).decision).toBe('approved');
    expect((await r.desk.placeManualOrder(order)).decision).toBe('approved');
    const third = await r.desk.placeManualOrder(order);
    expect(third.decision).toBe('rejected');
    expect(third.reasons.map((reason) => reason.code)).toEqual(['ORDER_RATE_MINUTE']);
    // The journal answers newest first.
    const rows = r.session.journal.query({ kinds: ['risk_decision'], text: '"origin":"manual"' }).events;
    expect(rows.map((row) => (JSON.parse(row.payloadJson) as { decision: { kind: string } }).decision.kind).reverse()).toEqual(['approved', 'approved', 'rejected']);
  });

  it('refuses to sell what is not held, and a price far from the market', async () => {
    const r = await rig();
    const price = closeNow(r.session);
    const sell = await r.desk.placeManualOrder({ symbol: SYMBOL, side: 'sell', amountBase: 0.01, limitPriceQuote: Math.round(price * 100) / 100 });
    expect(sell.decision).toBe('rejected');
    const far = await r.desk.placeManualOrder({ symbol: SYMBOL, side: 'buy', amountBase: 0.001, limitPriceQuote: Math.round(price * 1.2 * 100) / 100 });
    expect(far.decision).toBe('rejected');
    expect(far.reasons.map((reason) => reason.code)).toEqual(['PRICE_BAND']);
    const otherMarket = await r.desk.placeManualOrder({ symbol: 'ETH/USDT', side: 'buy', amountBase: 0.01, limitPriceQuote: 2_000 });
    expect(otherMarket.decision).toBe('rejected');
    expect(r.session.openOrders()).toEqual([]);
  });
});
