import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { DashboardSnapshot, StrategyInfo, TrainingStatusView } from '../../../../core/contract/index.ts';
import { InMemoryKeyRecordStore } from '../../../../core/keys/index.ts';
import { createLogger, fileDestination } from '../../../../core/log/index.ts';
import type { Candle } from '../../../../core/market/index.ts';
import { createBallastCore, type BallastCore } from '../../../../core/runtime/index.ts';
import { mulberry32 } from '../../../../core/signals/model/boostedTrees.ts';
import { StandInOsCipher } from '../../keys/support/testCiphers.ts';
import { answerFollowingBrief, startFakeLlm, type FakeLlm } from '../../../fake-llm/index.ts';

const NOW_MS = Date.UTC(2026, 0, 15, 12);
const folders: string[] = [];
const cores: BallastCore[] = [];
const fakes: FakeLlm[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) core.dispose();
  for (const fake of fakes.splice(0)) await fake.close();
  // The log file is written asynchronously: let the last lines land before its folder goes.
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function newCore(): BallastCore {
  const folder = mkdtempSync(join(tmpdir(), 'ballast-ai-strategies-'));
  folders.push(folder);
  const core = createBallastCore({
    version: 't',
    log: createLogger({ destination: fileDestination(join(folder, 'ballast.log')) }),
    dataDir: folder,
    nowMs: () => NOW_MS,
    keys: { store: new InMemoryKeyRecordStore(), osCipher: new StandInOsCipher('keychain') },
    trainModelsInThread: true,
  });
  cores.push(core);
  return core;
}

