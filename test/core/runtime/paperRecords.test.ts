import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StrategyInfo } from '../../../core/contract/index.ts';
import { openJournal } from '../../../core/journal/index.ts';
import { createLogger } from '../../../core/log/index.ts';
import { importCandlesFromCsvFile, type Candle } from '../../../core/market/index.ts';
import { createTradingStateMachine, defaultRiskLimits } from '../../../core/risk/index.ts';
import { demoMarketRules } from '../../../core/runtime/paper/demoMarketRules.ts';
import { PaperSession } from '../../../core/runtime/paper/paperSession.ts';
import { replayToEnd } from '../../../core/runtime/paper/priceDriver.ts';
import {
  createPaperSessionReader, DAY_MS, paperRecordFromSessions, readPaperSession, type PaperSessionRecord,
} from '../../../core/runtime/paper/paperRecords.ts';
import { tamper } from '../journal/journalFixtures.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../support/sharedData.ts';
import { removeTempDirs, tempDir } from '../../support/tempDirs.ts';

// Runs after the hooks below (they close what uses the folders), then removes the folders.
afterAll(removeTempDirs);

const log = createLogger({ level: 'silent' });
let btc: Candle[] = [];

beforeAll(async () => {
  const imported = await importCandlesFromCsvFile(sharedDataPath(BTC_USDT_1H_CSV));
  if (!imported.ok) throw new Error(imported.error.message);
  btc = imported.value.candles.slice(0, 15_000);
});

/** Replays real BTC/USDT bars through the whole paper pipeline into a session journal; returns the sells the execution tables hold. */
async function paperSession(journalPath: string, strategyId: StrategyInfo['id'], startedAtWallMs: number): Promise<{ sellOrders: number; buyOrders: number }> {
  const limits = defaultRiskLimits('paper', 'UTC');
  const tradingState = createTradingStateMachine({ nowMs: () => 0 });
  const opened = PaperSession.open({
    prices: 'synthetic',
    journalPath,
    config: { source: { kind: 'synthetic' }, symbol: 'BTC/USDT', strategyId, barsPerSecond: 1, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true },
    candles: btc,
    timeframe: '1h',
    market: demoMarketRules('BTC/USDT', btc[0]?.close ?? 1),
    tradingState,
    limits: () => limits,
    log,
    seed: 3,
    startedAtWallMs,
  });
  if (!opened.ok) throw new Error(opened.error);
  const { value: session } = opened;
  expect(await session.start()).toBeNull();
  await replayToEnd(session, () => {
    tradingState.leaveSafeMode({ code: 'TEST', message: 'test replay' });
    return true;
  });
  const fills = session.fills();
  const ordersOf = (side: 'buy' | 'sell') => new Set(fills.filter((fill) => fill.side === side).map((fill) => fill.clientOrderId)).size;
  const counts = { sellOrders: ordersOf('sell'), buyOrders: ordersOf('buy') };
  session.close();
  return counts;
}

const record = (startedAtMs: number, strategyId: string | null, completedTrades: number, ranMs: number, sessionId = `session-${startedAtMs}`): PaperSessionRecord =>
  ({ file: `${startedAtMs}.sqlite`, sessionId, startedAtMs, ranMs, strategyId, completedTrades, prices: 'live' });

/** Sessions read from replay journals, relabelled as if they had traded on live prices. */
const asLive = (sessions: readonly PaperSessionRecord[]): PaperSessionRecord[] => sessions.map((session) => ({ ...session, prices: 'live' }));

