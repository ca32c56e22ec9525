import { beforeAll, describe, expect, it } from 'vitest';
import {
  candleSeriesFromCandles,
  countMissingBars,
  countOutageBars,
  importCandlesFromCsvFile,
  validateCandleSeries,
  type Candle,
  type CandleIssue,
  type CandleIssueKind,
  type Timeframe,
} from '../../../core/market/index.ts';
import { BTC_USDT_1H_CSV, ETH_USDT_1H_CSV, sharedDataPath } from '../../support/sharedData.ts';

const BTC_USDT_1D_CSV = 'ohlcv/binance_BTCUSDT_1d_2017-08-17_2021-06-10.csv';
const BASANA_DAILY_CSV = 'ohlcv/basana_binance_btcusdt_day_2020.csv';
const BITSTAMP_MINUTE_CSV = 'ohlcv/basana_bitstamp_btcusd_min_2020_01_01.csv';

async function load(file: string): Promise<Candle[]> {
  const imported = await importCandlesFromCsvFile(sharedDataPath(file));
  if (!imported.ok) throw new Error(`${file}: ${imported.error.message} ${imported.error.problems.join('; ')}`);
  return imported.value.candles;
}

function validate(candles: readonly Candle[], timeframe: Timeframe): CandleIssue[] {
  return validateCandleSeries(candleSeriesFromCandles(candles), timeframe);
}

function countByKind(issues: readonly CandleIssue[]): Partial<Record<CandleIssueKind, number>> {
  const counts: Partial<Record<CandleIssueKind, number>> = {};
  for (const issue of issues) counts[issue.kind] = (counts[issue.kind] ?? 0) + 1;
  return counts;
}

const utc = (text: string): number => Date.parse(`${text}:00Z`);

/** The 8 real gaps of the Binance 1h files: last bar before the gap, and bars missing. */
const KNOWN_GAPS: readonly (readonly [string, number])[] = [
  ['2017-09-22T19:00', 4],
  ['2020-11-30T05:00', 1],
  ['2020-12-21T14:00', 3],
  ['2020-12-25T01:00', 1],
  ['2021-02-11T03:00', 1],
  ['2021-03-06T01:00', 1],
  ['2021-04-20T01:00', 2],
  ['2021-04-25T04:00', 3],
];

describe('validation of the real Binance BTC/USDT 1h file', () => {
  let candles: Candle[];
  let issues: CandleIssue[];
  beforeAll(async () => {
    candles = await load(BTC_USDT_1H_CSV);
    issues = validate(candles, '1h');
  });

  it('reads all 33,411 rows', () => {
    expect(candles).toHaveLength(33_411);
  });

  it('reports exactly the 8 known gaps totalling 16 missing bars', () => {
    const gaps = issues.filter((issue) => issue.kind === 'gap');
    expect(gaps.map((gap) => [gap.previousOpenTimeMs, gap.missingBars])).toEqual(KNOWN_GAPS.map(([at, missing]) => [utc(at), missing]));
    expect(countMissingBars(issues)).toBe(16);
    expect(gaps[0]).toMatchObject({ previousOpenTimeMs: utc('2017-09-22T19:00'), openTimeMs: utc('2017-09-23T00:00') });
  });

  it('flags all 117 zero-volume outage rows, in 23 outages, including 2018-02-08 01:00 to 02-09 09:00', () => {
    expect(countOutageBars(issues)).toBe(117);
    const outages = issues.filter((issue) => issue.kind === 'exchange-outage');
    expect(outages).toHaveLength(23);
    expect(outages).toContainEqual(expect.objectContaining({ openTimeMs: utc('2018-02-08T01:00'), endOpenTimeMs: utc('2018-02-09T09:00'), barCount: 33 }));
    for (const outage of outages) {
      for (let index = outage.index; index <= outage.endIndex; index++) {
        const bar = candles[index]!;
        expect(bar.volumeBase).toBe(0);
        expect([bar.open, bar.high, bar.low].every((price) => price === bar.close)).toBe(true);
      }
    }
  });

  it('flags one outlier jump: the 2018-10-15 06:00 spike that reverted the next hour', () => {
    const outliers = issues.filter((issue) => issue.kind === 'outlier-jump');
    expect(outliers).toHaveLength(1);
    expect(outliers[0]).toMatchObject({ openTimeMs: utc('2018-10-15T06:00') });
  });

  it('finds no duplicate, out-of-order, misaligned or impossible bar', () => {
    expect(countByKind(issues)).toEqual({ gap: 8, 'exchange-outage': 23, 'outlier-jump': 1 });
  });
});

describe('validation of the real Binance ETH/USDT 1h file', () => {
  it('reports the same 8 gaps (16 bars) and 119 outage rows in 25 outages, and nothing else', async () => {
    const issues = validate(await load(ETH_USDT_1H_CSV), '1h');
    expect(issues.filter((issue) => issue.kind === 'gap').map((gap) => gap.previousOpenTimeMs)).toEqual(KNOWN_GAPS.map(([at]) => utc(at)));
    expect(countMissingBars(issues)).toBe(16);
    expect(countOutageBars(issues)).toBe(119);
    expect(countByKind(issues)).toEqual({ gap: 8, 'exchange-outage': 25 });
  });
});

describe('validation of the real daily files', () => {
  it('finds the daily BTC/USDT file clean, and the 2020 leap day is a bar, not a gap', async () => {
    const candles = await load(BTC_USDT_1D_CSV);
    expect(candles).toHaveLength(1_394);
    expect(validate(candles, '1d')).toEqual([]);
    expect(candles.some((candle) => candle.openTimeMs === Date.UTC(2020, 1, 29))).toBe(true);
  });

  it('finds the basana 2020 daily file clean with 366 days, matching the Binance daily file day by day', async () => {
    const basana = await load(BASANA_DAILY_CSV);
    expect(basana).toHaveLength(366);
    expect(validate(basana, '1d')).toEqual([]);
    const binance = new Map((await load(BTC_USDT_1D_CSV)).map((candle) => [candle.openTimeMs, candle]));
    for (const day of basana) {
      const same = binance.get(day.openTimeMs);
      expect([same?.open, same?.high, same?.low, same?.close]).toEqual([day.open, day.high, day.low, day.close]);
    }
  });
});

describe('validation of the real Bitstamp 1m file', () => {
  it('has no gap in its 1,440 minutes and flags its 45 flat no-trade minutes (42 runs)', async () => {
    const candles = await load(BITSTAMP_MINUTE_CSV);
    expect(candles).toHaveLength(1_440);
    const issues = validate(candles, '1m');
    expect(countOutageBars(issues)).toBe(45);
    expect(countByKind(issues)).toEqual({ 'exchange-outage': 42 });
  });
});
