/** The candle fields a replay file must (or may) provide. */
export type CandleColumn = 'time' | 'open' | 'high' | 'low' | 'close' | 'volume' | 'quoteVolume';

export const REQUIRED_COLUMNS: readonly CandleColumn[] = ['time', 'open', 'high', 'low', 'close', 'volume'];

/**
 * Accepted names per field, most specific first: when a file has both `timestamp` and
 * `datetime_utc` (the Binance exports do), or `unix` and `date` (CryptoDataDownload's do), the
 * first listed wins, so a Unix time is preferred over a date text.
 */
const COLUMN_ALIASES: Readonly<Record<CandleColumn, readonly string[]>> = {
  time: [
    'timestamp',
    'open_time',
    'opentime',
    'open_time_ms',
    'unix',
    'unix_timestamp',
    'time',
    'ts',
    'datetime',
    'datetime_utc',
    'date_time',
    'date',
  ],
  open: ['open', 'o', 'open_price'],
  high: ['high', 'h', 'high_price'],
  low: ['low', 'l', 'low_price'],
  close: ['close', 'c', 'close_price'],
  volume: ['volume', 'volume_base', 'base_volume', 'vol', 'v', 'volumefrom'],
  quoteVolume: ['quote_volume', 'quote_asset_volume', 'volume_quote', 'quotevolume', 'quote_av', 'volumeto'],
};

/** `Volume BTC`, `Volume USDT`: volumes named after the coin, as CryptoDataDownload writes them. */
const VOLUME_IN_ASSET = /^volume_([a-z0-9]+)$/;

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

/** How the columns were found, for the import report. */
export interface LocatedColumns {
  readonly ok: true;
  readonly positions: ColumnPositions;
  /** The time is an unnamed first column, as pandas writes its index. */
  readonly unnamedTime: boolean;
  /** Header cells read as the volumes when no column is called volume. */
  readonly volumeNamedAfterAsset: { readonly base: string; readonly quote: string | null } | null;
  /** Named columns Ballast does not use. */
  readonly ignored: readonly string[];
}

/** Columns of a header-less file: the order Binance and ccxt use for klines. */
export const HEADERLESS_POSITIONS: ColumnPositions = { time: 0, open: 1, high: 2, low: 3, close: 4, volume: 5, quoteVolume: null };
/** Binance's kline files: 12 columns, the quote volume eighth. */
export const BINANCE_KLINE_POSITIONS: ColumnPositions = { ...HEADERLESS_POSITIONS, quoteVolume: 7 };

function findAliases(normalised: readonly string[]): Partial<Record<CandleColumn, number>> {
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
  return positions;
}

/** Position of each field among the given header names, or the list of required fields not found. */
export function locateColumns(names: readonly string[]): LocatedColumns | { readonly ok: false; readonly missing: CandleColumn[] } {
  const normalised = names.map(normaliseColumnName);
  const positions = findAliases(normalised);
  let unnamedTime = false;
  if (positions.time === undefined && normalised.length > 1 && normalised[0] === '') {
    positions.time = 0;
    unnamedTime = true;
  }
  let volumeNamedAfterAsset: LocatedColumns['volumeNamedAfterAsset'] = null;
  if (positions.volume === undefined) {
    const inAsset = normalised.flatMap((name, position) => (VOLUME_IN_ASSET.test(name) && position !== positions.quoteVolume ? [position] : []));
    const [base, quote] = inAsset;
    if (base !== undefined) {
      positions.volume = base;
      // CryptoDataDownload writes the coin's volume first, then the quote currency's.
      if (quote !== undefined && positions.quoteVolume === undefined) positions.quoteVolume = quote;
      volumeNamedAfterAsset = { base: (names[base] ?? '').trim(), quote: quote === undefined ? null : (names[quote] ?? '').trim() };
    }
  }
  const { time, open, high, low, close, volume, quoteVolume } = positions;
  if (time === undefined || open === undefined || high === undefined || low === undefined || close === undefined || volume === undefined) {
    return { ok: false, missing: REQUIRED_COLUMNS.filter((column) => positions[column] === undefined) };
  }
  const used = new Set([time, open, high, low, close, volume, quoteVolume]);
  const ignored = names.flatMap((name, position) => (used.has(position) || name.trim() === '' ? [] : [name.trim()]));
  return { ok: true, positions: { time, open, high, low, close, volume, quoteVolume: quoteVolume ?? null }, unnamedTime, volumeNamedAfterAsset, ignored };
}

/** The field names as a header would write them, for messages about missing columns. */
export const COLUMN_HEADER_NAMES: Readonly<Record<CandleColumn, string>> = {
  time: 'time',
  open: 'open',
  high: 'high',
  low: 'low',
  close: 'close',
  volume: 'volume',
  quoteVolume: 'quote_volume',
};
