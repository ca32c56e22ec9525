import { create } from 'zustand';
import type { BotConfig } from '#core/contract/index.ts';
import type { ExchangeId } from '#core/model/index.ts';

export const SPEEDS = [10, 100, 1_000, 100_000] as const;
export type ExchangeChoice = ExchangeId;
export const TIMEFRAMES = ['1m', '5m', '15m', '1h'] as const;
export type TimeframeChoice = (typeof TIMEFRAMES)[number];
export type SourceKind = 'synthetic' | 'imported' | 'exchange';

/** The Paper screen's choices, kept while the person visits other screens. */
export interface PaperForm {
  readonly sourceKind: SourceKind;
  readonly exchangeId: ExchangeChoice;
  readonly liveSymbol: string;
  readonly liveTimeframe: TimeframeChoice;
  /** The imported file to replay; empty: the newest one. */
  readonly importId: string;
  readonly importSymbol: string;
  readonly strategyId: BotConfig['strategyId'];
  readonly barsPerSecond: number;
  readonly startingBalance: string;
  readonly autoLeaveSafeMode: boolean;
}

interface PaperFormActions {
  readonly change: (patch: Partial<PaperForm>) => void;
}

export const usePaperForm = create<PaperForm & PaperFormActions>()((set) => ({
  sourceKind: 'synthetic',
  exchangeId: 'binance',
  liveSymbol: 'BTC/USDT',
  liveTimeframe: '15m',
  importId: '',
  importSymbol: 'BTC/USDT',
  strategyId: 'trend-follower',
  barsPerSecond: 1_000,
  startingBalance: '10000',
  autoLeaveSafeMode: false,
  change(patch) {
    set(patch);
  },
}));
