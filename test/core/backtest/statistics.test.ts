import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BACKTEST_STATISTIC_NAMES,
  BacktestInputError,
  computeBacktestStatistics,
  type BacktestStatistics,
  type BacktestTrade,
  barIndexAt,
  tradeStatistics,
} from '../../../core/backtest/index.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../support/sharedData.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string): number => Date.parse(iso);

function curve(startIso: string, stepMs: number, equity: readonly number[]): { timeMs: Float64Array; equity: Float64Array } {
  const start = at(startIso);
  return { timeMs: Float64Array.from(equity, (_, i) => start + i * stepMs), equity: Float64Array.from(equity) };
}

function trade(entryIso: string, exitIso: string, pnl: number, returnPct: number, fees = 0): BacktestTrade {
  return { entryTime: at(entryIso), exitTime: at(exitIso), entryPrice: 100, exitPrice: 100 * (1 + returnPct), size: 1, pnl, returnPct, fees };
}

describe('computeBacktestStatistics, following backtesting.py step by step', () => {
  // Daily bars, Monday 2024-01-01 … Monday 2024-01-08 (8 bars; Saturday and Sunday among them).
  const daily = curve('2024-01-01T00:00:00Z', DAY, [100, 102, 101, 104, 104, 103, 106, 105]);
  const trades = [
    trade('2024-01-02T00:00:00Z', '2024-01-04T00:00:00Z', 1.9, 0.019, 0.1),
    trade('2024-01-06T00:00:00Z', '2024-01-08T00:00:00Z', -1.1, -0.011, 0.1),
  ];
  const stats = computeBacktestStatistics({ curve: daily, trades, buyAndHoldEquity: [100, 101, 103, 104, 106, 107, 109, 110] });

  it('reports the span, equity and returns', () => {
    expect(stats.Start).toBe(at('2024-01-01T00:00:00Z'));
    expect(stats.End).toBe(at('2024-01-08T00:00:00Z'));
    expect(stats.Duration).toBe(7 * DAY);
    // have_position[EntryBar:ExitBar+1]: bars 1–3 and 5–7 → 6 of 8 bars = 75 %.
    expect(stats['Exposure Time [%]']).toBe(75);
    expect(stats['Equity Final [$]']).toBe(105);
    expect(stats['Equity Peak [$]']).toBe(106);
    expect(stats['Commissions [$]']).toBeCloseTo(0.2, 15);
    expect(stats['Return [%]']).toBeCloseTo(5, 12); // (105 − 100) / 100 · 100
    expect(stats['Buy & Hold Return [%]']).toBeCloseTo(10, 12); // (110 − 100) / 100 · 100
  });

  it('annualises like backtesting.py: daily geometric mean over 8 days, 365 days a year', () => {
    // Weekend bars: 2 of 8 = 0.25 > 2/7 · 0.6 = 0.171 → annual_trading_days A = 365.
    // Daily returns (pct_change of the daily last equity): NaN, 0.02, −0.0098039, 0.0297030, 0,
    //   −0.0096154, 0.0291262, −0.0094340.
    // geometric_mean: fillna(0) → Σ ln(1 + r) = ln(105/100) (the product telescopes), divided by
    //   len = 8 days (not 7 returns): g = 1.05^(1/8) − 1 = 0.0061174058871.
    // Return (Ann.) = (1 + g)^365 − 1 = 1.05^45.625 − 1 = 8.263215552 → 826.3215552 %.
    expect(stats['Return (Ann.) [%]']).toBeCloseTo(826.3215552133, 6);
    // var(ddof=1) of the 7 returns: mean 0.0071394165, Σ(r − mean)²/6 = 0.00034189600521.
    // Volatility = √((0.000341896 + 1.0061174²)^365 − 1.0061174^730) = 3.354979969 → 335.4979969 %.
    expect(stats['Volatility (Ann.) [%]']).toBeCloseTo(335.4979969014, 6);
    // CAGR: Duration 7 days → 7/365 years; (105/100)^(365/7) − 1 = 11.731236750 → 1173.1236750 %.
    expect(stats['CAGR [%]']).toBeCloseTo(1173.1236750216, 5);
    // Sharpe = 826.3215552 / 335.4979969 = 2.46297016.
    expect(stats['Sharpe Ratio']).toBeCloseTo(2.4629701603, 9);
    // Sortino: mean(min(r, 0)²) over the 7 returns = (0.0098039² + 0.0096154² + 0.0094340²)/7
    //   = 3.9653163e-5; 8.263215552 / (√3.9653163e-5 · √365) = 8.263215552 / 0.120305 = 68.685289.
    expect(stats['Sortino Ratio']).toBeCloseTo(68.6852890195, 7);
  });

  it('measures drawdowns between new highs, skipping a one-bar drawdown on the last bar as backtesting.py does', () => {
    // Peaks 100 102 102 104 104 104 106 106; dd = 1 − equity/peak:
    //   0, 0, 1 − 101/102 = 0.0098039, 0, 0, 1 − 103/104 = 0.0096154, 0, 1 − 105/106 = 0.0094340.
    // Zero-drawdown bars 0, 1, 3, 4, 6, plus the last bar 7; pairs more than one bar apart:
    //   (1, 3): 2 days, deepest 0.0098039;  (4, 6): 2 days, deepest 0.0096154;
    //   (6, 7) is adjacent, so the last bar's drawdown forms no period.
    expect(stats['Max. Drawdown [%]']).toBeCloseTo(-0.9803921569, 9);
    expect(stats['Avg. Drawdown [%]']).toBeCloseTo(-0.9709653092, 9); // −(0.0098039 + 0.0096154)/2 · 100
    expect(stats['Max. Drawdown Duration']).toBe(2 * DAY);
    expect(stats['Avg. Drawdown Duration']).toBe(2 * DAY);
    // Calmar = 8.263215552 / 0.0098039216 = 842.847986.
    expect(stats['Calmar Ratio']).toBeCloseTo(842.8479863176, 6);
  });

  it('summarises the trades with geometric Avg. Trade and return-based Profit Factor', () => {
    expect(stats['# Trades']).toBe(2);
    expect(stats['Win Rate [%]']).toBe(50); // one P&L above 0 of two
    expect(stats['Best Trade [%]']).toBeCloseTo(1.9, 12);
    expect(stats['Worst Trade [%]']).toBeCloseTo(-1.1, 12);
    // √(1.019 · 0.989) − 1 = √1.007791 − 1 = 0.0038879420 → 0.38879420 %.
    expect(stats['Avg. Trade [%]']).toBeCloseTo(0.3887941954, 9);
    expect(stats['Max. Trade Duration']).toBe(2 * DAY);
    expect(stats['Avg. Trade Duration']).toBe(2 * DAY);
    expect(stats['Profit Factor']).toBeCloseTo(0.019 / 0.011, 12); // 1.727272…
    expect(stats['Expectancy [%]']).toBeCloseTo(0.4, 12); // (1.9 − 1.1)/2 %
    // SQN = √2 · mean(1.9, −1.1) / std = √2 · 0.4 / √((1.5² + 1.5²)/1) = 0.4 / 1.5 = 0.26667.
    expect(stats.SQN).toBeCloseTo(0.4 / 1.5, 12);
  });

  it('returns every name backtesting.py prints, in its order', () => {
    expect(Object.keys(stats)).toEqual([...BACKTEST_STATISTIC_NAMES]);
  });
});