describe('a paper session journal', () => {
  let folder: string;
  let trend: { sellOrders: number; buyOrders: number };
  let rsi: { sellOrders: number; buyOrders: number };
  const start1 = Date.UTC(2026, 0, 5, 9);
  const start2 = start1 + 3 * DAY_MS + 3_600_000;
  const startRsi = start1 + DAY_MS;

  beforeAll(async () => {
    folder = tempDir('paper-records');
    trend = await paperSession(join(folder, `${start1}.sqlite`), 'trend-follower', start1);
    rsi = await paperSession(join(folder, `${startRsi}.sqlite`), 'rsi-mean-reversion', startRsi);
    // A copy of the first session under a later name, as someone trying to add days and trades might make.
    copyFileSync(join(folder, `${start1}.sqlite`), join(folder, `${start2}.sqlite`));
  }, 120_000);

  it('counts each filled sell order once as a completed trade, as the execution tables record them', () => {
    const reading = readPaperSession(join(folder, `${start1}.sqlite`));
    expect(trend.sellOrders).toBeGreaterThan(5);
    // The replay's clock (2017 onwards) is before the wall-clock start: it ran for no time at all.
    expect(reading).toEqual({
      ok: true,
      value: { file: join(folder, `${start1}.sqlite`), sessionId: expect.any(String) as unknown, startedAtMs: start1, ranMs: 0, strategyId: 'trend-follower', completedTrades: trend.sellOrders, prices: 'synthetic' },
    });
    // Buys open positions; they are not completed trades.
    expect(trend.buyOrders).toBeGreaterThan(0);
  });

  it('names the strategy whose signals the session traded on', () => {
    const reading = readPaperSession(join(folder, `${startRsi}.sqlite`));
    expect(reading.ok && reading.value.strategyId).toBe('rsi-mean-reversion');
    expect(reading.ok && reading.value.completedTrades).toBe(rsi.sellOrders);
  });

  it('counts a copied or renamed session once: its identity and start are in its first row, not its file name', () => {
    const read = createPaperSessionReader({ folder, log })();
    expect(read).toHaveLength(3);
    const copies = read.filter((session) => session.strategyId === 'trend-follower');
    expect(copies.map((session) => session.startedAtMs)).toEqual([start1, start1]);
    expect(new Set(copies.map((session) => session.sessionId)).size).toBe(1);
    // As replays they count for nothing at all: years of prices in seconds are not a paper record.
    expect(paperRecordFromSessions('trend-follower', read, start2 + DAY_MS)).toBeUndefined();
    // Even relabelled as live, the copy adds neither trades nor days.
    expect(paperRecordFromSessions('trend-follower', asLive(read), start2 + DAY_MS)).toEqual({
      strategyId: 'trend-follower', paperDays: 0, paperTrades: trend.sellOrders,
    });
  });

  it('lets an edited journal count for nothing, even after it was read once', () => {
    const path = join(folder, 'edited', `${start1}.sqlite`);
    mkdirSync(join(folder, 'edited'));
    copyFileSync(join(folder, `${start1}.sqlite`), path);
    const reader = createPaperSessionReader({ folder: join(folder, 'edited'), log });
    expect(reader().map((session) => session.completedTrades)).toEqual([trend.sellOrders]);

    // A buy is rewritten into a sell, as someone trying to pass the gate might.
    tamper(path, (db) => {
      db.exec("UPDATE audit_events SET payload = replace(payload, '\"side\":\"buy\"', '\"side\":\"sell\"') WHERE kind = 'fill'");
    });
    const edited = readPaperSession(path);
    expect(edited.ok).toBe(false);
    expect(!edited.ok && edited.error.reason).toContain('failed its check');
    expect(reader()).toEqual([]);
  });

  it('counts a sell order filled in parts once, leaves the person\'s own orders out, and a journal naming two strategies not at all', () => {
    const path = join(folder, 'parts.sqlite');
    const journal = openJournal(path);
    journal.append({ atMs: 1, kind: 'system', payload: { event: 'paper_session_started', strategyId: 'trend-follower', prices: 'live', sessionId: 'parts', startedAtWallMs: 1 } });
    journal.append({ atMs: 2, kind: 'order', subject: 'm-1', payload: { event: 'journaled', order: { clientOrderId: 'm-1', origin: 'manual' } } });
    const fill = (clientOrderId: string, side: 'buy' | 'sell', tradeId: string) =>
      ({ atMs: 2, kind: 'fill' as const, subject: clientOrderId, payload: { clientOrderId, side, tradeId, amountBase: 0.1, priceQuote: 100 } });
    journal.append({ atMs: 1, kind: 'signal', subject: 'BTC/USDT', payload: { strategyId: 'trend-follower', score: 0.5 } });
    journal.appendMany([fill('b-1', 'buy', 't1'), fill('s-1', 'sell', 't2'), fill('s-1', 'sell', 't3'), fill('s-2', 'sell', 't4'), fill('m-1', 'sell', 't5')]);
    expect(readPaperSession(path)).toMatchObject({ ok: true, value: { sessionId: 'parts', strategyId: 'trend-follower', completedTrades: 2 } });

    journal.append({ atMs: 3, kind: 'signal', subject: 'BTC/USDT', payload: { strategyId: 'rsi-mean-reversion', score: -0.5 } });
    journal.close();
    expect(readPaperSession(path)).toMatchObject({ ok: false, error: { reason: 'the journal holds signals of 2 strategies' } });
  });

  it('counts a journal whose first row does not say which session it is for nothing', () => {
    const path = join(folder, 'anonymous.sqlite');
    const journal = openJournal(path);
    journal.append({ atMs: 1, kind: 'system', payload: { event: 'paper_session_started', strategyId: 'trend-follower', prices: 'live' } });
    journal.append({ atMs: 2, kind: 'fill', subject: 's-1', payload: { clientOrderId: 's-1', side: 'sell' } });
    journal.close();
    expect(readPaperSession(path)).toMatchObject({ ok: false, error: { reason: 'its first row does not say which session it is and when it started' } });
  });

  it('ignores files that are not paper sessions and a folder that does not exist yet', () => {
    const other = tempDir('paper-other');
    writeFileSync(join(other, 'current.json'), '{}');
    copyFileSync(join(folder, `${start1}.sqlite`), join(other, 'notes.sqlite'));
    writeFileSync(join(other, '1700000000000.sqlite'), 'not a database');
    expect(createPaperSessionReader({ folder: other, log })()).toEqual([]);
    expect(createPaperSessionReader({ folder: join(other, 'missing'), log })()).toEqual([]);
  });
});

