import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { AiOverview, DashboardSnapshot, TrainingStatusView } from '../../../../core/contract/index.ts';
import { InMemoryKeyRecordStore } from '../../../../core/keys/index.ts';
import { createLogger, fileDestination } from '../../../../core/log/index.ts';
import { createBallastCore, type BallastCore } from '../../../../core/runtime/index.ts';
import { StandInOsCipher } from '../../keys/support/testCiphers.ts';
import { answerFollowingBrief, startFakeLlm, type FakeLlm } from '../../../fake-llm/index.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../../support/sharedData.ts';

/** An obviously fake key: it must never come back from a command, an event, a journal or the log. */
const CANARY_KEY = 'sk-CANARY-llm-key-0123456789abcdef';
const NOW_MS = Date.UTC(2026, 0, 15, 12);

const folders: string[] = [];
const cores: BallastCore[] = [];
const fakes: FakeLlm[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) core.dispose();
  for (const fake of fakes.splice(0)) await fake.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function coreIn(dataDir?: string): { core: BallastCore; dataDir: string; logFile: string; seen: unknown[] } {
  const folder = dataDir ?? mkdtempSync(join(tmpdir(), 'ballast-ai-'));
  if (dataDir === undefined) folders.push(folder);
  const logFile = join(folder, 'ballast.log');
  const core = createBallastCore({
    version: 't',
    log: createLogger({ destination: fileDestination(logFile) }),
    dataDir: folder,
    nowMs: () => NOW_MS,
    keys: { store: new InMemoryKeyRecordStore(), osCipher: new StandInOsCipher('keychain') },
  });
  cores.push(core);
  const seen: unknown[] = [];
  core.events.subscribe((message) => seen.push(message));
  return { core, dataDir: folder, logFile, seen };
}

