import { err, ok, type Result } from '../model/index.ts';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { PaperRecordSummary } from '../keys/index.ts';
import { openJournalReader, verifyJournal, MAX_PAGE_SIZE, type AuditEvent, type AuditKind, type JournalReader } from '../journal/index.ts';
import { describeError, type Logger } from '../log/index.ts';

/**
 * The live gate's paper record, read from the paper sessions' own journals.
 *
 * What counts, and why:
 * - A paper trade is a sell order that filled (wholly or partly). Ballast trades spot and only
 *   long, so every sell closes or reduces a position: that is a completed round trip, whether the
 *   strategy exited, a protective stop was hit or Kill flattened. Buys only open positions.
 * - Days are wall-clock days between the first and the last paper session of the strategy, taken
 *   from when each session was started on this computer (its file name). The times inside a
 *   journal are the replay's clock: a replay of 2018 run today covers years of prices in
 *   seconds, and that must not count as having watched the strategy for years.
 * - Only sessions on live prices count. A replay of past or generated prices runs years of
 *   market in seconds; letting it count would let anyone pass the gate in a minute without ever
 *   having watched the strategy trade. Each session journal says at its start what prices it
 *   traded on; one that does not say counts for nothing.
 * - Fills and the strategy are read from the hash-chained audit log, after checking the chain.
 *   A journal that fails the check, cannot be read, or names more than one strategy counts for
 *   nothing: an edited file cannot add trades.
 */

export const DAY_MS = 86_400_000;

/** Paper sessions are files named after the wall-clock time they were started at, e.g. `1732531200000.sqlite`. */
const SESSION_FILE = /^(\d{1,15})\.sqlite$/;

export interface PaperSessionRecord {
  readonly file: string;
  /** Wall-clock time the session was started on this computer. */
  readonly startedAtMs: number;
  /** The strategy whose signals the session traded on; null when it never signalled. */
  readonly strategyId: string | null;
  /** Sell orders with at least one fill. */
  readonly completedTrades: number;
  /** What the session traded on, from its start event; only 'live' counts toward the record. */
  readonly prices: 'live' | 'replay' | 'synthetic' | 'unknown';
}

export type SessionReading = Result<PaperSessionRecord, { readonly file: string; readonly reason: string }>;

// Parsed at the edge: a journal row's payload is stored JSON, not a type.
const SignalPayload = z.looseObject({ strategyId: z.string().min(1) });
const StartPayload = z.looseObject({ event: z.literal('paper_session_started'), prices: z.enum(['live', 'replay', 'synthetic']) });
const FillPayload = z.looseObject({ side: z.enum(['buy', 'sell']), clientOrderId: z.string().min(1) });

function* eventsOf(journal: JournalReader, kinds: readonly AuditKind[], maxSeq: number): Generator<AuditEvent> {
  let afterSeq = 0;
  for (;;) {
    const page = journal.readAscending({ kinds }, afterSeq, maxSeq, MAX_PAGE_SIZE);
    yield* page;
    const last = page.at(-1);
    if (last === undefined || page.length < MAX_PAGE_SIZE) return;
    afterSeq = last.seq;
  }
}

