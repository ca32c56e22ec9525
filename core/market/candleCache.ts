import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { TIMEFRAME_MS, type Candle, type Timeframe } from './candle.ts';
import { candleSeriesFromCandles, type CandleSeries } from './candleSeries.ts';
import { holesBetween, type CandleHole, type TimeRange } from './coverage.ts';

/** Which candle stream a row belongs to. Exchange is the ccxt id, symbol the unified symbol. */
export interface CandleKey {
  readonly exchange: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS candles (
    exchange TEXT NOT NULL, symbol TEXT NOT NULL, timeframe TEXT NOT NULL, open_time_ms INTEGER NOT NULL,
    open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL,
    volume_base REAL NOT NULL, quote_volume REAL,
    PRIMARY KEY (exchange, symbol, timeframe, open_time_ms)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS covered_ranges (
    exchange TEXT NOT NULL, symbol TEXT NOT NULL, timeframe TEXT NOT NULL,
    from_ms INTEGER NOT NULL, to_ms INTEGER NOT NULL,
    PRIMARY KEY (exchange, symbol, timeframe, from_ms)
  ) WITHOUT ROWID;
`;

const KEY_WHERE = 'exchange = ? AND symbol = ? AND timeframe = ?';

function numberColumn(row: Record<string, unknown>, column: string): number {
  const value = row[column];
  if (typeof value !== 'number') throw new TypeError(`Candle cache row has a non-numeric '${column}' (${String(value)}); the cache file is damaged.`);
  return value;
}

const CANDLE_COLUMNS = 'open_time_ms, open, high, low, close, volume_base, quote_volume';

/** Rows come back as arrays in CANDLE_COLUMNS order (faster than objects for long ranges). */
function candleFromRow(row: readonly unknown[]): Candle {
  const [openTimeMs, open, high, low, close, volumeBase, quoteVolume] = row;
  if (
    typeof openTimeMs !== 'number' || typeof open !== 'number' || typeof high !== 'number' || typeof low !== 'number' ||
    typeof close !== 'number' || typeof volumeBase !== 'number' || (quoteVolume !== null && typeof quoteVolume !== 'number')
  ) {
    throw new TypeError(`Candle cache row at ${String(openTimeMs)} has a non-numeric value; the cache file is damaged.`);
  }
  return quoteVolume === null
    ? { openTimeMs, open, high, low, close, volumeBase }
    : { openTimeMs, open, high, low, close, volumeBase, quoteVolume };
}

function assertStorable(candle: Candle): void {
  const { openTimeMs, open, high, low, close, volumeBase, quoteVolume } = candle;
  const finite = [open, high, low, close, volumeBase].every(Number.isFinite) && (quoteVolume === undefined || Number.isFinite(quoteVolume));
  if (!Number.isSafeInteger(openTimeMs) || !finite) {
    throw new RangeError(`Refusing to cache a candle with a missing or non-numeric value (open time ${openTimeMs}).`);
  }
}

export interface StoreOptions {
  /** 'keep' (default) leaves an already stored bar untouched; 'replace' overwrites it. */
  readonly onConflict?: 'keep' | 'replace';
}

/**
 * On-disk candle cache (SQLite in WAL mode). A bar is identified by exchange, symbol,
 * timeframe and open time, so storing the same bar twice is harmless. Besides bars it
 * remembers which time ranges were already asked of the exchange ("covered"), so a range the
 * exchange has no data for (a real outage gap) is not fetched again and again.
 * All ranges are half-open: `fromMs` inclusive, `toMs` exclusive, on bar open times.
 */
export class CandleCache {
  private readonly db: DatabaseSync;
  private readonly insertKeep: StatementSync;
  private readonly insertReplace: StatementSync;
  private readonly selectRange: StatementSync;

  private constructor(db: DatabaseSync) {
    this.db = db;
    const insert = 'INTO candles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
    this.insertKeep = db.prepare(`INSERT OR IGNORE ${insert}`);
    this.insertReplace = db.prepare(`INSERT OR REPLACE ${insert}`);
    this.selectRange = db.prepare(`SELECT ${CANDLE_COLUMNS} FROM candles WHERE ${KEY_WHERE} AND open_time_ms >= ? AND open_time_ms < ? ORDER BY open_time_ms`);
    this.selectRange.setReturnArrays(true);
  }

  /** Opens (or creates) the cache at `path`; ':memory:' gives a throw-away cache. */
  static open(path: string): CandleCache {
    const db = new DatabaseSync(path);
    try {
      db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
      db.exec(SCHEMA);
    } catch (error) {
      db.close();
      throw error;
    }
    return new CandleCache(db);
  }

  journalMode(): string {
    const row = this.db.prepare('PRAGMA journal_mode').get();
    return String(row?.journal_mode);
  }

  close(): void {
    this.db.close();
  }

  /** Runs `work` in one transaction: all of it is stored, or none of it. */
  private transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private insertAll(key: CandleKey, candles: readonly Candle[], options: StoreOptions): number {
    candles.forEach(assertStorable);
    const statement = options.onConflict === 'replace' ? this.insertReplace : this.insertKeep;
    let changed = 0;
    for (const c of candles) {
      const result = statement.run(key.exchange, key.symbol, key.timeframe, c.openTimeMs, c.open, c.high, c.low, c.close, c.volumeBase, c.quoteVolume ?? null);
      changed += Number(result.changes);
    }
    return changed;
  }

  /** Stores bars in one transaction; returns how many rows were written. */
  storeCandles(key: CandleKey, candles: readonly Candle[], options: StoreOptions = {}): number {
    return this.transaction(() => this.insertAll(key, candles, options));
  }

  /** Stores one fetched page and marks its range as covered, atomically. */
  storePage(key: CandleKey, candles: readonly Candle[], covered: TimeRange): number {
    return this.transaction(() => {
      const inserted = this.insertAll(key, candles, {});
      this.mergeCovered(key, covered);
      return inserted;
    });
  }

  recordCovered(key: CandleKey, covered: TimeRange): void {
    this.transaction(() => {
      this.mergeCovered(key, covered);
    });
  }

  private mergeCovered(key: CandleKey, range: TimeRange): void {
    if (!(range.toMs > range.fromMs)) return;
    const params = [key.exchange, key.symbol, key.timeframe] as const;
    const touching = this.db
      .prepare(`SELECT from_ms, to_ms FROM covered_ranges WHERE ${KEY_WHERE} AND to_ms >= ? AND from_ms <= ?`)
      .all(...params, range.fromMs, range.toMs);
    let fromMs = range.fromMs;
    let toMs = range.toMs;
    for (const row of touching) {
      fromMs = Math.min(fromMs, numberColumn(row, 'from_ms'));
      toMs = Math.max(toMs, numberColumn(row, 'to_ms'));
    }
    this.db.prepare(`DELETE FROM covered_ranges WHERE ${KEY_WHERE} AND to_ms >= ? AND from_ms <= ?`).run(...params, range.fromMs, range.toMs);
    this.db.prepare('INSERT INTO covered_ranges VALUES (?, ?, ?, ?, ?)').run(...params, fromMs, toMs);
  }

  coveredRanges(key: CandleKey): TimeRange[] {
    return this.db
      .prepare(`SELECT from_ms, to_ms FROM covered_ranges WHERE ${KEY_WHERE} ORDER BY from_ms`)
      .all(key.exchange, key.symbol, key.timeframe)
      .map((row) => ({ fromMs: numberColumn(row, 'from_ms'), toMs: numberColumn(row, 'to_ms') }));
  }

  readCandles(key: CandleKey, fromMs: number, toMs: number): Candle[] {
    const rows = this.selectRange.all(key.exchange, key.symbol, key.timeframe, fromMs, toMs) as unknown as (readonly unknown[])[];
    return rows.map(candleFromRow);
  }

  readSeries(key: CandleKey, fromMs: number, toMs: number): CandleSeries {
    return candleSeriesFromCandles(this.readCandles(key, fromMs, toMs));
  }

  countCandles(key: CandleKey, fromMs: number, toMs: number): number {
    const row = this.db
      .prepare(`SELECT COUNT(*) AS n FROM candles WHERE ${KEY_WHERE} AND open_time_ms >= ? AND open_time_ms < ?`)
      .get(key.exchange, key.symbol, key.timeframe, fromMs, toMs);
    return row ? numberColumn(row, 'n') : 0;
  }

  latestOpenTimeMs(key: CandleKey): number | null {
    const row = this.db.prepare(`SELECT MAX(open_time_ms) AS t FROM candles WHERE ${KEY_WHERE}`).get(key.exchange, key.symbol, key.timeframe);
    return row?.t === null || row === undefined ? null : numberColumn(row, 't');
  }

  /** Runs of consecutive stored bars in the range, found in SQL (gaps-and-islands). */
  storedRuns(key: CandleKey, fromMs: number, toMs: number): TimeRange[] {
    const stepMs = TIMEFRAME_MS[key.timeframe];
    return this.db
      .prepare(
        `SELECT MIN(open_time_ms) AS from_ms, MAX(open_time_ms) + ? AS to_ms FROM (
           SELECT open_time_ms, open_time_ms - ROW_NUMBER() OVER (ORDER BY open_time_ms) * ? AS run
           FROM candles WHERE ${KEY_WHERE} AND open_time_ms >= ? AND open_time_ms < ?
         ) GROUP BY run ORDER BY from_ms`,
      )
      .all(stepMs, stepMs, key.exchange, key.symbol, key.timeframe, fromMs, toMs)
      .map((row) => ({ fromMs: numberColumn(row, 'from_ms'), toMs: numberColumn(row, 'to_ms') }));
  }

  /**
   * Bars in [fromMs, toMs) that are neither stored nor inside a covered range: what a backfill
   * still has to ask the exchange for.
   */
  findHoles(key: CandleKey, fromMs: number, toMs: number): CandleHole[] {
    const present = [...this.storedRuns(key, fromMs, toMs), ...this.coveredRanges(key)];
    return holesBetween(present, fromMs, toMs, TIMEFRAME_MS[key.timeframe]);
  }
}
