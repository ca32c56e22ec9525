import { err, ok, type Result } from '../../model/index.ts';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { PaperRecordSummary } from '../../keys/index.ts';
import { openJournalReader, verifyJournal, MAX_PAGE_SIZE, type AuditEvent, type AuditKind, type JournalReader } from '../../journal/index.ts';
import { describeError, type Logger } from '../../log/index.ts';

/**
 * The live gate's paper record, read from the paper sessions' own journals.
 *
 * What counts, and why:
 * - A paper trade is a sell order that filled (wholly or partly). Ballast trades spot and only
 *   long, so every sell closes or reduces a position: that is a completed round trip, whether the
 *   strategy exited, a protective stop was hit or Kill flattened. Buys only open positions.
 *   Orders the person placed by hand are left out: they say nothing about the strategy.
 * - Days are the time the strategy actually ran on live prices, added up over its sessions: from
 *   each session's start on this computer's clock to its last journaled row. Two short sessions a
 *   week apart are two short sessions, not a week. The times inside a replay's journal are the
 *   replay's clock, and replays do not count at all (below).
 * - A session's identity and start are in its first journal row (chained like every row), never
 *   in its file name: a copied or renamed file is the same session and counts once. A journal
 *   whose first row does not say them counts for nothing.
 * - Only sessions on live prices count. A replay of past or generated prices runs years of
 *   market in seconds; letting it count would let anyone pass the gate in a minute without ever
 *   having watched the strategy trade.
 * - Fills and the strategy are read from the hash-chained audit log, after checking the chain.
 *   A journal that fails the check, cannot be read, or names more than one strategy counts for
 *   nothing: an edited file cannot add trades.
 */

export const DAY_MS = 86_400_000;

/** Paper sessions are files named after the wall-clock time they were started at, e.g. `1732531200000.sqlite` (the name is only how they are found). */
const SESSION_FILE = /^(\d{1,15})\.sqlite$/;

export interface PaperSessionRecord {
  readonly file: string;
  /** From the session's first row: the same in every copy of the file. */
  readonly sessionId: string;
  /** Wall-clock time the session was started on this computer, from its first row. */
  readonly startedAtMs: number;
  /** Time from the start to the last journaled row: how long the session ran. */
  readonly ranMs: number;
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
const StartPayload = z.looseObject({
  event: z.literal('paper_session_started'),
  prices: z.enum(['live', 'replay', 'synthetic']),
  sessionId: z.string().min(1),
  startedAtWallMs: z.number().int().nonnegative(),
});
const FillPayload = z.looseObject({ side: z.enum(['buy', 'sell']), clientOrderId: z.string().min(1) });
const JournaledOrderPayload = z.looseObject({ event: z.literal('journaled'), order: z.looseObject({ clientOrderId: z.string(), origin: z.string() }) });

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

/** Reads one session journal: its identity, strategy and completed trades, only if its audit chain is intact. */
export function readPaperSession(path: string): SessionReading {
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
    const manualOrders = new Set<string>();
    let start: z.infer<typeof StartPayload> | undefined;
    let lastAtMs = 0;
    for (const event of eventsOf(journal, ['signal', 'fill', 'system', 'order'], maxSeq)) {
      const payload: unknown = JSON.parse(event.payloadJson);
      lastAtMs = Math.max(lastAtMs, event.atMs);
      if (event.seq === 1) {
        const parsed = StartPayload.safeParse(payload);
        if (event.kind !== 'system' || !parsed.success) return err({ file, reason: 'its first row does not say which session it is and when it started' });
        start = parsed.data;
      } else if (event.kind === 'signal') {
        const signal = SignalPayload.safeParse(payload);
        if (!signal.success) return err({ file, reason: `signal ${event.seq} does not name its strategy` });
        strategies.add(signal.data.strategyId);
      } else if (event.kind === 'fill') {
        const fill = FillPayload.safeParse(payload);
        if (!fill.success) return err({ file, reason: `fill ${event.seq} cannot be read` });
        if (fill.data.side === 'sell') soldOrders.add(fill.data.clientOrderId);
      } else if (event.kind === 'order') {
        const journaled = JournaledOrderPayload.safeParse(payload);
        if (journaled.success && journaled.data.order.origin === 'manual') manualOrders.add(journaled.data.order.clientOrderId);
      }
    }
    if (start === undefined) return err({ file, reason: 'the journal is empty' });
    if (strategies.size > 1) return err({ file, reason: `the journal holds signals of ${strategies.size} strategies` });
    const [strategyId] = strategies;
    const completedTrades = [...soldOrders].filter((clientOrderId) => !manualOrders.has(clientOrderId)).length;
    return ok({
      file, sessionId: start.sessionId, startedAtMs: start.startedAtWallMs, ranMs: Math.max(0, lastAtMs - start.startedAtWallMs),
      strategyId: strategyId ?? null, completedTrades, prices: start.prices,
    });
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
  const own = new Map<string, PaperSessionRecord>();
  for (const session of sessions) {
    if (session.strategyId !== strategyId || session.startedAtMs > nowMs || session.prices !== 'live') continue;
    // Copies of one session (same id in their first row) count once.
    if (!own.has(session.sessionId)) own.set(session.sessionId, session);
  }
  if (own.size === 0) return undefined;
  const counted = [...own.values()];
  const ranMs = counted.reduce((sum, session) => sum + Math.min(session.ranMs, Math.max(0, nowMs - session.startedAtMs)), 0);
  return {
    strategyId,
    paperDays: Math.floor(ranMs / DAY_MS),
    paperTrades: counted.reduce((sum, session) => sum + session.completedTrades, 0),
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
      if (!SESSION_FILE.test(name)) continue;
      const path = join(options.folder, name);
      const reading = cachedReading(cache, path, options.log);
      if (reading.ok) records.push(reading.value);
    }
    return records;
  };
}

function cachedReading(cache: Map<string, { stamp: string; reading: SessionReading }>, path: string, log: Logger): SessionReading {
  const stamp = fileStamp(path);
  const cached = cache.get(path);
  if (stamp !== null && cached?.stamp === stamp) return cached.reading;
  const reading = readPaperSession(path);
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
