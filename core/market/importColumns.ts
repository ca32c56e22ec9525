/** The candle fields a replay file must (or may) provide. */
export type CandleColumn = 'time' | 'open' | 'high' | 'low' | 'close' | 'volume' | 'quoteVolume';

export const REQUIRED_COLUMNS: readonly CandleColumn[] = ['time', 'open', 'high', 'low', 'close', 'volume'];

/**
 * Accepted names per field, most specific first: when a file has both `timestamp` and
 * `datetime_utc` (the Binance exports do), the first listed wins.
 */
const COLUMN_ALIASES: Readonly<Record<CandleColumn, readonly string[]>> = {
  time: ['timestamp', 'open_time', 'opentime', 'open_time_ms', 'time', 'unix', 'ts', 'datetime', 'datetime_utc', 'date_time', 'date'],
  open: ['open', 'o', 'open_price'],
  high: ['high', 'h', 'high_price'],
  low: ['low', 'l', 'low_price'],
  close: ['close', 'c', 'close_price'],
  volume: ['volume', 'volume_base', 'base_volume', 'vol', 'v'],
  quoteVolume: ['quote_volume', 'quote_asset_volume', 'volume_quote', 'quotevolume', 'quote_av'],
};

/** Lower-case, trimmed, quotes dropped, runs of other characters turned into `_`. */
export function normaliseColumnName(name: string): string {
  return name
    .trim()
    .replace(/^"|"$/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Where each field sits in a row; the quote volume is optional. */
export interface ColumnPositions {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly quoteVolume: number | null;
}

/** Columns of a header-less file: the order Binance and ccxt use for klines. */
export const HEADERLESS_POSITIONS: ColumnPositions = { time: 0, open: 1, high: 2, low: 3, close: 4, volume: 5, quoteVolume: null };

/** Position of each field among the given names, or the list of required fields not found. */
export function locateColumns(
  names: readonly string[],
): { readonly ok: true; readonly positions: ColumnPositions } | { readonly ok: false; readonly missing: CandleColumn[] } {
  const normalised = names.map(normaliseColumnName);
  const positions: Partial<Record<CandleColumn, number>> = {};
  for (const column of Object.keys(COLUMN_ALIASES) as CandleColumn[]) {
    for (const alias of COLUMN_ALIASES[column]) {
      const position = normalised.indexOf(alias);
      if (position >= 0) {
        positions[column] = position;
        break;
      }
    }
  }
  const { time, open, high, low, close, volume, quoteVolume } = positions;
  if (time === undefined || open === undefined || high === undefined || low === undefined || close === undefined || volume === undefined) {
    return { ok: false, missing: REQUIRED_COLUMNS.filter((column) => positions[column] === undefined) };
  }
  return { ok: true, positions: { time, open, high, low, close, volume, quoteVolume: quoteVolume ?? null } };
}

export const COLUMN_WORDS: Readonly<Record<CandleColumn, string>> = {
  time: 'time (timestamp, time, date, open_time or datetime)',
  open: 'open',
  high: 'high',
  low: 'low',
  close: 'close',
  volume: 'volume',
  quoteVolume: 'quote volume',
};
