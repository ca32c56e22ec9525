import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openJournal, verifyJournal } from '../../../../core/journal/index.ts';
import { createLogger } from '../../../../core/log/index.ts';
import { importCandlesFromCsvFile, type Candle } from '../../../../core/market/index.ts';
import { RISK_REASON_CODES, createTradingStateMachine, defaultRiskLimits, describeRiskReason, type ReasonDetails, type RiskReasonCode } from '../../../../core/risk/index.ts';
import { createBallastCore, type BallastCore } from '../../../../core/runtime/index.ts';
import { PaperSession } from '../../../../core/runtime/paper/paperSession.ts';
import { replayToEnd } from '../../../../core/runtime/paper/priceDriver.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../../support/sharedData.ts';
import { BTC_USDT } from '../../risk/riskFixtures.ts';
import { removeTempDirs, tempDir } from '../../../support/tempDirs.ts';

// Runs after the hooks below (they close what uses the folders), then removes the folders.
afterEach(removeTempDirs);

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
  // Real Binance BTC/USDT hours, replayed as an imported file would be, under Binance's own trading rules.
  const opened = PaperSession.open({
    prices: 'replay',
    journalPath,
    config: { source: { kind: 'imported', importId: 'btc-usdt-1h' }, symbol: 'BTC/USDT', strategyId: 'trend-follower', barsPerSecond: 1, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true },
    candles: btc,
    timeframe: '1h',
    market: BTC_USDT,
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

/** What a `risk_decision` row holds: the intent and the decision's codes, sentences and numbers. */
interface JournaledDecision {
  readonly intent: { readonly intentId: string };
  readonly decision: {
    readonly kind: 'approved' | 'shrunk' | 'rejected';
    readonly intentId: string;
    readonly reasons: readonly { readonly code: RiskReasonCode; readonly message: string; readonly details: ReasonDetails }[];
  };
}

/**
 * Resolves at the first progress report after which the bot has a fill. It waits on the bot's own
 * events, not on the wall clock: on a slow machine it just takes longer, bounded by the test's timeout.
 */
function firstFill(core: BallastCore): Promise<void> {
  return new Promise((resolve, reject) => {
    const unsubscribe = core.events.subscribe((message) => {
      if (message.name !== 'botProgressed') return;
      if (core.bot.dashboard().fills.length > 0) {
        unsubscribe();
        resolve();
      } else if (['finished', 'failed'].includes(core.bot.status().phase)) {
        unsubscribe();
        reject(new Error(`the paper bot ended (${core.bot.status().phase}) without a fill`));
      }
    });
  });
}

describe('a paper replay', () => {
  it('gives identical fills and journal hashes when the same file is replayed twice', async () => {
    const dir = tempDir('determinism');
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
    const path = join(tempDir('journaled'), 'run.sqlite');
    await replay(path);
    const journal = openJournal(path);
    try {
      expect(journal.count({ kinds: ['signal'] })).toBeGreaterThan(10);
      const rows = journal.query({ kinds: ['risk_decision'], limit: 500 }).events;
      expect(rows.length).toBeGreaterThan(0);
      const decisions = rows.map((row) => JSON.parse(row.payloadJson) as JournaledDecision);
      for (const { intent, decision } of decisions) {
        expect(decision.intentId).toBe(intent.intentId);
        // An order sent as asked names no reason; a smaller or refused one names at least one, as the person reads it.
        if (decision.kind === 'approved') expect(decision.reasons).toEqual([]);
        else expect(decision.reasons.length, decision.kind).toBeGreaterThan(0);
        for (const reason of decision.reasons) {
          expect(RISK_REASON_CODES).toContain(reason.code);
          expect(reason.message).toBe(describeRiskReason(reason.code, reason.details));
        }
      }
      // This run had orders sent and orders made smaller or refused, each with its reason journaled.
      expect(decisions.some(({ decision }) => decision.kind === 'approved')).toBe(true);
      expect(decisions.filter(({ decision }) => decision.kind !== 'approved').flatMap(({ decision }) => decision.reasons).length).toBeGreaterThan(0);
    } finally {
      journal.close();
    }
  });
});

describe('the bot controller', () => {
  const config = { source: { kind: 'synthetic' as const }, symbol: 'DEMO/USDT', strategyId: 'trend-follower' as const, barsPerSecond: 1_000_000, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: false };

  it('refuses to start a bot while Ballast is killed', async () => {
    const core = createBallastCore({ dataDir: tempDir('core'), version: 't', log });
    core.tradingState.kill({ code: 'TEST', message: 'test' });
    const result = await core.dispatch('startPaperBot', config);
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW' } });
    core.dispose();
  });

  it('keeps KILLED and the same positions after a restart, with no open orders on the paper exchange', async () => {
    const dataDir = tempDir('restart');
    const core = createBallastCore({ version: 't', log, dataDir });
    const filled = firstFill(core);
    await core.dispatch('startPaperBot', { ...config, barsPerSecond: 2_000 });
    await filled;
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
