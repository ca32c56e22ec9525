import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal, verifyJournal } from '../../../../core/journal/index.ts';
import { createLogger } from '../../../../core/log/index.ts';
import { importCandlesFromCsvFile, type Candle } from '../../../../core/market/index.ts';
import { createTradingStateMachine, defaultRiskLimits } from '../../../../core/risk/index.ts';
import { createBallastCore } from '../../../../core/runtime/index.ts';
import { demoMarketRules } from '../../../../core/runtime/demoMarketRules.ts';
import { PaperSession } from '../../../../core/runtime/paper/paperSession.ts';
import { replayToEnd } from '../../../../core/runtime/paper/replayDriver.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../../support/sharedData.ts';

let btc: Candle[] = [];
beforeAll(async () => {
  const imported = await importCandlesFromCsvFile(sharedDataPath(BTC_USDT_1H_CSV));
  if (!imported.ok) throw new Error(imported.error.message);
  btc = imported.value.candles.slice(0, 6_000);
});

const log = createLogger({ level: 'silent' });

async function replay(journalPath: string) {
  const limits = defaultRiskLimits('paper', 'UTC');
  const tradingState = createTradingStateMachine({ nowMs: () => 0 });
  const opened = PaperSession.open({
    prices: 'synthetic',
    journalPath,
    config: { source: { kind: 'synthetic' }, symbol: 'BTC/USDT', strategyId: 'trend-follower', barsPerSecond: 1, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true },
    candles: btc,
    timeframe: '1h',
    market: demoMarketRules('BTC/USDT', btc[0]?.close ?? 1),
    tradingState,
    limits: () => limits,
    log,
    seed: 7,
    // Fixed, so two runs of the same file give the same journal, row for row.
    sessionId: 'replay-twice',
    startedAtWallMs: 1_767_225_600_000,
  });
  if (!opened.ok) throw new Error(opened.error);
  const { value: session } = opened;
  expect(await session.start()).toBeNull();
  await replayToEnd(session, () => {
    tradingState.leaveSafeMode({ code: 'TEST', message: 'test replay' });
    return true;
  });
  const fills = session.fills().map((fill) => [fill.clientOrderId, fill.side, fill.amountBase, fill.priceQuote, fill.atMs]);
  const head = session.journal.head();
  session.close();
  return { fills, head };
}

describe('a paper replay', () => {
  it('gives identical fills and journal hashes when the same file is replayed twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ballast-determinism-'));
    const first = await replay(join(dir, 'a.sqlite'));
    const second = await replay(join(dir, 'b.sqlite'));
    expect(first.fills.length).toBeGreaterThan(4);
    expect(second.fills).toEqual(first.fills);
    expect(second.head?.hash).toBe(first.head?.hash);
    expect(second.head?.seq).toBe(first.head?.seq);
    const verified = verifyJournal(join(dir, 'a.sqlite'));
    expect(verified.ok).toBe(true);
  });

  it('journals signals and risk decisions with their reasons', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ballast-journaled-')), 'run.sqlite');
    await replay(path);
    const journal = openJournal(path);
    try {
      expect(journal.count({ kinds: ['signal'] })).toBeGreaterThan(10);
      const decisions = journal.query({ kinds: ['risk_decision'], limit: 500 }).events;
      expect(decisions.length).toBeGreaterThan(0);
      expect(decisions.some((row) => row.payloadJson.includes('"reasons"'))).toBe(true);
    } finally {
      journal.close();
    }
  });
});

describe('the bot controller', () => {
  const config = { source: { kind: 'synthetic' as const }, symbol: 'DEMO/USDT', strategyId: 'trend-follower' as const, barsPerSecond: 1_000_000, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: false };

  it('refuses to start a bot while Ballast is killed', async () => {
    const core = createBallastCore({ version: 't', log });
    core.tradingState.kill({ code: 'TEST', message: 'test' });
    const result = await core.dispatch('startPaperBot', config);
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW' } });
    core.dispose();
  });

  it('keeps KILLED and the same positions after a restart, with no open orders on the paper exchange', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ballast-restart-'));
    const core = createBallastCore({ version: 't', log, dataDir });
    await core.dispatch('startPaperBot', { ...config, barsPerSecond: 2_000 });
    const deadline = Date.now() + 20_000;
    while (core.bot.dashboard().fills.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(core.bot.dashboard().fills.length).toBeGreaterThan(0);
    await core.dispatch('kill', { confirmed: true });
    expect(core.tradingState.snapshot().state).toBe('KILLED');
    expect(await core.bot.openOrdersOnExchange()).toBe(0);
    const before = core.bot.dashboard().positions;
    core.dispose();

    const restarted = createBallastCore({ version: 't', log, dataDir });
    await restarted.restore();
    expect(restarted.tradingState.snapshot().state).toBe('KILLED');
    expect(restarted.bot.dashboard().positions.map((p) => [p.symbol, p.amountBase])).toEqual(before.map((p) => [p.symbol, p.amountBase]));
    expect(restarted.bot.status().phase).toBe('stopped');
    expect(await restarted.bot.openOrdersOnExchange()).toBe(0);
    restarted.dispose();
  });
});
