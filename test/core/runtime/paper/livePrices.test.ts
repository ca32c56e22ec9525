import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournalReader } from '../../../../core/journal/index.ts';
import { createLogger } from '../../../../core/log/index.ts';
import { createCcxtMarketData } from '../../../../core/market/index.ts';
import { createBallastCore, type BallastCore } from '../../../../core/runtime/index.ts';
import { binanceClientFor, startFakeExchange, type FakeExchange } from '../../../fake-exchange/index.ts';
import { removeTempDirs, tempDir } from '../../../support/tempDirs.ts';

// Runs after the hooks below (they close what uses the folders), then removes the folders.
afterAll(removeTempDirs);

const HOUR_MS = 3_600_000;
const log = createLogger({ level: 'silent' });

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('paper trading on live prices (the fake Binance standing in for the real one)', () => {
  let fake: FakeExchange;
  let core: BallastCore;
  let dataDir: string;

  beforeAll(async () => {
    fake = await startFakeExchange({ startAt: '2021-01-10T00:00:00Z' });
    dataDir = tempDir('live-paper');
    core = createBallastCore({
      version: 't',
      log,
      dataDir,
      nowMs: () => fake.clock.nowMs(),
      livePollMs: 20,
      paperMarketData: (exchangeId) => {
        const client = binanceClientFor(fake, { timeout: 5_000 });
        client.rateLimit = 5;
        return createCcxtMarketData({ exchangeId, exchange: client, nowMs: () => fake.clock.nowMs() });
      },
    });
  });

  afterAll(async () => {
    core.dispose();
    await fake.close();
  });

  it('starts from the exchange\'s recent history and real trading rules, then steps each bar as it closes', async () => {
    const started = await core.dispatch('startPaperBot', {
      source: { kind: 'exchange', exchangeId: 'binance', timeframe: '1h' },
      symbol: 'BTC/USDT',
      strategyId: 'trend-follower',
      barsPerSecond: 1,
      startingBalanceQuote: 10_000,
    });
    expect(started).toMatchObject({ ok: true, value: { isLive: true } });
    expect(core.bot.status().marketLabel).toContain('Live prices from Binance');
    await until(() => core.bot.status().phase === 'running' && core.bot.status().barsProcessed === core.bot.status().totalBars);
    const caughtUp = core.bot.status().barsProcessed;
    expect(caughtUp).toBeGreaterThanOrEqual(24);
    // Binance's own rules for BTC/USDT, not the demo defaults.
    expect(core.bot.status().message).toContain('as Binance states them');

    fake.clock.advance(3 * HOUR_MS);
    await until(() => core.bot.status().barsProcessed >= caughtUp + 3);
    expect(core.bot.status().phase).toBe('running');

    // The run's journal says it traded on live prices: it counts toward the live gate's record.
    const path = core.bot.sessionJournalPath();
    if (path === null) throw new Error('no journal');
    const reader = openJournalReader(path);
    const start = reader.readAscending({ kinds: ['system'] }, 0, Number.MAX_SAFE_INTEGER, 10).find((event) => event.payloadJson.includes('paper_session_started'));
    reader.close();
    expect(JSON.parse(start?.payloadJson ?? '{}')).toMatchObject({ prices: 'live', strategyId: 'trend-follower' });

    await core.dispatch('stopPaperBot', undefined);
    expect(core.bot.status().phase).toBe('stopped');
  });

  it('goes into safe mode when the exchange stops sending new bars', async () => {
    // This exchange's prices end where its data ends: from then on no new bar ever closes.
    const quiet = await startFakeExchange();
    const quietCore = createBallastCore({
      dataDir: tempDir('core'),
      version: 't',
      log,
      livePollMs: 20,
      nowMs: () => quiet.clock.nowMs(),
      paperMarketData: (exchangeId) => createCcxtMarketData({ exchangeId, exchange: binanceClientFor(quiet, { timeout: 5_000 }), nowMs: () => quiet.clock.nowMs() }),
    });
    try {
      await quietCore.dispatch('startPaperBot', {
        source: { kind: 'exchange', exchangeId: 'binance', timeframe: '1h' },
        symbol: 'BTC/USDT',
        strategyId: 'do-nothing',
        barsPerSecond: 1,
        startingBalanceQuote: 10_000,
      });
      await until(() => quietCore.bot.status().phase === 'running');
      expect(quietCore.tradingState.snapshot().state).toBe('ACTIVE');
      quiet.clock.advance(4 * HOUR_MS);
      await until(() => quietCore.tradingState.snapshot().state === 'SAFE_MODE');
      expect(quietCore.tradingState.snapshot().cause.code).toBe('DATA_FEED_STALE');
      await quietCore.dispatch('stopPaperBot', undefined);
    } finally {
      quietCore.dispose();
      await quiet.close();
    }
  });
});
