import { afterEach, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Alert, BotConfigInput, EventMessage } from '../../../core/contract/index.ts';
import { createLogger } from '../../../core/log/index.ts';
import { createBallastCore } from '../../../core/runtime/index.ts';
import { KEEP_AWAKE_NOTICE } from '../../../core/runtime/frame/keepAwakeNotice.ts';
import { createPaperLiveReadiness, RISK_LIMITS_NOT_REVIEWED } from '../../../core/runtime/live/paperLiveReadiness.ts';
import { DAY_MS } from '../../../core/runtime/paper/paperRecords.ts';
import { removeTempDirs, tempDir } from '../../support/tempDirs.ts';

// Runs after the hooks below (they close what uses the folders), then removes the folders.
afterEach(removeTempDirs);

const log = createLogger({ level: 'silent' });
const config: BotConfigInput = {
  source: { kind: 'synthetic' }, symbol: 'BTC/USDT', strategyId: 'trend-follower', barsPerSecond: 1_000_000, startingBalanceQuote: 10_000,
  leaveSafeModeAutomatically: true,
};

/** Sell orders with a fill, read straight from the execution tables of the session file (not through the code under test). */
function sellOrdersIn(path: string): number {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const row = db.prepare("SELECT COUNT(DISTINCT client_order_id) AS n FROM execution_fills WHERE side = 'sell'").get();
    return Number(row?.n);
  } finally {
    db.close();
  }
}

async function runPaperBot(core: ReturnType<typeof createBallastCore>): Promise<string> {
  const started = await core.dispatch('startPaperBot', config);
  expect(started.ok).toBe(true);
  await core.bot.whenIdle();
  expect(core.bot.status().phase).toBe('finished');
  const path = core.bot.sessionJournalPath();
  if (path === null) throw new Error('the bot has no session journal');
  return path;
}

describe('the live gate inputs from paper sessions', () => {
  it('answers "not yet" honestly on a fresh profile: no strategy, no paper record, risk limits not reviewed', async () => {
    const core = createBallastCore({ version: 't', log, dataDir: tempDir('readiness') });
    await core.restore();
    expect(await core.liveReadiness.liveStrategyId()).toBeUndefined();
    expect(await core.liveReadiness.paperRecordFor('trend-follower')).toBeUndefined();
    expect(await core.liveReadiness.riskLimitsConfigured()).toEqual({
      configured: false, missing: ['a review of your risk limits (open Risk limits, check each one and save)'],
    });
    // With no host override, the keys layer asks these same inputs.
    expect(core.keys.readiness).toBe(core.liveReadiness);
    core.dispose();
  });

  it('follows the paper bot\'s strategy, and does not count replays as a paper record, also across a restart', async () => {
    const dataDir = tempDir('readiness');
    let nowMs = Date.UTC(2026, 3, 1, 8);
    const core = createBallastCore({ version: 't', log, dataDir, nowMs: () => nowMs });
    const first = await runPaperBot(core);
    expect(sellOrdersIn(first)).toBeGreaterThan(0);
    expect(await core.liveReadiness.liveStrategyId()).toBe('trend-follower');
    // The bot traded, but on replayed prices: that is not watching a strategy trade for real.
    expect(await core.liveReadiness.paperRecordFor('trend-follower')).toBeUndefined();
    core.dispose();

    nowMs += 8 * DAY_MS;
    const restarted = createBallastCore({ version: 't', log, dataDir, nowMs: () => nowMs });
    await restarted.restore();
    expect(await restarted.liveReadiness.liveStrategyId()).toBe('trend-follower');
    await runPaperBot(restarted);
    expect(await restarted.liveReadiness.paperRecordFor('trend-follower')).toBeUndefined();
    restarted.dispose();
  }, 60_000);

  it('counts risk limits as set once the person has saved them on the Risk limits screen, also after a restart', async () => {
    const dataDir = tempDir('readiness');
    const core = createBallastCore({ version: 't', log, dataDir });
    expect(await core.liveReadiness.riskLimitsConfigured()).toMatchObject({ configured: false });
    const saved = await core.dispatch('applyRiskLimits', { changes: { maxOpenPositions: 2 } });
    expect(saved.ok).toBe(true);
    expect(await core.liveReadiness.riskLimitsConfigured()).toEqual({ configured: true });
    core.dispose();
    const restarted = createBallastCore({ version: 't', log, dataDir });
    expect(await restarted.liveReadiness.riskLimitsConfigured()).toEqual({ configured: true });
    restarted.dispose();
  });

  it('refuses risk limits when no review is connected, and otherwise takes the review\'s answer', async () => {
    expect(await RISK_LIMITS_NOT_REVIEWED.riskLimitsConfigured()).toMatchObject({ configured: false });
    const readiness = createPaperLiveReadiness({
      paperFolder: join(tmpdir(), 'ballast-no-such-folder'),
      currentStrategyId: () => undefined,
      riskLimits: { riskLimitsConfigured: () => Promise.resolve({ configured: true }) },
      nowMs: () => 0,
      log,
    });
    expect(await readiness.riskLimitsConfigured()).toEqual({ configured: true });
  });
});

describe('the keep-awake note', () => {
  const alertsOf = (seen: EventMessage[]): Alert[] => seen.flatMap((m) => (m.name === 'alertRaised' ? [m.payload as Alert] : []));

  it('is raised once each time a bot starts, where the host keeps the computer awake', async () => {
    const core = createBallastCore({ dataDir: tempDir('core'), version: 't', log, keepsComputerAwake: true });
    const seen: EventMessage[] = [];
    core.events.subscribe((message) => seen.push(message));
    await runPaperBot(core);
    await runPaperBot(core);
    const notes = alertsOf(seen).filter((alert) => alert.title === KEEP_AWAKE_NOTICE.title);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatchObject({ severity: 'info', message: KEEP_AWAKE_NOTICE.message });
    expect(notes[0]?.message).toContain('only stop orders placed on the exchange protect your positions');
    core.dispose();
  }, 60_000);

  it('is not raised where the host does not keep the computer awake', async () => {
    const core = createBallastCore({ dataDir: tempDir('core'), version: 't', log });
    const seen: EventMessage[] = [];
    core.events.subscribe((message) => seen.push(message));
    await runPaperBot(core);
    expect(alertsOf(seen).filter((alert) => alert.title === KEEP_AWAKE_NOTICE.title)).toEqual([]);
    core.dispose();
  }, 60_000);
});