async function call<T>(core: BallastCore, command: string, input?: unknown, seen?: unknown[]): Promise<T> {
  const result = await core.dispatch(command, input);
  seen?.push(result);
  if (!result.ok) throw new Error(`${command}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
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

async function trainDemo(core: BallastCore): Promise<TrainingStatusView> {
  const ended = trainingEnded(core);
  const started = await call<TrainingStatusView>(core, 'startModelTraining', { source: { kind: 'synthetic', symbol: 'DEMO/USDT' } });
  expect(started.phase).toBe('training');
  return ended;
}

function journalRows(path: string): { kind: string; payload: string }[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare('SELECT kind, payload FROM audit_events ORDER BY seq').all() as unknown as { kind: string; payload: string }[];
  } finally {
    db.close();
  }
}

function allJournalText(dataDir: string): string {
  const files = [join(dataDir, 'journal.sqlite'), ...readdirSync(join(dataDir, 'paper')).filter((name) => name.endsWith('.sqlite')).map((name) => join(dataDir, 'paper', name))];
  return files.map((file) => journalRows(file).map((row) => row.payload).join('\n')).join('\n');
}

describe('the AI screen\'s commands', () => {
  it('trains in the background with progress, the same data giving the same model, and reads the card honestly', async () => {
    const first = coreIn();
    const done = await trainDemo(first.core);
    expect(done.phase).toBe('done');
    const progress = first.seen.filter((message) => (message as { name?: string }).name === 'aiTrainingProgressed');
    expect(progress.length).toBeGreaterThan(3);
    const card = await call<AiOverview['current'] & object>(first.core, 'getModelCard', { fileHash: done.resultFileHash });
    expect(card.features.length).toBeGreaterThan(10);
    expect(card.deflatedSharpe).toBeNull();
    // Not backtested yet: never usable live, and the card says why in words.
    expect(card.verdict.usableLive).toBe(false);
    expect(card.verdict.reasons.map((reason) => reason.code)).toContain('MODEL_DEFLATED_SHARPE_MISSING');
    expect(card.verdict.reasons.every((reason) => reason.text.length > 20 && !reason.text.includes('{{'))).toBe(true);

    const second = coreIn();
    const again = await trainDemo(second.core);
    expect(again.resultFileHash).toBe(done.resultFileHash);
    const versions = await call<{ fileHash: string; isCurrent: boolean }[]>(second.core, 'listModelVersions');
    expect(versions).toEqual([expect.objectContaining({ fileHash: done.resultFileHash, isCurrent: false })]);
  }, 120_000);

  it('Cancel stops training, keeps no model and leaves the current one unchanged', async () => {
    const { core, dataDir } = coreIn();
    const ended = trainingEnded(core);
    await call(core, 'startModelTraining', { source: { kind: 'synthetic', symbol: 'DEMO/USDT' } });
    const cancelled = await call<TrainingStatusView>(core, 'cancelModelTraining');
    expect(cancelled.phase).toBe('cancelled');
    expect((await ended).phase).toBe('cancelled');
    // The worker's own answer comes later and must not turn a cancelled run into a model.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(readdirSync(join(dataDir, 'models')).filter((name) => name.endsWith('.model.json'))).toEqual([]);
    const overview = await call<AiOverview>(core, 'getAiOverview');
    expect(overview.current).toBeNull();
    expect(overview.training.phase).toBe('cancelled');
  }, 60_000);

  it('adopts the first model, filters paper entries with it (probabilities in the feed, journaled with the model hash), and the live gate refuses it', async () => {
    const { core, dataDir } = coreIn();
    const done = await trainDemo(core);
    const adopted = await call<{ replaced: boolean; reason: { code: string } }>(core, 'adoptModel', { fileHash: done.resultFileHash });
    expect(adopted).toMatchObject({ replaced: true, reason: { code: 'AI_MODEL_ADOPTED_FIRST' } });
    expect(core.liveReadiness.aiModelInUse ? await core.liveReadiness.aiModelInUse() : 'missing').toBeUndefined();
    await call(core, 'setModelFilter', { on: true });
    const gate = await core.liveReadiness.aiModelInUse?.();
    expect(gate).toMatchObject({ present: true, usableLive: false });

    await call(core, 'startPaperBot', { source: { kind: 'synthetic' }, symbol: 'DEMO/USDT', strategyId: 'trend-follower', barsPerSecond: 1_000_000, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true });
    await core.bot.whenIdle();
    const dashboard = await call<DashboardSnapshot>(core, 'getDashboard', undefined);
    const reviewed = dashboard.decisions.filter((decision) => decision.ai?.model !== undefined);
    expect(reviewed.length).toBeGreaterThan(0);
    for (const decision of reviewed) {
      const model = decision.ai?.model;
      expect(model?.modelHash).toMatch(/^[0-9a-f]{64}$/);
      if (model?.probability !== null) expect(model?.factors.length).toBeGreaterThan(0);
    }
    const path = core.bot.sessionJournalPath();
    if (path === null) throw new Error('no run journal');
    const reviews = journalRows(path).filter((row) => row.payload.includes('"model_review"')).map((row) => JSON.parse(row.payload) as { modelHash: string; features: Record<string, number> });
    // The feed keeps the latest 200 lines; the journal keeps every review.
    expect(reviews.length).toBeGreaterThanOrEqual(reviewed.length);
    expect(reviews[0]?.features).toHaveProperty('rsi_14');
    expect(new Set(reviews.map((review) => review.modelHash))).toEqual(new Set([reviewed[0]?.ai?.model?.modelHash]));
    // Drift was checked along the way; the panel has a line per watched feature.
    const overview = await call<AiOverview>(core, 'getAiOverview');
    expect(overview.drift?.features.length).toBeGreaterThan(0);
    expect(dataDir).toBeTruthy();
  }, 180_000);

  it('a candidate replaces the current model only when it forecasts better on real prices neither saw', async () => {
    const { core } = coreIn();
    const lines = readFileSync(sharedDataPath(BTC_USDT_1H_CSV), 'utf8').trimEnd().split('\n');
    const header = lines[0] ?? '';
    const importRows = async (name: string, from: number, to: number): Promise<string> => {
      const summary = await call<{ importId: string }>(core, 'importReplayFile', { fileName: name, symbol: 'BTC/USDT', text: [header, ...lines.slice(from, to)].join('\n') });
      return summary.importId;
    };
    const early = await importRows('btc-early.csv', 1, 4_500);
    const later = await importRows('btc-later.csv', 4_500, 9_000);
    const unseen = await importRows('btc-unseen.csv', 9_000, 12_000);
    const trainOn = async (importId: string): Promise<string> => {
      const ended = trainingEnded(core);
      await call(core, 'startModelTraining', { source: { kind: 'imported', importId } });
      const status = await ended;
      if (status.resultFileHash === null) throw new Error(`training failed: ${status.reason?.code ?? ''}`);
      return status.resultFileHash;
    };
    const current = await trainOn(early);
    await call(core, 'adoptModel', { fileHash: current });
    const candidate = await trainOn(later);
    type Comparison = { replaced: boolean; reason: { code: string }; current: { brier: number } | null; candidate: { brier: number } | null };
    // Without a window, or on one the candidate learned from, nothing changes.
    expect(await call<Comparison>(core, 'adoptModel', { fileHash: candidate })).toMatchObject({ replaced: false, reason: { code: 'AI_COMPARISON_WINDOW_NEEDED' } });
    expect(await call<Comparison>(core, 'adoptModel', { fileHash: candidate, window: { kind: 'imported', importId: later } })).toMatchObject({ replaced: false, reason: { code: 'MODEL_COMPARISON_WINDOW_SEEN_IN_TRAINING' } });
    expect((await call<AiOverview>(core, 'getAiOverview')).current?.fileHash).toBe(current);
    // On later prices neither saw: replaced exactly when the candidate's Brier score is lower there.
    const compared = await call<Comparison>(core, 'adoptModel', { fileHash: candidate, window: { kind: 'imported', importId: unseen } });
    if (compared.current === null || compared.candidate === null) throw new Error('no scores');
    expect(compared.replaced).toBe(compared.candidate.brier < compared.current.brier);
    expect((await call<AiOverview>(core, 'getAiOverview')).current?.fileHash).toBe(compared.replaced ? candidate : current);
  }, 180_000);

  it('stores the LLM key encrypted, never returns or journals it, and the second opinion vetoes entries', async () => {
    const fake = await startFakeLlm({ models: ['fake-model'], fallback: answerFollowingBrief('bearish') });
    fakes.push(fake);
    const { core, dataDir, logFile, seen } = coreIn();
    const provider = await call<{ apiKeyStored: boolean }>(core, 'saveLlmProvider', { presetId: 'hosted', baseUrl: fake.baseUrl, model: 'fake-model', apiKey: CANARY_KEY }, seen);
    expect(provider.apiKeyStored).toBe(true);
    expect(readFileSync(join(dataDir, 'ai', 'llm-key.json'), 'utf8')).not.toContain(CANARY_KEY);
    const connection = await call<{ ok: boolean; modelFound: boolean }>(core, 'testLlmConnection', undefined, seen);
    expect(connection).toMatchObject({ ok: true, modelFound: true });
    // The key went to the provider, as a Bearer token.
    expect(fake.requests.some((request) => request.headers.authorization === `Bearer ${CANARY_KEY}`)).toBe(true);
    await call(core, 'setLlmRole', { role: 'second-opinion' }, seen);
    await call(core, 'startPaperBot', { source: { kind: 'synthetic' }, symbol: 'DEMO/USDT', strategyId: 'trend-follower', barsPerSecond: 1_000_000, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true }, seen);
    await core.bot.whenIdle();
    const dashboard = await call<DashboardSnapshot>(core, 'getDashboard', undefined, seen);
    expect(dashboard.decisions.some((decision) => decision.ai?.llm !== undefined)).toBe(true);
    // The replay runs faster than the hourly budget: the first entries were asked about and
    // vetoed (bearish), the rest went ahead on the rules alone once the budget was used up.
    const calls = await call<{ verdict: string; called: boolean; effect: { code: string } | null; reasons: { code: string }[] }[]>(core, 'listLlmCalls', undefined, seen);
    const asked = calls.filter((item) => item.called);
    expect(asked.length).toBe(12);
    expect(asked.every((item) => item.verdict === 'accepted' && item.effect?.code === 'LLM_BEARISH_VETO')).toBe(true);
    expect(calls.filter((item) => !item.called).every((item) => item.effect?.code === 'LLM_ANSWER_REJECTED' && item.reasons[0]?.code === 'BUDGET_CALLS_PER_HOUR')).toBe(true);
    expect(fake.requests.filter((request) => request.path.endsWith('/chat/completions'))).toHaveLength(12);
    await call(core, 'getAiOverview', undefined, seen);
    expect(JSON.stringify(seen)).not.toContain(CANARY_KEY);
    expect(allJournalText(dataDir)).toContain('llm_review');
    expect(allJournalText(dataDir)).not.toContain(CANARY_KEY);
    expect(readFileSync(logFile, 'utf8')).not.toContain(CANARY_KEY);
  }, 120_000);
});