/** Reads one session journal: its strategy and its completed trades, only if its audit chain is intact. */
export function readPaperSession(path: string, startedAtMs: number): SessionReading {
  const file = path;
  // Verified first, then read only up to the verified head: rows a running bot appends meanwhile wait for the next reading.
  const verification = verifyJournal(path);
  if (!verification.ok) return err({ file, reason: `the journal failed its check: ${verification.message} (${verification.detail})` });
  const maxSeq = verification.head?.seq ?? 0;
  let journal: JournalReader;
  try {
    journal = openJournalReader(path);
  } catch (error) {
    return err({ file, reason: `the journal could not be opened: ${describeError(error)}` });
  }
  try {
    const strategies = new Set<string>();
    const soldOrders = new Set<string>();
    let prices: PaperSessionRecord['prices'] = 'unknown';
    for (const event of eventsOf(journal, ['signal', 'fill', 'system'], maxSeq)) {
      const payload: unknown = JSON.parse(event.payloadJson);
      if (event.kind === 'system') {
        const start = StartPayload.safeParse(payload);
        if (start.success && prices === 'unknown') prices = start.data.prices;
      } else if (event.kind === 'signal') {
        const signal = SignalPayload.safeParse(payload);
        if (!signal.success) return err({ file, reason: `signal ${event.seq} does not name its strategy` });
        strategies.add(signal.data.strategyId);
      } else {
        const fill = FillPayload.safeParse(payload);
        if (!fill.success) return err({ file, reason: `fill ${event.seq} cannot be read` });
        if (fill.data.side === 'sell') soldOrders.add(fill.data.clientOrderId);
      }
    }
    if (strategies.size > 1) return err({ file, reason: `the journal holds signals of ${strategies.size} strategies` });
    const [strategyId] = strategies;
    return ok({ file, startedAtMs, strategyId: strategyId ?? null, completedTrades: soldOrders.size, prices });
  } finally {
    journal.close();
  }
}

/** Adds the sessions of one strategy up; undefined when it has none. */
export function paperRecordFromSessions(
  strategyId: string,
  sessions: readonly PaperSessionRecord[],
  nowMs: number,
): PaperRecordSummary | undefined {
  // A start "in the future" means the computer's clock was wrong then or is wrong now: not evidence.
  const own = sessions.filter((session) => session.strategyId === strategyId && session.startedAtMs <= nowMs && session.prices === 'live');
  if (own.length === 0) return undefined;
  const starts = own.map((session) => session.startedAtMs);
  const spanMs = Math.max(...starts) - Math.min(...starts);
  return {
    strategyId,
    paperDays: Math.floor(spanMs / DAY_MS),
    paperTrades: own.reduce((sum, session) => sum + session.completedTrades, 0),
  };
}

export interface PaperSessionReaderOptions {
  readonly folder: string;
  readonly log: Logger;
}

/**
 * Every paper session in the folder. Finished sessions do not change, so each file's reading is
 * kept until its size or modification time moves (the running session's does on every write).
 */
export function createPaperSessionReader(options: PaperSessionReaderOptions): () => PaperSessionRecord[] {
  const cache = new Map<string, { stamp: string; reading: SessionReading }>();
  return () => {
    let names: string[];
    try {
      names = readdirSync(options.folder);
    } catch (error) {
      // No folder yet means no paper session yet; anything else is worth a line in the log.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') options.log.warn({ err: error, folder: options.folder }, 'could not list the paper sessions');
      return [];
    }
    const records: PaperSessionRecord[] = [];
    for (const name of names) {
      const match = SESSION_FILE.exec(name);
      if (match === null) continue;
      const path = join(options.folder, name);
      const reading = cachedReading(cache, path, Number(match[1]), options.log);
      if (reading.ok) records.push(reading.value);
    }
    return records;
  };
}

function cachedReading(cache: Map<string, { stamp: string; reading: SessionReading }>, path: string, startedAtMs: number, log: Logger): SessionReading {
  const stamp = fileStamp(path);
  const cached = cache.get(path);
  if (stamp !== null && cached?.stamp === stamp) return cached.reading;
  const reading = readPaperSession(path, startedAtMs);
  if (!reading.ok) log.warn({ file: reading.error.file, reason: reading.error.reason }, 'a paper session does not count towards the paper record');
  if (stamp !== null) cache.set(path, { stamp, reading });
  return reading;
}

/** The WAL file changes while the main file does not, so both are part of the stamp. */
function fileStamp(path: string): string | null {
  try {
    const main = statSync(path);
    let wal = '';
    try {
      const walStat = statSync(`${path}-wal`);
      wal = `${walStat.size}:${walStat.mtimeMs}`;
    } catch {
      wal = 'none';
    }
    return `${main.size}:${main.mtimeMs}:${wal}`;
  } catch {
    return null;
  }
}
