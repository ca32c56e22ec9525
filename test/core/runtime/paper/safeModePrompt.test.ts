import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { createLogger } from '../../../../core/log/index.ts';
import { createBallastCore } from '../../../../core/runtime/index.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../../support/sharedData.ts';
import { removeTempDirs, tempDir } from '../../../support/tempDirs.ts';

// Runs after the hooks below (they close what uses the folders), then removes the folders.
afterEach(removeTempDirs);

const log = createLogger({ level: 'silent' });

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A core with the real BTC file imported and a trend-follower replay on it, left to run. */
async function replayOfBtc(barsPerSecond = 1_000_000, leaveSafeModeAutomatically = false) {
  const dataDir = tempDir('prompt');
  folders.push(dataDir);
  const core = createBallastCore({ version: 't', log, dataDir });
  const imported = await core.dispatch('importReplayFile', { fileName: 'btc.csv', symbol: 'BTC/USDT', text: readFileSync(sharedDataPath(BTC_USDT_1H_CSV), 'utf8') });
  if (!imported.ok) throw new Error(imported.error.message);
  const { importId } = imported.value as { importId: string };
  const started = await core.dispatch('startPaperBot', { source: { kind: 'imported', importId }, symbol: 'BTC/USDT', strategyId: 'trend-follower', barsPerSecond, startingBalanceQuote: 10_000, leaveSafeModeAutomatically });
  if (!started.ok) throw new Error(started.error.message);
  return core;
}

interface StateRow { at_ms: number; payload: string }
function stateChangesInRunJournal(path: string): { atMs: number; payload: { from: string; to: string; cause: { code: string }; wallTimeMs: number } }[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const rows = db.prepare("SELECT at_ms, payload FROM audit_events WHERE kind = 'state_change' ORDER BY seq").all() as unknown as StateRow[];
    return rows.map((row) => ({ atMs: row.at_ms, payload: JSON.parse(row.payload) as never }));
  } finally {
    db.close();
  }
}

describe('the safe-mode question has one answer, wherever it is given', () => {
  it('leaving safe mode from the frame (the banner) lets the waiting replay continue', async () => {
    const core = await replayOfBtc();
    await until(() => core.bot.status().phase === 'waiting');
    const waitingAt = core.bot.status().barsProcessed;
    const left = await core.dispatch('leaveSafeMode', undefined);
    expect(left).toMatchObject({ ok: true, value: { state: 'ACTIVE' } });
    expect(['running', 'waiting', 'finished']).toContain(core.bot.status().phase);
    await until(() => core.bot.status().barsProcessed > waitingAt);
    core.dispose();
  });

  it('a prompt answered after the banner already left safe mode is not refused', async () => {
    const core = await replayOfBtc();
    await until(() => core.bot.status().phase === 'waiting');
    // Two answers to one question, as when the banner and the prompt are clicked in quick succession.
    await core.dispatch('leaveSafeMode', undefined);
    const answered = await core.dispatch('continuePaperBot', { leaveSafeMode: true });
    expect(answered).toMatchObject({ ok: true });
    expect(core.tradingState.snapshot().state).not.toBe('SAFE_MODE');
    core.dispose();
  });

  it('journals the person\'s answer and the automatic setting differently, at the bar\'s time with the wall time beside it', async () => {
    const core = await replayOfBtc();
    await until(() => core.bot.status().phase === 'waiting');
    const journalPath = core.bot.sessionJournalPath();
    if (journalPath === null) throw new Error('no run journal');
    await core.dispatch('continuePaperBot', { leaveSafeMode: true });
    await core.dispatch('stopPaperBot', undefined);
    const changes = stateChangesInRunJournal(journalPath);
    const enteredSafeMode = changes.find((change) => change.payload.to === 'SAFE_MODE');
    const left = changes.find((change) => change.payload.from === 'SAFE_MODE' && change.payload.to === 'ACTIVE');
    expect(enteredSafeMode).toBeDefined();
    expect(left?.payload.cause.code).toBe('PERSON_LEFT_SAFE_MODE');
    // Market time of the bar (2017), not the computer's clock; the wall time is kept beside it.
    expect(new Date(enteredSafeMode?.atMs ?? 0).getUTCFullYear()).toBe(2017);
    expect(enteredSafeMode?.payload.wallTimeMs ?? 0).toBeGreaterThan(Date.UTC(2025, 0, 1));
    core.dispose();

    const auto = await replayOfBtc(1_000_000, true);
    const autoPath = auto.bot.sessionJournalPath();
    if (autoPath === null) throw new Error('no run journal');
    await until(() => stateChangesInRunJournal(autoPath).some((change) => change.payload.from === 'SAFE_MODE'));
    await auto.dispatch('stopPaperBot', undefined);
    const autoLeft = stateChangesInRunJournal(autoPath).find((change) => change.payload.from === 'SAFE_MODE');
    expect(autoLeft?.payload.cause.code).toBe('PAPER_REPLAY_LEFT_SAFE_MODE_AUTOMATICALLY');
    auto.dispose();
  });

  it('Pause holds a replay where it is; Resume lets it go on', async () => {
    const core = await replayOfBtc(200);
    await until(() => core.bot.status().barsProcessed > 20);
    await core.dispatch('pause', {});
    expect(core.bot.status().phase).toBe('paused');
    const heldAt = core.bot.status().barsProcessed;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(core.bot.status().barsProcessed).toBe(heldAt);
    await core.dispatch('resume', undefined);
    expect(core.bot.status().phase).not.toBe('paused');
    await until(() => core.bot.status().barsProcessed > heldAt);
    await core.dispatch('stopPaperBot', undefined);
    core.dispose();
  });
});