describe('computeBacktestStatistics on hand-worked small cases', () => {
  it('resamples 6-hour bars to the last equity of each UTC day and rounds durations up to whole hours', () => {
    // Sat 2024-01-06 … Mon 2024-01-08, every 6 h: daily last equity 100, 98, 103.
    const sixHourly = curve('2024-01-06T00:00:00Z', 6 * HOUR, [100, 101, 99, 100, 102, 97, 98, 98, 99, 100, 103, 103]);
    const stats = computeBacktestStatistics({
      curve: sixHourly,
      trades: [
        trade('2024-01-06T06:00:00Z', '2024-01-07T00:00:00Z', 1, 0.01), // 18 h, bars 1–4
        trade('2024-01-07T06:00:00Z', '2024-01-08T07:30:00Z', 1, 0.01), // 25.5 h, bars 5–9 (07:30 falls in bar 9)
      ],
      buyAndHoldEquity: [Number.NaN, Number.NaN, 100, 120],
    });
    // 8 of 12 bars on the weekend → A = 365. Daily returns −0.02 and 103/98 − 1 = 0.0510204;
    // g = (103/100)^(1/3) − 1 = 0.0099016340 (3 days); (1 + g)^365 − 1 = 35.463834705.
    expect(stats['Return (Ann.) [%]']).toBeCloseTo(3546.3834704853, 5);
    // Sample variance of two returns = (0.0510204 + 0.02)²/2 = 0.0025219492.
    expect(stats['Volatility (Ann.) [%]']).toBeCloseTo(4410.6717976915, 5);
    // Drawdown periods (1 → 4): 18 h, deepest 1 − 99/101 = 0.0198020; (4 → 10): 36 h, deepest 1 − 97/102 = 0.0490196.
    expect(stats['Max. Drawdown [%]']).toBeCloseTo(-4.9019607843, 9);
    expect(stats['Avg. Drawdown [%]']).toBeCloseTo(-3.4410794021, 9);
    expect(stats['Max. Drawdown Duration']).toBe(36 * HOUR);
    expect(stats['Avg. Drawdown Duration']).toBe(27 * HOUR);
    // Exposure: bars 1–4 and 5–9 → 9 of 12 = 75 %. Trade durations 18 h and 25.5 h:
    // max 25.5 h → 26 h, mean 21.75 h → 22 h (rounded up to the hour, the 6 h bars' resolution).
    expect(stats['Exposure Time [%]']).toBe(75);
    expect(stats['Max. Trade Duration']).toBe(26 * HOUR);
    expect(stats['Avg. Trade Duration']).toBe(22 * HOUR);
    // No losing trade: Profit Factor = 0.02 / (0 or NaN) = NaN, as in backtesting.py.
    expect(stats['Profit Factor']).toBeNaN();
    // Buy and hold starts where its series starts (after warm-up): (120 − 100)/100.
    expect(stats['Buy & Hold Return [%]']).toBeCloseTo(20, 12);
  });

  it('uses 252 days a year for weekday-only data', () => {
    // Mon 2024-01-01 … Fri 2024-01-05: no weekend bar → A = 252. g = 1.04^(1/5) − 1 over 5 days;
    // (1 + g)^252 − 1 = 1.04^50.4 − 1 = 6.219054170. CAGR over 4 days: 1.04^(252/4) − 1 = 10.83315016.
    const stats = computeBacktestStatistics({ curve: curve('2024-01-01T00:00:00Z', DAY, [100, 101, 102, 103, 104]), trades: [], buyAndHoldEquity: [1, 1] });
    expect(stats['Return (Ann.) [%]']).toBeCloseTo(621.905416991, 6);
    expect(stats['CAGR [%]']).toBeCloseTo(1083.315016473, 6);
  });

  it('resamples weekly bars to weeks and annualises with 52', () => {
    // Weekly bars every Monday: returns 0.1, 0.1, −0.0909, 0.1; g = 1.21^(1/5) − 1 over 5 weeks;
    // (1 + g)^52 − 1 = 1.21^10.4 − 1 = 6.260522093. CAGR: 28 days / 52 → 1.21^(52/28) − 1 = 0.4247683502.
    const stats = computeBacktestStatistics({ curve: curve('2024-01-01T00:00:00Z', 7 * DAY, [100, 110, 121, 110, 121]), trades: [], buyAndHoldEquity: [1, 1] });
    expect(stats['Return (Ann.) [%]']).toBeCloseTo(626.052209331, 6);
    expect(stats['CAGR [%]']).toBeCloseTo(42.476835024, 7);
  });

  it('shows NaN where backtesting.py does: no trades, flat equity', () => {
    const stats: BacktestStatistics = computeBacktestStatistics({ curve: curve('2024-01-01T00:00:00Z', DAY, [100, 100, 100]), trades: [], buyAndHoldEquity: [100, 100] });
    expect(stats['# Trades']).toBe(0);
    expect(stats['Exposure Time [%]']).toBe(0);
    expect(stats['Commissions [$]']).toBe(0);
    for (const name of ['Win Rate [%]', 'Best Trade [%]', 'Avg. Trade [%]', 'Max. Trade Duration', 'Profit Factor', 'Expectancy [%]', 'SQN'] as const) {
      expect(stats[name]).toBeNaN();
    }
    // Volatility 0 → Sharpe (0 / (0 or NaN)) = NaN; no drawdown → Calmar NaN, no drawdown periods.
    expect(stats['Sharpe Ratio']).toBeNaN();
    expect(stats['Calmar Ratio']).toBeNaN();
    expect(stats['Max. Drawdown [%]']).toBe(-0);
    expect(stats['Avg. Drawdown [%]']).toBeNaN();
    expect(stats['Max. Drawdown Duration']).toBeNaN();
  });

  it('refuses times out of order, mismatched lengths and an equity curve that starts at 0', () => {
    const good = curve('2024-01-01T00:00:00Z', DAY, [100, 101, 102]);
    const swapped = { timeMs: Float64Array.from([good.timeMs[1]!, good.timeMs[0]!, good.timeMs[2]!]), equity: good.equity };
    expect(() => computeBacktestStatistics({ curve: swapped, trades: [], buyAndHoldEquity: [] })).toThrow(BacktestInputError);
    expect(() => computeBacktestStatistics({ curve: { timeMs: good.timeMs, equity: good.equity.subarray(1) }, trades: [], buyAndHoldEquity: [] })).toThrow(BacktestInputError);
    expect(() => computeBacktestStatistics({ curve: curve('2024-01-01T00:00:00Z', DAY, [0, 1]), trades: [], buyAndHoldEquity: [] })).toThrow(BacktestInputError);
    const backwards = trade('2024-01-03T00:00:00Z', '2024-01-02T00:00:00Z', 1, 0.01);
    expect(() => computeBacktestStatistics({ curve: good, trades: [backwards], buyAndHoldEquity: [] })).toThrow(/exits before it enters/);
  });
});

