import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCandlesFromCsv, importCandlesFromJson, type Candle, type ImportResult } from '../../../core/market/index.ts';

const SEED = Number(process.env.BALLAST_PROPERTY_SEED ?? 20_261_125);
const RUNS = Number(process.env.BALLAST_PROPERTY_RUNS ?? 200);

const STEPS_MS = [60_000, 3_600_000, 86_400_000] as const;
const FIRST_MS = Date.UTC(2017, 7, 17);
const LAST_MS = Date.UTC(2025, 11, 31);

/** A sound bar on the grid: low ≤ open, close ≤ high, prices above zero, volumes ≥ 0. */
const barArbitrary = fc
  .record({
    lowCents: fc.integer({ min: 1, max: 10_000_000 }),
    rangeCents: fc.integer({ min: 0, max: 500_000 }),
    openShare: fc.double({ min: 0, max: 1, noNaN: true }),
    closeShare: fc.double({ min: 0, max: 1, noNaN: true }),
    volumeTenThousandths: fc.integer({ min: 0, max: 1_000_000_000 }),
    quoteCents: fc.integer({ min: 0, max: 1_000_000_000 }),
    skipBefore: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ lowCents, rangeCents, openShare, closeShare, volumeTenThousandths, quoteCents, skipBefore }) => {
    const highCents = lowCents + rangeCents;
    return {
      skipBefore,
      low: lowCents / 100,
      high: highCents / 100,
      open: (lowCents + Math.round(rangeCents * openShare)) / 100,
      close: (lowCents + Math.round(rangeCents * closeShare)) / 100,
      volumeBase: volumeTenThousandths / 10_000,
      quoteVolume: quoteCents / 100,
    };
  });

const seriesArbitrary = fc
  .record({
    step: fc.constantFrom(...STEPS_MS),
    startShare: fc.double({ min: 0, max: 0.99, noNaN: true }),
    bars: fc.array(barArbitrary, { minLength: 1, maxLength: 40 }),
  })
  .map(({ step, startShare, bars }) => {
    let t = Math.floor((FIRST_MS + startShare * (LAST_MS - FIRST_MS)) / step) * step;
    // Holes between bars are kept: gaps are normal and must not change what is imported.
    return bars.map(({ skipBefore, ...values }, i): Candle => {
      if (i > 0) t += (1 + skipBefore) * step;
      return { openTimeMs: t, ...values };
    });
  });

type Writer = (candles: readonly Candle[], units: readonly boolean[]) => string;
/** Each format writes rows (without header) from bars; `header` goes first. */
interface Format {
  readonly name: string;
  readonly withQuote: boolean;
  readonly json?: boolean;
  readonly write: Writer;
}

const isoSeconds = (atMs: number): string => new Date(atMs).toISOString().slice(0, 19).replace('T', ' ');
const comma = (value: number): string => String(value).replace('.', ',');
const rowsOf = (candles: readonly Candle[], row: (candle: Candle, i: number) => string): string[] => candles.map(row);

const FORMATS: readonly Format[] = [
  {
    name: 'named columns, milliseconds',
    withQuote: true,
    write: (candles) =>
      ['timestamp,open,high,low,close,volume,quote_volume', ...rowsOf(candles, (c) => `${c.openTimeMs},${c.open},${c.high},${c.low},${c.close},${c.volumeBase},${c.quoteVolume}`)].join('\n'),
  },
  {
    name: 'CryptoDataDownload, seconds and milliseconds mixed',
    withQuote: true,
    write: (candles, units) =>
      [
        'https://www.CryptoDataDownload.com',
        'unix,date,symbol,open,high,low,close,Volume BTC,Volume USDT,tradecount',
        ...rowsOf(candles, (c, i) => {
          const unix = units[i] === true ? `${c.openTimeMs / 1000}.0` : String(c.openTimeMs);
          return `${unix},${isoSeconds(c.openTimeMs)},BTC/USDT,${c.open},${c.high},${c.low},${c.close},${c.volumeBase},${c.quoteVolume},NULL`;
        }),
      ].join('\r\n'),
  },
  {
    name: 'Binance kline CSV, milliseconds or microseconds',
    withQuote: true,
    write: (candles, units) =>
      rowsOf(candles, (c, i) => {
        const scale = units[i] === true ? 1000 : 1;
        return `${c.openTimeMs * scale},${c.open},${c.high},${c.low},${c.close},${c.volumeBase},${(c.openTimeMs + 59_999) * scale + scale - 1},${c.quoteVolume},7,0,0,0`;
      }).join('\n'),
  },
  {
    name: 'ccxt order without header',
    withQuote: false,
    write: (candles) => rowsOf(candles, (c) => `${c.openTimeMs},${c.open},${c.high},${c.low},${c.close},${c.volumeBase}`).join('\n'),
  },
  {
    name: 'pandas with an unnamed date index',
    withQuote: false,
    write: (candles) => [',Open,High,Low,Close,Volume', ...rowsOf(candles, (c) => `${isoSeconds(c.openTimeMs)},${c.open},${c.high},${c.low},${c.close},${c.volumeBase}`)].join('\n'),
  },
  {
    name: 'semicolons and decimal commas',
    withQuote: true,
    write: (candles) =>
      [
        'timestamp;open;high;low;close;volume;quote_volume',
        ...rowsOf(candles, (c) => [c.openTimeMs, comma(c.open), comma(c.high), comma(c.low), comma(c.close), comma(c.volumeBase), comma(c.quoteVolume ?? 0)].join(';')),
      ].join('\n'),
  },
  {
    name: 'JSON lists',
    withQuote: false,
    json: true,
    write: (candles) => JSON.stringify(candles.map((c) => [c.openTimeMs, c.open, c.high, c.low, c.close, c.volumeBase])),
  },
  {
    name: 'JSON objects in a "data" list',
    withQuote: true,
    json: true,
    write: (candles) =>
      JSON.stringify({ data: candles.map((c) => ({ time: new Date(c.openTimeMs).toISOString(), open: String(c.open), high: c.high, low: c.low, close: c.close, volume: c.volumeBase, quote_volume: c.quoteVolume })) }),
  },
];

/** The bars in file order: shuffled by `keys`, with the rows at `repeats` written twice. */
function fileOrder(candles: readonly Candle[], keys: readonly number[], repeats: readonly number[]): Candle[] {
  const written = [...candles, ...repeats.map((i) => candles[i % candles.length] as Candle)];
  return written
    .map((candle, i) => ({ candle, key: keys[i % Math.max(1, keys.length)] ?? 0, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map(({ candle }) => candle);
}

describe('import round trip (property)', () => {
  it.each(FORMATS)('gives back the same bars from a file written as $name, in any order and with repeated rows', (format) => {
    fc.assert(
      fc.property(
        seriesArbitrary,
        fc.array(fc.integer(), { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        (candles, keys, repeats, units) => {
          const written = fileOrder(candles, keys, repeats);
          const text = format.write(written, units);
          const result: ImportResult = format.json === true ? importCandlesFromJson(text) : importCandlesFromCsv(text);
          if (!result.ok) throw new Error(`refused: ${result.error.message} ${result.error.problems.join(' | ')}`);
          const expected = format.withQuote ? candles : candles.map(({ quoteVolume: _quote, ...rest }) => rest);
          expect(result.value.candles).toEqual(expected);
          expect(result.value.report.rowsRead).toBe(written.length);
          const merged = result.value.report.notes.find((note) => note.code === 'DUPLICATE_ROWS_MERGED');
          expect(merged?.params['count'] ?? 0).toBe(written.length - candles.length);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
