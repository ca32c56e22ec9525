import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandName, CommandOutput } from '../../../../core/contract/index.ts';
import { createLogger } from '../../../../core/log/index.ts';
import { createBallastCore, type BallastCore } from '../../../../core/runtime/index.ts';

/** A real core that has run one synthetic paper bot to the end: the journals the Activity screen reads. */
export interface FinishedRun {
  readonly core: BallastCore;
  readonly dataDir: string;
  readonly runId: string;
  readonly runPath: string;
  value<K extends CommandName>(name: K, input?: unknown): Promise<CommandOutput<K>>;
  close(): void;
}

export async function finishedRun(): Promise<FinishedRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ballast-activity-'));
  const core = createBallastCore({ version: 'test', log: createLogger({ level: 'silent' }), dataDir });
  await core.restore();
  const value = async <K extends CommandName>(name: K, input?: unknown): Promise<CommandOutput<K>> => {
    const result = await core.dispatch(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.value as CommandOutput<K>;
  };
  await value('startPaperBot', {
    source: { kind: 'synthetic' }, symbol: 'DEMO/USDT', strategyId: 'trend-follower', barsPerSecond: 100_000, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true,
  });
  await core.bot.whenIdle();
  await value('pause', { note: 'checking the journal' });
  const runPath = core.bot.sessionJournalPath();
  const runId = runPath === null ? undefined : /(\d+)\.sqlite$/.exec(runPath)?.[1];
  if (runPath === null || runId === undefined) throw new Error('the paper run left no journal');
  return {
    core, dataDir, runId, runPath, value,
    close() {
      core.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