describe('paperRecordFromSessions', () => {
  const t0 = Date.UTC(2026, 2, 1);
  const HOUR_MS = 3_600_000;

  it('has no record for a strategy that never paper traded', () => {
    expect(paperRecordFromSessions('trend-follower', [record(t0, 'rsi-mean-reversion', 30, 9 * DAY_MS)], t0 + 10 * DAY_MS)).toBeUndefined();
  });

  it('counts days as time actually run: two short sessions a week apart are not a week', () => {
    const sessions = [record(t0, 'trend-follower', 10, HOUR_MS), record(t0 + 7 * DAY_MS, 'trend-follower', 15, HOUR_MS)];
    expect(paperRecordFromSessions('trend-follower', sessions, t0 + 8 * DAY_MS)).toEqual({ strategyId: 'trend-follower', paperDays: 0, paperTrades: 25 });
  });

  it('adds the run time of sessions up, in whole days: six days and 23 hours are six days', () => {
    const sessions = [record(t0, 'trend-follower', 1, 4 * DAY_MS), record(t0 + 5 * DAY_MS, 'trend-follower', 1, 3 * DAY_MS - HOUR_MS)];
    expect(paperRecordFromSessions('trend-follower', sessions, t0 + 9 * DAY_MS)).toEqual({ strategyId: 'trend-follower', paperDays: 6, paperTrades: 2 });
    sessions.push(record(t0 + 8 * DAY_MS, 'trend-follower', 0, HOUR_MS));
    expect(paperRecordFromSessions('trend-follower', sessions, t0 + 9 * DAY_MS)?.paperDays).toBe(7);
  });

  it('counts sessions with the same id once, whatever their file names', () => {
    const sessions = [record(t0, 'trend-follower', 12, 8 * DAY_MS, 'one'), { ...record(t0, 'trend-follower', 12, 8 * DAY_MS, 'one'), file: 'copy.sqlite' }];
    expect(paperRecordFromSessions('trend-follower', sessions, t0 + 9 * DAY_MS)).toEqual({ strategyId: 'trend-follower', paperDays: 8, paperTrades: 12 });
  });

  it('does not count sessions that started after now (a wrong clock), run time past now, or sessions that never signalled', () => {
    const sessions = [record(t0, 'trend-follower', 4, 30 * DAY_MS), record(t0 + 9 * DAY_MS, 'trend-follower', 40, DAY_MS), record(t0 + 2 * DAY_MS, null, 0, DAY_MS)];
    expect(paperRecordFromSessions('trend-follower', sessions, t0 + DAY_MS)).toEqual({ strategyId: 'trend-follower', paperDays: 1, paperTrades: 4 });
  });
});