describe('a replay that meets real data problems', () => {
  it('goes into safe mode at the file\'s first real problem, then stops to ask the person once it could be left', async () => {
    const core = createBallastCore({ version: 't', log, dataDir: tempDir('prompt') });
    const imported = await core.dispatch('importReplayFile', { fileName: 'btc.csv', symbol: 'BTC/USDT', text: readFileSync(sharedDataPath(BTC_USDT_1H_CSV), 'utf8') });
    if (!imported.ok) throw new Error(imported.error.message);
    const { importId } = imported.value as { importId: string };
    await core.dispatch('startPaperBot', { source: { kind: 'imported', importId }, symbol: 'BTC/USDT', strategyId: 'trend-follower', barsPerSecond: 1_000_000, startingBalanceQuote: 10_000 });

    await until(() => core.bot.status().phase === 'waiting');
    const waiting = core.bot.status();
    // The first problem is the fall of 2017-09-05 (−15 % in four hours, bar 453 at 01:00 UTC); the
    // volatility check clears 24 hours later, and the replay waits there, before the outage of 09-06.
    expect(waiting.barsProcessed).toBeGreaterThan(453 + 23);
    expect(waiting.barsProcessed).toBeLessThan(491);
    expect(core.tradingState.snapshot()).toMatchObject({ state: 'SAFE_MODE', cause: { code: 'VOLATILITY_SHOCK' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(core.bot.status().barsProcessed).toBe(waiting.barsProcessed);

    const continued = await core.dispatch('continuePaperBot', { leaveSafeMode: true });
    expect(continued).toMatchObject({ ok: true, value: { phase: 'running' } });
    expect(core.tradingState.snapshot().state).toBe('ACTIVE');
    await until(() => core.bot.status().barsProcessed > waiting.barsProcessed);
    core.dispose();
  });

  it('refuses a malformed file with the row and the reason, importing nothing', async () => {
    const core = createBallastCore({ dataDir: tempDir('core'), version: 't', log });
    const text = 'timestamp,open,high,low,close,volume\n1502942400000,4261.48,4313.62,4261.32,4308.83,47.18\n1502946000000,4308.83,abc,4291.37,4315.32,23.23\n';
    const result = await core.dispatch('importReplayFile', { fileName: 'bad.csv', symbol: 'BTC/USDT', text });
    expect(result).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    if (result.ok) return;
    expect(result.error.message).toMatch(/Row 3/i);
    expect(result.error.message).toContain('Nothing was imported');
    expect(await core.dispatch('listReplayFiles', undefined)).toEqual({ ok: true, value: [] });
    core.dispose();
  });
});
