import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ContractError, type ActivityJournal, type ActivityJournalId } from '../../contract/index.ts';
import { JournalError, openJournalReader, type ChainHead, type JournalReader } from '../../journal/index.ts';
import type { BotController } from '../paper/botController.ts';
import { strategyName } from './activityWording.ts';

/**
 * Which journals the Activity screen can read, and where they are. The page names a journal by
 * id only; ids map to files inside the data folder, so no input can reach any other file.
 */

export interface ActivitySources {
  readonly dataDir: string;
  /** The app journal's file, and the newest entry Ballast wrote to it (the anchor for verification). */
  readonly appJournal: { readonly path: string; head(): ChainHead | undefined };
  readonly bot: Pick<BotController, 'sessionJournalPath' | 'sessionJournalHead' | 'status'>;
  readonly nowMs: () => number;
}

export interface ResolvedJournal {
  readonly id: ActivityJournalId;
  readonly path: string;
  /** The head as the writing connection knows it, when Ballast has the file open for writing. */
  readonly anchor: ChainHead | undefined;
}

/** Paper runs are files named after the wall-clock time they were started at. */
const RUN_FILE = /^(\d{1,16})\.sqlite$/;
const MAX_RUNS_LISTED = 200;

const APP_DESCRIPTION = 'Trading state changes (pause, safe mode, kill, re-arm), their causes, and what you did.';
const RUN_DESCRIPTION = 'Everything this paper run did: strategy signals, risk decisions, orders, fills and the (simulated) exchange’s answers.';

const SignalNames = z.looseObject({ strategyId: z.string(), symbol: z.string() });
const SessionStarted = z.looseObject({ event: z.literal('paper_session_started'), strategyId: z.string() });

const runsFolder = (sources: ActivitySources): string => join(sources.dataDir, 'paper');

function runIds(sources: ActivitySources): string[] {
  let names: string[];
  try {
    names = readdirSync(runsFolder(sources));
  } catch {
    return [];
  }
  return names
    .map((name) => RUN_FILE.exec(name)?.[1])
    .filter((id): id is string => id !== undefined)
    .sort((a, b) => Number(b) - Number(a))
    .slice(0, MAX_RUNS_LISTED);
}

export function resolveJournal(sources: ActivitySources, id: ActivityJournalId): ResolvedJournal {
  if (id === 'app') return { id, path: sources.appJournal.path, anchor: sources.appJournal.head() };
  const runId = /^paper-(\d{1,16})$/.exec(id)?.[1];
  const path = runId === undefined ? undefined : join(runsFolder(sources), `${runId}.sqlite`);
  if (path === undefined || !existsSync(path)) {
    throw new ContractError('INVALID_INPUT', 'This journal is not there any more. Choose one from the list.');
  }
  const current = sources.bot.sessionJournalPath() === path;
  return { id, path, anchor: current ? (sources.bot.sessionJournalHead() ?? undefined) : undefined };
}

/** Opens the journal read-only for `use`, always closing it; unreadable files become a plain refusal. */
export function withReader<T>(journal: ResolvedJournal, use: (reader: JournalReader) => T): T {
  let reader: JournalReader;
  try {
    reader = openJournalReader(journal.path);
  } catch (error) {
    if (error instanceof JournalError) throw new ContractError('REFUSED', error.message);
    throw error;
  }
  try {
    return use(reader);
  } catch (error) {
    if (error instanceof JournalError && error.code === 'INVALID_QUERY') throw new ContractError('INVALID_INPUT', error.message);
    if (error instanceof JournalError) throw new ContractError('REFUSED', error.message);
    throw error;
  } finally {
    reader.close();
  }
}

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** "Trend follower on DEMO/USDT", from the run's own signals, or the bot's settings for the open run. */
function runTitle(reader: JournalReader, isCurrent: boolean, sources: ActivitySources): string {
  const newestSignal = reader.query({ kinds: ['signal'], limit: 1 }).events[0];
  const names = newestSignal === undefined ? undefined : SignalNames.safeParse(parseJsonOrNull(newestSignal.payloadJson));
  if (names?.success === true) return `${strategyName(names.data.strategyId)} on ${names.data.symbol}`;
  // A run that never signalled (e.g. "do nothing") still names its strategy when it starts.
  const started = reader.readAscending({ kinds: ['system'] }, 0, Number.MAX_SAFE_INTEGER, 10)
    .map((event) => SessionStarted.safeParse(parseJsonOrNull(event.payloadJson)))
    .find((result) => result.success);
  if (started?.success === true) return strategyName(started.data.strategyId);
  const config = isCurrent ? sources.bot.status().config : null;
  return config === null ? '' : `${strategyName(config.strategyId)} on ${config.symbol}`;
}

function describeRun(sources: ActivitySources, runId: string): ActivityJournal {
  const path = join(runsFolder(sources), `${runId}.sqlite`);
  const isCurrent = sources.bot.sessionJournalPath() === path;
  const base = { id: `paper-${runId}`, kind: 'paper' as const, description: RUN_DESCRIPTION, startedAtMs: Number(runId), isCurrent };
  try {
    const reader = openJournalReader(path);
    try {
      const title = runTitle(reader, isCurrent, sources);
      return { ...base, label: title === '' ? 'Paper run' : `Paper run: ${title}`, entries: reader.count(), problem: null };
    } finally {
      reader.close();
    }
  } catch (error) {
    const problem = error instanceof JournalError ? error.message : 'This journal file cannot be read.';
    return { ...base, label: 'Paper run (cannot be read)', entries: null, problem };
  }
}

function describeApp(sources: ActivitySources): ActivityJournal {
  const base = { id: 'app', kind: 'app' as const, label: 'Ballast app', description: APP_DESCRIPTION, startedAtMs: null, isCurrent: false };
  try {
    return withReader(resolveJournal(sources, 'app'), (reader) => ({ ...base, entries: reader.count(), problem: null }));
  } catch (error) {
    return { ...base, entries: null, problem: error instanceof ContractError ? error.message : 'This journal file cannot be read.' };
  }
}

/** The app journal first, then the paper runs, newest first. */
export function listActivityJournals(sources: ActivitySources): ActivityJournal[] {
  return [describeApp(sources), ...runIds(sources).map((runId) => describeRun(sources, runId))];
}
