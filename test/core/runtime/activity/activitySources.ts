import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BotStatus } from '../../../../core/contract/index.ts';
import { openJournal, type Journal } from '../../../../core/journal/index.ts';
import { activityHandlers } from '../../../../core/runtime/activity/activityHandlers.ts';
import type { ActivitySources } from '../../../../core/runtime/activity/activityJournals.ts';

const STOPPED: BotStatus = { phase: 'stopped', config: null, marketLabel: '', isSynthetic: false, isLive: false, barsProcessed: 0, totalBars: 0, message: '' };

/** The Activity handlers over journals a test writes itself: an app journal and one open paper run. */
export interface JournalsUnderTest {
  readonly dataDir: string;
  readonly app: Journal;
  readonly run: Journal;
  readonly runId: string;
  readonly handlers: ReturnType<typeof activityHandlers>;
  close(): void;
}

export function journalsUnderTest(runId = '1700000000000'): JournalsUnderTest {
  const dataDir = mkdtempSync(join(tmpdir(), 'ballast-activity-'));
  mkdirSync(join(dataDir, 'paper'));
  const app = openJournal(join(dataDir, 'journal.sqlite'));
  const runPath = join(dataDir, 'paper', `${runId}.sqlite`);
  const run = openJournal(runPath);
  const sources: ActivitySources = {
    dataDir,
    appJournal: app,
    bot: { sessionJournalPath: () => runPath, sessionJournalHead: () => run.head() ?? null, status: () => STOPPED },
    nowMs: () => 1_700_000_100_000,
  };
  return {
    dataDir, app, run, runId, handlers: activityHandlers(sources),
    close() {
      app.close();
      run.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
