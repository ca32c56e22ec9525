import {
  DAY_MS,
  MINUTE_MS,
  dailyLossFraction,
  drawdownFraction,
  exposureQuote,
  openPositionCount,
  ordersSince,
  type AccountView,
} from './accountView.ts';
import type { LimitField } from './limitChanges.ts';
import type { RiskLimits } from './riskLimits.ts';
import { money, percent } from './riskWording.ts';

/** How much of one limit is in use now, for the Risk limits screen. */
export interface LimitUsage {
  readonly field: LimitField;
  /** 0 = unused, 1 = at the limit. */
  readonly usedFraction: number;
  /** e.g. "Daily loss 1.20% of 3.00% (120.00 USDT of 300.00 USDT)". */
  readonly text: string;
}

/** Current use of every account-level limit. */
export function limitUsage(account: AccountView, limits: RiskLimits, nowMs: number): LimitUsage[] {
  const asset = account.quoteAsset;
  const equity = account.equityQuote;
  const loss = dailyLossFraction(account);
  const drawdown = drawdownFraction(account);
  const exposureShare = exposureQuote(account) / equity;
  const open = openPositionCount(account, limits.dustPositionQuote);
  const minute = ordersSince(account.orderTimesMs, nowMs - MINUTE_MS + 1);
  const day = ordersSince(account.orderTimesMs, nowMs - DAY_MS + 1);
  const dayStart = account.dayStartEquityQuote;
  return [
    {
      field: 'dailyLossFractionOfEquity',
      usedFraction: loss / limits.dailyLossFractionOfEquity,
      text: `Daily loss ${percent(loss)} of ${percent(limits.dailyLossFractionOfEquity)} (${money(loss * dayStart, asset)} of ${money(limits.dailyLossFractionOfEquity * dayStart, asset)})`,
    },
    {
      field: 'maxDrawdownFraction',
      usedFraction: drawdown / limits.maxDrawdownFraction,
      text: `Fall from the high ${percent(drawdown)} of ${percent(limits.maxDrawdownFraction)} (high: ${money(account.highWaterMarkQuote, asset)})`,
    },
    {
      field: 'totalExposureFractionOfEquity',
      usedFraction: exposureShare / limits.totalExposureFractionOfEquity,
      text: `Exposure ${percent(exposureShare)} of ${percent(limits.totalExposureFractionOfEquity)} (${money(exposureShare * equity, asset)} of ${money(limits.totalExposureFractionOfEquity * equity, asset)})`,
    },
    { field: 'maxOpenPositions', usedFraction: open / limits.maxOpenPositions, text: `Open positions ${String(open)} of ${String(limits.maxOpenPositions)}` },
    { field: 'maxOrdersPerMinute', usedFraction: minute / limits.maxOrdersPerMinute, text: `Orders in the last minute ${String(minute)} of ${String(limits.maxOrdersPerMinute)}` },
    { field: 'maxOrdersPerDay', usedFraction: day / limits.maxOrdersPerDay, text: `Orders in the last 24 hours ${String(day)} of ${String(limits.maxOrdersPerDay)}` },
    {
      field: 'perTradeFractionOfEquity',
      usedFraction: 0,
      text: `Largest single trade ${percent(limits.perTradeFractionOfEquity)} of equity (${money(limits.perTradeFractionOfEquity * equity, asset)})`,
    },
  ];
}
