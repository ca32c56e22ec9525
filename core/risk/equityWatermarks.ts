import { z } from 'zod';
import type { StateCause } from '../model/index.ts';
import type { Journal } from '../journal/index.ts';
import { ensureRiskTables, readSingleRow, writeSingleRow } from './riskTables.ts';
import { tradingDayKey } from './tradingDay.ts';

/** The two reference points of the account limits: highest equity, and equity when the day began. */
export interface EquityMarks {
  readonly highWaterMarkQuote: number;
  /** The person's calendar day ('YYYY-MM-DD' in `timeZone`) the day-start equity belongs to. */
  readonly dayKey: string;
  readonly dayStartEquityQuote: number;
  readonly timeZone: string;
  readonly updatedAtMs: number;
}

const MarksSchema = z.strictObject({
  highWaterMarkQuote: z.number().positive(),
  dayKey: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  dayStartEquityQuote: z.number().positive(),
  timeZone: z.string().min(1),
  updatedAtMs: z.number().int().nonnegative(),
});

export interface EquityWatermarks {
  /** Feeds the latest equity (incl. open P&L); rolls the day at the person's midnight. */
  observe(equityQuote: number, atMs: number): EquityMarks;
  current(): EquityMarks | null;
  /**
   * The person accepts a drawdown and starts measuring from today's equity. Audited: it is the
   * one way to clear the drawdown trigger without the account recovering, and the way out when
   * the saved marks could not be read.
   */
  resetHighWaterMark(equityQuote: number, atMs: number, cause: StateCause): EquityMarks;
}

export interface EquityWatermarksOptions {
  /** The day boundary's IANA zone, read on every observation so a settings change applies. */
  readonly timeZone: () => string;
  /**
   * Where the marks survive restarts; a restart must not forget the high-water mark (that would
   * reset the drawdown limit) nor the day's start (that would reset the daily loss limit).
   */
  readonly journal?: Journal;
  /**
   * A rising high-water mark is saved when it has grown by this share since the last save, so
   * a rally does not cost a disk write per tick. The loss on a crash is at most this share.
   */
  readonly saveStepFraction?: number;
}

type LoadedMarks = { readonly marks: EquityMarks | null; readonly unreadable: string | null };

function loadMarks(journal: Journal): LoadedMarks {
  ensureRiskTables(journal);
  const text = readSingleRow(journal, 'risk_equity_marks');
  if (text === undefined) return { marks: null, unreadable: null };
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // reported below as not matching
  }
  const parsed = MarksSchema.safeParse(json);
  if (parsed.success) return { marks: parsed.data, unreadable: null };
  return { marks: null, unreadable: text.slice(0, 500) };
}

/** Thrown while saved marks could not be read: starting afresh would quietly reset both loss limits. */
export class EquityMarksUnreadableError extends Error {
  constructor() {
    super('Ballast could not read the saved high-water mark and day-start equity, so it does not trade until you confirm starting them again from today\'s equity.');
    this.name = 'EquityMarksUnreadableError';
  }
}

export function createEquityWatermarks(options: EquityWatermarksOptions): EquityWatermarks {
  const { journal } = options;
  const saveStep = options.saveStepFraction ?? 1e-4;
  const loaded = journal ? loadMarks(journal) : { marks: null, unreadable: null };
  let marks = loaded.marks;
  let unreadable = loaded.unreadable;
  let savedHighWaterMark = marks?.highWaterMarkQuote ?? 0;

  function save(next: EquityMarks, audit?: { kind: 'system' | 'person_action'; payload: Record<string, unknown> }): void {
    marks = next;
    if (journal === undefined) return;
    journal.transaction(() => {
      writeSingleRow(journal, 'risk_equity_marks', JSON.stringify(next), next.updatedAtMs);
      if (audit) journal.append({ atMs: next.updatedAtMs, kind: audit.kind, subject: 'equity_marks', payload: audit.payload });
    });
    savedHighWaterMark = next.highWaterMarkQuote;
  }

  return {
    observe(equityQuote, atMs) {
      if (unreadable !== null) throw new EquityMarksUnreadableError();
      if (!(equityQuote > 0) || !Number.isFinite(equityQuote)) throw new RangeError(`Equity must be a positive number, got ${String(equityQuote)}.`);
      const timeZone = options.timeZone();
      const dayKey = tradingDayKey(atMs, timeZone);
      const updatedAtMs = Math.max(0, Math.floor(atMs));
      if (marks === null || marks.dayKey !== dayKey || marks.timeZone !== timeZone) {
        const next: EquityMarks = { highWaterMarkQuote: Math.max(marks?.highWaterMarkQuote ?? 0, equityQuote), dayKey, dayStartEquityQuote: equityQuote, timeZone, updatedAtMs };
        save(next, { kind: 'system', payload: { event: 'trading_day_started', dayKey, timeZone, dayStartEquityQuote: equityQuote, highWaterMarkQuote: next.highWaterMarkQuote } });
        return next;
      }
      if (equityQuote > marks.highWaterMarkQuote) {
        const next: EquityMarks = { ...marks, highWaterMarkQuote: equityQuote, updatedAtMs };
        if (equityQuote >= savedHighWaterMark * (1 + saveStep)) save(next);
        else marks = next;
        return next;
      }
      return marks;
    },
    current: () => (unreadable === null ? marks : null),
    resetHighWaterMark(equityQuote, atMs, cause) {
      if (!(equityQuote > 0) || !Number.isFinite(equityQuote)) throw new RangeError(`Equity must be a positive number, got ${String(equityQuote)}.`);
      const timeZone = options.timeZone();
      const updatedAtMs = Math.max(0, Math.floor(atMs));
      const previous = marks?.highWaterMarkQuote ?? null;
      const next: EquityMarks = marks === null || unreadable !== null
        ? { highWaterMarkQuote: equityQuote, dayKey: tradingDayKey(atMs, timeZone), dayStartEquityQuote: equityQuote, timeZone, updatedAtMs }
        : { ...marks, highWaterMarkQuote: equityQuote, updatedAtMs };
      save(next, { kind: 'person_action', payload: { event: 'high_water_mark_reset', from: previous, to: equityQuote, cause, replacedUnreadable: unreadable } });
      unreadable = null;
      return next;
    },
  };
}