describe('computeBacktestStatistics on real data', () => {
  it('finds the 2018 bear market in 33,411 hourly BTC/USDT closes, gaps and all', () => {
    // Equity = 10,000 USDT held in BTC from the first close. Facts from the file: first close
    // 4,315.32 (2017-08-17 05:00), last 37,388.05; highest close before the fall 19,709.50
    // (2017-12-17 11:00), lowest after it 3,172.05 (2018-12-15 15:00), first close back above
    // the high 19,739.51 (2020-12-01 10:00).
    const lines = readFileSync(sharedDataPath(BTC_USDT_1H_CSV), 'utf8').trim().split('\n').slice(1);
    const timeMs = new Float64Array(lines.length);
    const equity = new Float64Array(lines.length);
    lines.forEach((line, i) => {
      const fields = line.split(',');
      timeMs[i] = Number(fields[0]);
      equity[i] = (10_000 * Number(fields[5])) / 4_315.32;
    });
    const stats = computeBacktestStatistics({ curve: { timeMs, equity }, trades: [], buyAndHoldEquity: equity });
    expect(stats.Start).toBe(at('2017-08-17T05:00:00Z'));
    expect(stats['Return [%]']).toBeCloseTo((37_388.05 / 4_315.32 - 1) * 100, 9); // 766.40 %
    expect(stats['Buy & Hold Return [%]']).toBeCloseTo(stats['Return [%]'], 9);
    expect(stats['Max. Drawdown [%]']).toBeCloseTo(-(1 - 3_172.05 / 19_709.5) * 100, 9); // −83.91 %
    // 2017-12-17 11:00 → 2020-12-01 10:00 = 1,079 days 23 hours.
    expect(stats['Max. Drawdown Duration']).toBe(1_079 * DAY + 23 * HOUR);
    expect(stats['Equity Peak [$]']).toBeGreaterThan(stats['Equity Final [$]']);
  });
});

