import { importCandlesFromCsvFile, type Candle } from '../../../../core/market/index.ts';
import {
  backtestBars,
  backtestMarket,
  backtestRiskLimits,
  defaultFillModel,
  type BacktestBars,
  type BacktestSettings,
  type FillModelName,
} from '../../../../core/backtest/index.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../../support/sharedData.ts';

export const HOUR_MS = 3_600_000;
/** A Monday, 00:00 UTC. */
export const T0 = Date.UTC(2024, 0, 1);

/**
 * Hourly bars from closes (and, where given, opens): the open is the previous close unless
 * `opens` names it, high and low sit half a unit outside open and close.
 */
export function handMadeCandles(closes: readonly number[], opens: Readonly<Record<number, number>> = {}, volumeBase = 1_000): Candle[] {
  return closes.map((close, index) => {
    const open = opens[index] ?? closes[index - 1] ?? close;
    return { openTimeMs: T0 + index * HOUR_MS, open, high: Math.max(open, close) + 0.5, low: Math.min(open, close) - 0.5, close, volumeBase };
  });
}

/**
 * sma-cross 2/4 on these closes: flat at 10, a dip to 9 (the fast average under the slow one),
 * a cross up at bar 5 (12), a peak, and a cross down at bar 8 (11). Hand-worked averages:
 *   bar 4: fast (10 + 9) / 2 = 9.5  < slow (10 + 10 + 10 + 9) / 4 = 9.75
 *   bar 5: fast (9 + 12) / 2 = 10.5 > slow (10 + 10 + 9 + 12) / 4 = 10.25   → cross up
 *   bar 7: fast (14 + 13) / 2 = 13.5 > slow (9 + 12 + 14 + 13) / 4 = 12
 *   bar 8: fast (13 + 11) / 2 = 12  < slow (12 + 14 + 13 + 11) / 4 = 12.5   → cross down
 */
export const CROSS_CLOSES = [10, 10, 10, 10, 9, 12, 14, 13, 11, 9, 8, 7];
/** Opens of the bars after each cross, where next-open fills happen. */
export const CROSS_OPENS = { 6: 12.5, 9: 10.5 };

export function crossBars(volumeBase = 1_000): BacktestBars {
  return backtestBars('TST/USDT', handMadeCandles(CROSS_CLOSES, CROSS_OPENS, volumeBase));
}

export interface SettingsChoice {
  readonly fill?: FillModelName;
  readonly risk?: 'on' | 'off';
  readonly sizeFraction?: number;
  readonly feeRate?: number;
  readonly amountStepBase?: number;
  readonly closeAtEnd?: boolean;
  readonly strategy?: BacktestSettings['strategy'];
  readonly cashQuote?: number;
}

export function settingsFor(bars: BacktestBars, choice: SettingsChoice = {}): BacktestSettings {
  const model = defaultFillModel(choice.fill ?? 'next-open');
  const feeRate = choice.feeRate ?? 0.001;
  const fillModel = { ...model, costs: { ...model.costs, takerFeeRate: feeRate, makerFeeRate: feeRate } };
  return {
    symbol: bars.symbol,
    strategy: choice.strategy ?? { id: 'sma-cross', parameters: { fast: 2, slow: 4 } },
    cashQuote: choice.cashQuote ?? 10_000,
    sizeFraction: choice.sizeFraction ?? 0.5,
    fillModel,
    risk: choice.risk ?? 'off',
    riskLimits: backtestRiskLimits(bars.symbol),
    closeAtEnd: choice.closeAtEnd ?? false,
    market: backtestMarket(bars.symbol, bars.close[0] as number, { takerRate: feeRate, makerRate: feeRate }, choice.amountStepBase ?? 0.001),
  };
}

let btc: Candle[] | undefined;

/** The BTC/USDT 1h reference file (33,411 bars), read once per test file. */
export async function btcCandles(): Promise<Candle[]> {
  if (btc === undefined) {
    const imported = await importCandlesFromCsvFile(sharedDataPath(BTC_USDT_1H_CSV));
    if (!imported.ok) throw new Error(imported.error.message);
    btc = imported.value.candles;
  }
  return btc;
}

/** Size of the slower tests, from the environment (modest by default). */
export function envBars(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isSafeInteger(value) && value > 0 ? value : fallback;
}
