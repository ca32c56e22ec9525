import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TradingStateName } from '../../../core/model/index.ts';
import { openJournal, type Journal } from '../../../core/journal/index.ts';
import type { Candle } from '../../../core/market/index.ts';
import {
  DEFAULT_RISK_LIMITS,
  DEFAULT_TRIGGER_SETTINGS,
  RISK_MIGRATIONS,
  RISK_REASONS,
  REARM_PHRASE,
  createEquityWatermarks,
  createRiskMonitor,
  createTradingStateMachine,
  evaluate,
  type EquityWatermarks,
  type Intent,
  type RiskDecision,
  type RiskLimits,
  type RiskMonitor,
  type RiskReasonCode,
  type TradingStateMachine,
  TradingStateRefusal,
} from '../../../core/risk/index.ts';
import { BTC_USDT_1H_CSV, ETH_USDT_1H_CSV } from '../../support/sharedData.ts';
import { REAL_MARKETS, liquidityAround } from './riskFixtures.ts';
import { AccountSimulator } from './support/accountSimulator.ts';
import { realCandles } from './support/realCandles.ts';

const SEED = Number(process.env.BALLAST_PROPERTY_SEED ?? 20_261_125);
const RUNS = Number(process.env.BALLAST_PROPERTY_RUNS ?? 2_000);
const SYMBOLS = ['BTC/USDT', 'ETH/USDT'] as const;
const HOUR_MS = 3_600_000;
/** Float noise allowed when an independent sum is compared with a limit. */
const NOISE = 1e-9;

const limitsArbitrary: fc.Arbitrary<RiskLimits> = fc.record({
  perTradeFractionOfEquity: fc.oneof(fc.double({ min: 0.005, max: 0.3, noNaN: true }), fc.constant(1)),
  // All of equity now and then, so that free cash (not exposure) is what binds.
  totalExposureFractionOfEquity: fc.oneof(fc.double({ min: 0.05, max: 1, noNaN: true }), fc.constant(1)),
  maxOpenPositions: fc.integer({ min: 1, max: 3 }),
  maxOrdersPerMinute: fc.integer({ min: 1, max: 10 }),
  maxOrdersPerDay: fc.integer({ min: 3, max: 100 }),
  priceBandBps: fc.integer({ min: 50, max: 200 }),
  maxDepthFraction: fc.double({ min: 0.01, max: 1, noNaN: true }),
  limitOnly: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  dailyLossFractionOfEquity: fc.double({ min: 0.01, max: 0.1, noNaN: true }),
  // Now and then tighter than the daily loss limit, so that drawdown (not today's loss) is what binds.
  maxDrawdownFraction: fc.oneof({ weight: 3, arbitrary: fc.double({ min: 0.03, max: 0.3, noNaN: true }) }, { weight: 1, arbitrary: fc.double({ min: 0.005, max: 0.03, noNaN: true }) }),
  dayBoundaryTimeZone: fc.constantFrom('UTC', 'America/New_York', 'Asia/Tokyo'),
}).map((random) => ({ ...DEFAULT_RISK_LIMITS, ...random, maxSpreadForEntryBps: 60, maxSpreadForMarketOrderBps: 40 }));

const intentCommand = fc.record({
  kind: fc.constant('intent' as const),
  symbol: fc.constantFrom(...SYMBOLS),
  purpose: fc.constantFrom('entry', 'entry', 'entry', 'exit', 'exit', 'protective_stop', 'flatten'),
  /** Now and then an entry tries to sell: opening a short, which spot never allows. */
  sellToOpen: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
  origin: fc.constantFrom('strategy', 'ai', 'manual', 'protective', 'kill'),
  orderType: fc.constantFrom('limit', 'limit', 'market'),
  priceOffsetBps: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -40, max: 40 }) }, { weight: 1, arbitrary: fc.integer({ min: -250, max: 250 }) }),
  fraction: fc.option(fc.double({ min: 0.0001, max: 0.6, noNaN: true }), { nil: undefined }),
  amountBase: fc.option(fc.double({ min: 0.00001, max: 3, noNaN: true }), { nil: undefined }),
  stopOffsetBps: fc.option(fc.integer({ min: 10, max: 3_000 }), { nil: undefined }),
  afterSeconds: fc.integer({ min: 0, max: 40 }),
});