describe('tradeStatistics', () => {
  const hourly = Float64Array.from({ length: 10 }, (_, i) => i * HOUR);
  const round = (entryBar: number, exitBar: number, returnPct: number): BacktestTrade => ({
    entryTime: entryBar * HOUR, exitTime: exitBar * HOUR, entryPrice: 1, exitPrice: 1, size: 1, pnl: returnPct, returnPct, fees: 0,
  });

  it('counts bars in the market once when trades overlap, in whatever order they come', () => {
    // [2, 4] ∪ [3, 6] ∪ [8, 8] = bars 2–6 and 8 → 6 bars; given out of entry order.
    const stats = tradeStatistics([round(8, 8, 0.01), round(3, 6, 0.01), round(2, 4, 0.01)], hourly);
    expect(stats.barsInMarket).toBe(6);
  });

  it('maps a time between bars to the bar before it', () => {
    expect(barIndexAt(hourly, 2.5 * HOUR)).toBe(2);
    expect(barIndexAt(hourly, -HOUR)).toBe(0);
    expect(barIndexAt(hourly, 100 * HOUR)).toBe(9);
  });

  it('gives an Avg. Trade of 0 once a trade loses everything, as backtesting.py’s geometric mean does', () => {
    expect(tradeStatistics([round(1, 2, 0.5), round(3, 4, -1)], hourly).geometricMeanPercent).toBe(0);
  });
});
