import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../../../core/log/index.ts';
import { createBallastCore } from '../../../../core/runtime/index.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../../support/sharedData.ts';

const log = createLogger({ level: 'silent' });

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a replay that meets real data problems', () => {
  it('goes into safe mode at the file\'s first outage, then stops to ask the person once it could be left', async () => {
    const core = createBallastCore({ version: 't', log, dataDir: mkdtempSync(join(tmpdir(), 'ballast-prompt-')) });
    const imported = await core.dispatch('importReplayFile', { fileName: 'btc.csv', symbol: 'BTC/USDT', text: readFileSync(sharedDataPath(BTC_USDT_1H_CSV), 'utf8') });
    if (!imported.ok) throw new Error(imported.error.message);
    const { importId } = imported.value as { importId: string };
    await core.dispatch('startPaperBot', { source: { kind: 'imported', importId }, symbol: 'BTC/USDT', strategyId: 'trend-follower', barsPerSecond: 1_000_000, startingBalanceQuote: 10_000 });

    await until(() => core.bot.status().phase === 'waiting');
    const waiting = core.bot.status();
    // The first outage in the file is 2017-09-06 (rows 491–497); the replay waits after it cleared.
    expect(waiting.barsProcessed).toBeGreaterThan(491);
    expect(waiting.barsProcessed).toBeLessThan(600);
    expect(core.tradingState.snapshot()).toMatchObject({ state: 'SAFE_MODE', cause: { code: 'DATA_FEED_OUTAGE' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(core.bot.status().barsProcessed).toBe(waiting.barsProcessed);

    const continued = await core.dispatch('continuePaperBot', { leaveSafeMode: true });
    expect(continued).toMatchObject({ ok: true, value: { phase: 'running' } });
    expect(core.tradingState.snapshot().state).toBe('ACTIVE');
    await until(() => core.bot.status().barsProcessed > waiting.barsProcessed);
    core.dispose();
  });

  it('refuses a malformed file with the row and the reason, importing nothing', async () => {
    const core = createBallastCore({ version: 't', log });
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