const command = fc.oneof(
  { weight: 10, arbitrary: intentCommand },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('fill' as const), index: fc.nat(8), share: fc.double({ min: 0.1, max: 1, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), index: fc.nat(8) }) },
  /**
   * Time passes and prices move. Now and then the next intent arrives before the monitor has seen
   * the new equity: `evaluate` must refuse past the daily loss and drawdown limits on its own.
   */
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('tick' as const), hours: fc.integer({ min: 1, max: 8 }), observed: fc.integer({ min: 0, max: 2 }).map((n) => n !== 0) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('state' as const), action: fc.constantFrom('pause', 'resume', 'kill', 'rearm', 'leaveSafeMode', 'tripSafe', 'clearSafe') }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

const scenario = fc.record({
  limits: limitsArbitrary,
  startFraction: fc.double({ min: 0, max: 0.99, noNaN: true }),
  cashQuote: fc.double({ min: 500, max: 200_000, noNaN: true }),
  /** BTC already held when Ballast starts, as a share of the starting cash (may exceed the limits). */
  heldBtcShare: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 10, noNaN: true })),
  spreadBps: fc.integer({ min: 1, max: 45 }),
  depthQuote: fc.oneof(fc.double({ min: 100, max: 10_000, noNaN: true }), fc.double({ min: 10_000, max: 50_000_000, noNaN: true })),
  commands: fc.array(command, { minLength: 5, maxLength: 50 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
type IntentCommand = Extract<Scenario['commands'][number], { kind: 'intent' }>;

let workDir = '';
let template = '';
let paths: Record<(typeof SYMBOLS)[number], Candle[]>;
const codesSeen = new Map<RiskReasonCode, number>();
let sentOrders = 0;
/** Observations where today's loss or the drawdown had reached its limit: the monitor's trigger must be active then. */
const tripsSeen = { daily_loss: 0, drawdown: 0 };

/** Today's loss and the fall from the high-water mark as fractions, computed here, not by the risk layer. */
function lossAndDrawdown(equityQuote: number, marks: { dayStartEquityQuote: number; highWaterMarkQuote: number }): { loss: number; drawdown: number } {
  return {
    loss: Math.max(0, marks.dayStartEquityQuote - equityQuote) / marks.dayStartEquityQuote,
    drawdown: Math.max(0, marks.highWaterMarkQuote - equityQuote) / marks.highWaterMarkQuote,
  };
}

/**
 * Every reason a decision gives reads as a real sentence (no fallback for a missing number) and
 * agrees with its code's declared effect: a refusal names at least one reason that can veto, and
 * a shrunk order names only reasons that can shrink.
 */
function checkReasons(decision: RiskDecision): void {
  for (const reason of decision.reasons) {
    expect(reason.message, reason.code).not.toMatch(/unknown|NaN|undefined|Infinity/);
  }
  const effects = decision.reasons.map((reason) => RISK_REASONS[reason.code].effect);
  if (decision.kind === 'rejected') expect(effects.some((effect) => effect !== 'shrink'), JSON.stringify(decision.reasons.map((r) => r.code))).toBe(true);
  if (decision.kind === 'shrunk') expect(effects.every((effect) => effect !== 'veto'), JSON.stringify(decision.reasons.map((r) => r.code))).toBe(true);
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'ballast-risk-props-'));
  // A journal with the risk tables already created, copied for each run: migrating a fresh file
  // costs a dozen fsyncs, which thousands of runs cannot afford.
  template = join(workDir, 'template.sqlite');
  const journal = openJournal(template);
  journal.registerMigrations('risk', RISK_MIGRATIONS);
  journal.close();
  paths = { 'BTC/USDT': await realCandles(BTC_USDT_1H_CSV), 'ETH/USDT': await realCandles(ETH_USDT_1H_CSV) };
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

/** The risk layer over one journal file, rebuilt from the file on every restart. */
class Layer {
  journal!: Journal;
  machine!: TradingStateMachine;
  watermarks!: EquityWatermarks;
  monitor!: RiskMonitor;
  readonly path: string;
  readonly limits: RiskLimits;
  readonly clock: { nowMs: number };

  constructor(path: string, limits: RiskLimits, clock: { nowMs: number }) {
    this.path = path;
    this.limits = limits;
    this.clock = clock;
    this.open();
  }

  open(): void {
    this.journal = openJournal(this.path);
    // The property is about what is saved, not about fsync: the file is still written and re-read.
    this.journal.db.exec('PRAGMA synchronous = OFF');
    this.machine = createTradingStateMachine({ nowMs: () => this.clock.nowMs, journal: this.journal });
    this.watermarks = createEquityWatermarks({ timeZone: () => this.limits.dayBoundaryTimeZone, journal: this.journal, saveStepFraction: 0 });
    this.monitor = createRiskMonitor({ machine: this.machine, watermarks: this.watermarks, limits: () => this.limits, settings: () => DEFAULT_TRIGGER_SETTINGS });
  }

  restart(): void {
    const before = { status: this.machine.status(), marks: this.watermarks.current() };
    this.journal.close();
    this.open();
    expect(this.machine.snapshot()).toEqual(before.status.snapshot);
    expect(this.machine.status().safeMode).toEqual(before.status.safeMode);
    expect(this.machine.status().activeTriggers).toEqual(before.status.activeTriggers);
    expect(this.watermarks.current()).toEqual(before.marks);
  }
}

function intentFrom(cmd: IntentCommand, mid: number, atMs: number, n: number): Intent {
  const entry = cmd.purpose === 'entry';
  const side = entry ? (cmd.sellToOpen ? 'sell' : 'buy') : 'sell';
  const price = mid * (1 + cmd.priceOffsetBps / 10_000);
  return {
    intentId: `prop-${String(n)}`,
    origin: cmd.origin,
    purpose: cmd.purpose,
    symbol: cmd.symbol,
    side,
    atMs,
    orderType: cmd.orderType,
    ...(cmd.orderType === 'limit' && cmd.purpose !== 'protective_stop' ? { limitPriceQuote: price } : {}),
    ...(cmd.purpose === 'protective_stop' ? { stopPriceQuote: mid * (1 - (cmd.stopOffsetBps ?? 200) / 10_000) } : {}),
    ...(entry && cmd.stopOffsetBps !== undefined ? { stopPriceQuote: price * (1 - cmd.stopOffsetBps / 10_000) } : {}),
    ...(cmd.fraction === undefined ? {} : { desiredFractionOfEquity: cmd.fraction }),
    ...(cmd.amountBase === undefined ? {} : { desiredAmountBase: cmd.amountBase }),
    rationale: 'property test',
  };
}

const onGrid = (value: number, step: number): boolean => Math.abs(value / step - Math.round(value / step)) < 1e-6;

/** Every limit, checked on the approved order against the simulator's own figures. */
function checkSent(decision: Extract<RiskDecision, { order: unknown }>, state: TradingStateName, sim: AccountSimulator, mids: ReadonlyMap<string, number>, limits: RiskLimits, depthWithinBps: number, nowMs: number): void {
  const { order } = decision;
  const market = REAL_MARKETS.get(order.symbol)!;
  const mid = mids.get(order.symbol)!;
  const equity = sim.equityQuote(mids);
  expect(order.amountBase).toBeGreaterThan(0);
  expect(onGrid(order.amountBase, market.precision.amountStepBase)).toBe(true);
  if (order.limitPriceQuote !== undefined) expect(onGrid(order.limitPriceQuote, market.precision.priceTickQuote)).toBe(true);
  expect(order.amountBase).toBeGreaterThanOrEqual(market.limits.minAmountBase ?? 0);
  expect(decision.notionalQuote).toBeGreaterThanOrEqual((market.limits.minNotionalQuote ?? 0) * (1 - NOISE));

  if (state === 'KILLED') expect(order.purpose).toBe('flatten');
  if (state === 'PAUSED') expect(order.purpose === 'protective_stop' || order.purpose === 'flatten' || order.origin === 'protective').toBe(true);

  if (order.side === 'sell') {
    // Reduce-only in every state: never more than held and not already promised; never a flip.
    expect(order.reduceOnly).toBe(true);
    const available = (sim.amounts.get(order.symbol) ?? 0) - sim.restingSells(order.symbol);
    expect(order.amountBase).toBeLessThanOrEqual(available * (1 + NOISE) + 1e-12);
    if (order.type === 'limit') expect(Math.abs(order.limitPriceQuote! - mid) / mid).toBeLessThanOrEqual(limits.priceBandBps / 10_000 + NOISE);
    return;
  }
  expect(state).toBe('ACTIVE');
  expect(order.purpose).toBe('entry');
  expect(order.reduceOnly).toBe(false);
  if (order.type === 'market') expect(limits.limitOnly).toBe(false);
  const priceQuote = order.limitPriceQuote ?? mid * (1 + depthWithinBps / 10_000);
  const notional = order.amountBase * priceQuote;
  expect(notional).toBeCloseTo(decision.notionalQuote, 6);
  if (order.limitPriceQuote !== undefined) expect(Math.abs(order.limitPriceQuote - mid) / mid).toBeLessThanOrEqual(limits.priceBandBps / 10_000 + NOISE);
  expect(notional).toBeLessThanOrEqual(limits.perTradeFractionOfEquity * equity * (1 + NOISE));
  expect(sim.exposureQuote(mids) + notional).toBeLessThanOrEqual(limits.totalExposureFractionOfEquity * equity * (1 + NOISE));
  expect(notional * (1 + sim.feeRate(order.symbol))).toBeLessThanOrEqual(sim.freeQuote() * (1 + NOISE));
  const open = sim.openMarkets(mids, limits.dustPositionQuote);
  open.add(order.symbol);
  expect(open.size).toBeLessThanOrEqual(limits.maxOpenPositions);
  expect(sim.ordersSince(nowMs - 60_000 + 1) + 1).toBeLessThanOrEqual(limits.maxOrdersPerMinute);
  expect(sim.ordersSince(nowMs - 86_400_000 + 1) + 1).toBeLessThanOrEqual(limits.maxOrdersPerDay);
}

function runScenario(input: Scenario, runNumber: number): void {
  const path = join(workDir, `run-${String(runNumber)}.sqlite`);
  copyFileSync(template, path);
  const btc = paths['BTC/USDT'];
  let bar = Math.floor(input.startFraction * (btc.length - 400));
  const clock = { nowMs: btc[bar]!.openTimeMs + HOUR_MS };
  const layer = new Layer(path, input.limits, clock);
  const sim = new AccountSimulator(input.cashQuote, REAL_MARKETS);
  const mids = new Map<string, number>();
  const markPrices = (): void => {
    for (const symbol of SYMBOLS) mids.set(symbol, paths[symbol][Math.min(bar, paths[symbol].length - 1)]!.close);
  };
  const observe = (): void => {
    const equity = sim.equityQuote(mids);
    const marks = layer.monitor.onEquity(equity, 'USDT', clock.nowMs);
    // Daily loss and drawdown are checked on every mark-to-market: at the limit, the trigger is
    // active and no state that opens positions remains; below it, the trigger has cleared.
    const { loss, drawdown } = lossAndDrawdown(equity, marks);
    const status = layer.machine.status();
    const active = new Set(status.activeTriggers.map((trigger) => trigger.triggerId));
    for (const [id, fraction, limit] of [['daily_loss', loss, input.limits.dailyLossFractionOfEquity], ['drawdown', drawdown, input.limits.maxDrawdownFraction]] as const) {
      if (fraction >= limit) {
        tripsSeen[id] += 1;
        expect(active.has(id), id).toBe(true);
        expect(status.snapshot.state, id).not.toBe('ACTIVE');
      } else {
        expect(active.has(id), id).toBe(false);
      }
    }
  };
  markPrices();
  if (input.heldBtcShare > 0) {
    const btcMid = mids.get('BTC/USDT')!;
    sim.amounts.set('BTC/USDT', Math.floor(((input.cashQuote * input.heldBtcShare) / btcMid) * 1e5) / 1e5);
    sim.averages.set('BTC/USDT', btcMid);
  }
  observe();
  let intents = 0;
  try {
    for (const cmd of input.commands) {
      switch (cmd.kind) {
        case 'intent': {
          clock.nowMs += cmd.afterSeconds * 1_000;
          const mid = mids.get(cmd.symbol)!;
          const view = { market: REAL_MARKETS.get(cmd.symbol)!, liquidity: liquidityAround(cmd.symbol, mid, { spreadBps: input.spreadBps, depthQuote: input.depthQuote, atMs: clock.nowMs }), atrQuote: mid * 0.01 };
          const marks = layer.watermarks.current()!;
          const state = layer.machine.snapshot().state;
          const decision = evaluate(intentFrom(cmd, mid, clock.nowMs, intents++), sim.view(mids, marks), view, input.limits, state);
          for (const reason of decision.reasons) codesSeen.set(reason.code, (codesSeen.get(reason.code) ?? 0) + 1);
          checkReasons(decision);
          const seen = sim.view(mids, marks);
          const { loss, drawdown } = lossAndDrawdown(seen.equityQuote, seen);
          // Whatever the state says, no buy opens or adds past the daily loss or drawdown limit.
          if (cmd.purpose === 'entry' && (loss >= input.limits.dailyLossFractionOfEquity || drawdown >= input.limits.maxDrawdownFraction)) expect(decision.kind).toBe('rejected');
          if (decision.kind === 'rejected') break;
          checkSent(decision, state, sim, mids, input.limits, view.liquidity.depthWithinBps, clock.nowMs);
          sentOrders += 1;
          const fillPrice = decision.order.side === 'buy' ? view.liquidity.askQuote : view.liquidity.bidQuote;
          sim.submit(decision.order, clock.nowMs, decision.notionalQuote / decision.order.amountBase, fillPrice);
          break;
        }
        case 'fill':
          sim.fillResting(cmd.index, cmd.share);
          break;
        case 'cancel':
          sim.cancel(cmd.index);
          break;
        case 'tick':
          bar += cmd.hours;
          clock.nowMs += cmd.hours * HOUR_MS;
          markPrices();
          if (cmd.observed) observe();
          break;
        case 'state':
          applyStateAction(layer.machine, cmd.action);
          break;
        case 'restart':
          layer.restart();
          break;
      }
      for (const amount of sim.amounts.values()) expect(amount).toBeGreaterThanOrEqual(-1e-12);
      expect(sim.cashQuote).toBeGreaterThanOrEqual(-1e-6);
    }
  } finally {
    layer.journal.close();
    rmSync(path, { force: true });
  }
}

function applyStateAction(machine: TradingStateMachine, action: string): void {
  const cause = { code: `PROPERTY_${action.toUpperCase()}`, message: action };
  try {
    if (action === 'pause') machine.pause(cause);
    else if (action === 'resume') machine.resume(cause);
    else if (action === 'kill') machine.kill(cause);
    else if (action === 'rearm') machine.rearm(REARM_PHRASE, cause);
    else if (action === 'leaveSafeMode') machine.leaveSafeMode(cause);
    else machine.report({ triggerId: 'property_trigger', tripped: action === 'tripSafe', action: 'SAFE_MODE', cause, details: {}, atMs: 0 });
  } catch (error) {
    // Refusals are part of the machine's contract; anything else is a bug.
    if (!(error instanceof TradingStateRefusal)) throw error;
  }
}

describe('risk properties over random sequences of intents, fills, real price paths and restarts', () => {
  it(`no approved order breaks a limit after rounding, reduce-only holds in SAFE_MODE, no entry in PAUSED/KILLED (seed ${String(SEED)}, ${String(RUNS)} runs)`, () => {
    let run = 0;
    fc.assert(
      fc.property(scenario, (input) => {
        runScenario(input, run++);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The property is only worth something if the limits were actually reached along the way.
    const mustHaveBitten: RiskReasonCode[] = [
      'PER_TRADE_SIZE',
      'TOTAL_EXPOSURE',
      'MAX_OPEN_POSITIONS',
      'ORDER_RATE_MINUTE',
      'SAFE_MODE_REDUCE_ONLY',
      'STATE_PAUSED',
      'STATE_KILLED',
      'EXIT_CAPPED_TO_POSITION',
      'NO_SHORTING',
      'PRICE_BAND',
      'INSUFFICIENT_BALANCE',
      'DEPTH',
      'DAILY_LOSS_LIMIT',
      'DRAWDOWN_LIMIT',
    ];
    if (RUNS >= 500) {
      for (const code of mustHaveBitten) expect(codesSeen.get(code) ?? 0, code).toBeGreaterThan(0);
      expect(sentOrders).toBeGreaterThan(RUNS / 2);
      // The daily loss and drawdown triggers were reached, and checked, along the way.
      expect(tripsSeen.daily_loss, 'daily loss trips').toBeGreaterThan(0);
      expect(tripsSeen.drawdown, 'drawdown trips').toBeGreaterThan(0);
    }
  }, 120_000);
});