async function call<T>(core: BallastCore, command: string, input?: unknown): Promise<T> {
  const result = await core.dispatch(command, input);
  if (!result.ok) throw new Error(`${command}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function refusal(core: BallastCore, command: string, input?: unknown): Promise<{ code: string; message: string }> {
  const result = await core.dispatch(command, input);
  if (result.ok) throw new Error(`${command} was not refused`);
  return result.error;
}

/**
 * Hourly prices with a real edge (a volume burst is followed by a day of rise), so a model trained
 * on them finds an entry threshold on its training folds; another seed gives prices it never saw.
 * Volumes are large enough for the risk layer's liquidity check.
 */
function edgeCsv(bars: number, seed: number, startMs: number): string {
  const random = mulberry32(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const rows = ['timestamp,open,high,low,close,volume'];
  const candles: Candle[] = [];
  let close = 100;
  let drift = 0;
  for (let i = 0; i < bars; i++) {
    const burst = random() < 0.04;
    const open = close;
    close = open * Math.exp(0.004 * normal() + (drift > 0 ? 0.003 : 0));
    drift = burst ? 24 : Math.max(0, drift - 1);
    const high = Math.max(open, close) * (1 + 0.002 * random());
    const low = Math.min(open, close) * (1 - 0.002 * random());
    candles.push({ openTimeMs: startMs + i * 3_600_000, open, high, low, close, volumeBase: 1_000 * (burst ? 80 + 20 * random() : 10 + 5 * random()) });
  }
  for (const c of candles) rows.push([c.openTimeMs, c.open, c.high, c.low, c.close, c.volumeBase].map((value) => String(value)).join(','));
  return rows.join('\n');
}

function trainingEnded(core: BallastCore): Promise<TrainingStatusView> {
  return new Promise((resolve) => {
    const stop = core.events.subscribe((message) => {
      if (message.name !== 'aiTrainingProgressed') return;
      const status = message.payload as TrainingStatusView;
      if (status.phase === 'training') return;
      stop();
      resolve(status);
    });
  });
}

function journalPayloads(path: string): Record<string, unknown>[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return (db.prepare('SELECT payload FROM audit_events ORDER BY seq').all() as { payload: string }[]).map((row) => JSON.parse(row.payload) as Record<string, unknown>);
  } finally {
    db.close();
  }
}

const paperRun = (strategyId: string, importId?: string) => ({
  source: importId === undefined ? { kind: 'synthetic' } : { kind: 'imported', importId },
  symbol: importId === undefined ? 'DEMO/USDT' : 'BTC/USDT',
  strategyId,
  barsPerSecond: 1_000_000,
  startingBalanceQuote: 10_000,
  leaveSafeModeAutomatically: true,
});

describe('the AI model as a paper strategy', () => {
  it('is refused in plain words without a trained model', async () => {
    const core = newCore();
    const strategies = await call<StrategyInfo[]>(core, 'listStrategies');
    expect(strategies.find((strategy) => strategy.id === 'ai-model')?.summary).toContain('needs a trained model');
    const refused = await refusal(core, 'startPaperBot', paperRun('ai-model'));
    expect(refused).toEqual({ code: 'REFUSED', message: 'The AI model strategy needs a trained model. Train one on the AI screen and make it your current model, then start again.' });
    expect(core.bot.status().phase).toBe('idle');
  });

  it('trades on the threshold from its training folds: every entry shows its probability and reasons, never larger than the policy asks, sized by the risk layer', async () => {
    const core = newCore();
    const train = await call<{ importId: string }>(core, 'importReplayFile', { fileName: 'edge-train.csv', symbol: 'BTC/USDT', text: edgeCsv(6_000, 5, Date.UTC(2022, 0, 1)) });
    const trade = await call<{ importId: string }>(core, 'importReplayFile', { fileName: 'edge-later.csv', symbol: 'BTC/USDT', text: edgeCsv(1_500, 6, Date.UTC(2023, 0, 1)) });
    const ended = trainingEnded(core);
    await call(core, 'startModelTraining', { source: { kind: 'imported', importId: train.importId } });
    const done = await ended;
    if (done.resultFileHash === null) throw new Error(`training failed: ${JSON.stringify(done.reason)}`);
    await call(core, 'adoptModel', { fileHash: done.resultFileHash });
    const stored = core.ai.models.current();
    const threshold = stored?.trained.card.entryThreshold?.threshold;
    if (threshold === undefined) throw new Error('the edge model found no threshold');
    const listed = (await call<StrategyInfo[]>(core, 'listStrategies')).find((strategy) => strategy.id === 'ai-model');
    expect(listed?.summary).toContain(`${(threshold * 100).toFixed(1)}%`);

    await call(core, 'startPaperBot', paperRun('ai-model', trade.importId));
    await core.bot.whenIdle();
    const dashboard = await call<DashboardSnapshot>(core, 'getDashboard');
    const reviewed = dashboard.decisions.filter((decision) => decision.ai?.model !== undefined);
    expect(reviewed.length).toBeGreaterThan(0);
    for (const decision of reviewed) {
      const model = decision.ai?.model;
      expect(model?.modelHash).toBe(stored?.trained.modelHash);
      if (model?.action === 'keep') {
        expect(model.probability).toBeGreaterThanOrEqual(threshold);
        expect(model.factors.length).toBeGreaterThan(0);
      }
    }
    expect(dashboard.fills.length).toBeGreaterThan(0);

    const path = core.bot.sessionJournalPath();
    if (path === null) throw new Error('no run journal');
    const rows = journalPayloads(path);
    expect(rows[0]).toMatchObject({ event: 'paper_session_started', strategyId: 'ai-model' });
    const entries = rows.flatMap((row) => {
      const intent = row.intent as { purpose?: string; desiredFractionOfEquity?: number } | undefined;
      return intent?.purpose === 'entry' ? [{ intent, decision: row.decision as { kind: string; notionalQuote: number | null } }] : [];
    });
    expect(entries.length).toBeGreaterThan(0);
    // The policy's usual entry is 1 % of equity: the model never asks for more, and risk judged
    // each one (1 % of an account that cannot have grown by half with such small positions).
    for (const entry of entries) {
      expect(entry.intent.desiredFractionOfEquity).toBeLessThanOrEqual(0.01);
      expect(['approved', 'shrunk', 'rejected']).toContain(entry.decision.kind);
      if (entry.decision.kind !== 'rejected') expect(entry.decision.notionalQuote).toBeLessThanOrEqual(150);
    }
    expect(rows.some((row) => row.event === 'model_review' && row.modelHash === stored?.trained.modelHash)).toBe(true);
  }, 180_000);
});

describe('the AI advisor proposing trades (paper only)', () => {
  it('is offered only once a provider is set up, proposes entries through the same policy and risk gate, and journals every call', async () => {
    const fake = await startFakeLlm({ models: ['fake-model'], fallback: answerFollowingBrief('bullish') });
    fakes.push(fake);
    const core = newCore();
    expect((await call<StrategyInfo[]>(core, 'listStrategies')).map((strategy) => strategy.id)).not.toContain('llm-advisor');
    expect(await refusal(core, 'startPaperBot', paperRun('llm-advisor'))).toMatchObject({ code: 'REFUSED', message: expect.stringContaining('not set up') as string });

    await call(core, 'saveLlmProvider', { presetId: 'llama-cpp', baseUrl: fake.baseUrl, model: 'fake-model' });
    expect((await call<StrategyInfo[]>(core, 'listStrategies')).map((strategy) => strategy.id)).toContain('llm-advisor');
    // Its second-opinion role is off: choosing the strategy is what asks the advisor.
    await call(core, 'startPaperBot', paperRun('llm-advisor'));
    await core.bot.whenIdle();

    const asked = fake.requests.filter((request) => request.path.endsWith('/chat/completions'));
    // One question per bar at most, then the hourly budget says no without calling.
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.length).toBeLessThanOrEqual(12);
    const path = core.bot.sessionJournalPath();
    if (path === null) throw new Error('no run journal');
    const rows = journalPayloads(path);
    const proposals = rows.filter((row) => row.event === 'llm_proposal');
    expect(proposals.filter((row) => (row.record as { called: boolean }).called)).toHaveLength(asked.length);
    expect(proposals.some((row) => row.proposed === 'bullish')).toBe(true);
    // An accepted answer became a signal of the advisor's, and its entry went through risk like any other.
    expect(rows.some((row) => row.strategyId === 'llm-advisor' && row.stance === 'bullish')).toBe(true);
    const entries = rows.filter((row) => (row.intent as { purpose?: string } | undefined)?.purpose === 'entry');
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const intent = entry.intent as { desiredFractionOfEquity: number; stopPriceQuote: number; limitPriceQuote: number };
      expect(intent.desiredFractionOfEquity).toBeLessThanOrEqual(0.01);
      expect(intent.stopPriceQuote).toBeLessThan(intent.limitPriceQuote);
    }
    const dashboard = await call<DashboardSnapshot>(core, 'getDashboard');
    expect(dashboard.decisions.some((decision) => decision.text.includes('AI advisor proposes'))).toBe(true);
    // The AI screen lists the calls.
    expect((await call<unknown[]>(core, 'listLlmCalls')).length).toBeGreaterThan(0);
  }, 120_000);

  it('a rejected answer proposes nothing', async () => {
    const fake = await startFakeLlm({ models: ['fake-model'], fallback: { kind: 'http', status: 500, body: '<html>oops</html>', contentType: 'text/html' } });
    fakes.push(fake);
    const core = newCore();
    await call(core, 'saveLlmProvider', { presetId: 'llama-cpp', baseUrl: fake.baseUrl, model: 'fake-model' });
    await call(core, 'startPaperBot', paperRun('llm-advisor'));
    await core.bot.whenIdle();
    const path = core.bot.sessionJournalPath();
    if (path === null) throw new Error('no run journal');
    const rows = journalPayloads(path);
    expect(rows.filter((row) => row.event === 'llm_proposal').length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.event === 'llm_proposal').every((row) => row.proposed === null && row.code === 'LLM_NO_VALID_ANSWER')).toBe(true);
    expect(rows.some((row) => row.intent !== undefined)).toBe(false);
    expect((await call<DashboardSnapshot>(core, 'getDashboard')).fills).toEqual([]);
  }, 120_000);
});
