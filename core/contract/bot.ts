import { z } from 'zod';
import { DecisionAiView } from './ai.ts';
import { EXCHANGE_IDS, MARKET_SYMBOL_PATTERN, PAPER_STRATEGY_IDS } from '../model/index.ts';

/**
 * The paper bot as the screens see it. Every figure is after fees and slippage; replays of past
 * data are labelled as such, and results are always shown next to buy-and-hold.
 */
export const StrategyIdSchema = z.enum(PAPER_STRATEGY_IDS);

export const StrategyInfo = z.strictObject({
  id: StrategyIdSchema,
  name: z.string(),
  summary: z.string(),
});
export type StrategyInfo = z.infer<typeof StrategyInfo>;


/** Most a replay file may be (characters); a year of 1-minute bars fits comfortably. */
export const MAX_REPLAY_FILE_CHARS = 50_000_000;

/** Where the paper bot's prices come from. */
export const MarketSource = z.discriminatedUnion('kind', [
  /** Generated prices, clearly labelled; the app ships no fetched data. */
  z.strictObject({ kind: z.literal('synthetic') }),
  /** A candle file the person imported. */
  z.strictObject({ kind: z.literal('imported'), importId: z.string().min(1).max(100) }),
  /** Live public prices from an exchange (no key needed): paper trading in real time. */
  z.strictObject({
    kind: z.literal('exchange'),
    exchangeId: z.enum(EXCHANGE_IDS),
    timeframe: z.enum(['1m', '5m', '15m', '1h']),
  }),
]);
export type MarketSource = z.infer<typeof MarketSource>;

export const ReplayFileSummary = z.strictObject({
  importId: z.string(),
  fileName: z.string(),
  symbol: z.string(),
  timeframe: z.string(),
  bars: z.number().int().nonnegative(),
  firstOpenTimeMs: z.number().int(),
  lastOpenTimeMs: z.number().int(),
  /** Problems the validator found (gaps, outages…), in plain words; the bot still runs, knowingly. */
  dataWarnings: z.array(z.string()).max(20),
  /** What the importer changed while reading the file (sorted rows, merged repeats, time units), in plain words. */
  importNotes: z.array(z.string()).max(20),
});
export type ReplayFileSummary = z.infer<typeof ReplayFileSummary>;

export const BotConfig = z.strictObject({
  source: MarketSource,
  /** Unified symbol, e.g. BTC/USDT; must be one Ballast has trading rules for. */
  symbol: z.string().regex(MARKET_SYMBOL_PATTERN),
  strategyId: StrategyIdSchema,
  /** Bars replayed per second of real time. */
  barsPerSecond: z.number().positive().max(1_000_000),
  /** Pretend money the paper account starts with, in the quote currency. */
  startingBalanceQuote: z.number().positive().max(10_000_000),
  /**
   * In this replay, leave safe mode by itself once every cause has cleared, instead of stopping
   * to ask. The person chooses it per run; live trading always asks.
   */
  leaveSafeModeAutomatically: z.boolean().default(false),
});
export type BotConfig = z.output<typeof BotConfig>;
export type BotConfigInput = z.input<typeof BotConfig>;

/**
 * `waiting`: the replay stopped to ask the person whether to leave safe mode. `paused`: Pause holds
 * the run (a replay's clock stands still; on live prices bars arrive but nothing new is traded).
 */
export const BotPhase = z.enum(['idle', 'loading', 'running', 'paused', 'waiting', 'finished', 'stopped', 'failed']);
export type BotPhase = z.infer<typeof BotPhase>;

/** A run exists (it can be stopped, and the frame shows it) while it loads, trades, is paused, or waits for the person. */
export function botIsUnderWay(phase: BotPhase): boolean {
  return phase === 'loading' || phase === 'running' || phase === 'paused' || phase === 'waiting';
}

export const BotStatus = z.strictObject({
  phase: BotPhase,
  config: BotConfig.nullable(),
  /** e.g. "Synthetic demo market (generated prices)" or "Imported file btc.csv (BTC/USDT, 1h)". */
  marketLabel: z.string(),
  isSynthetic: z.boolean(),
  /** Live prices: the bot runs until stopped and bars arrive as they close. */
  isLive: z.boolean(),
  barsProcessed: z.number().int().nonnegative(),
  totalBars: z.number().int().nonnegative(),
  /** Plain words for the current phase, e.g. why loading failed. */
  message: z.string(),
});
export type BotStatus = z.infer<typeof BotStatus>;



/** Candles as parallel columns: compact over IPC and fast to hand to the chart. */
export const CandleColumns = z.strictObject({
  timeMs: z.array(z.number()),
  open: z.array(z.number()),
  high: z.array(z.number()),
  low: z.array(z.number()),
  close: z.array(z.number()),
});
export type CandleColumns = z.infer<typeof CandleColumns>;

export const OverlaySeries = z.strictObject({
  key: z.string(),
  label: z.string(),
  timeMs: z.array(z.number()),
  value: z.array(z.number()),
});
export type OverlaySeries = z.infer<typeof OverlaySeries>;

export const TradeMarker = z.strictObject({
  atMs: z.number(),
  side: z.enum(['buy', 'sell']),
  priceQuote: z.number(),
  amountBase: z.number(),
  text: z.string(),
});
export type TradeMarker = z.infer<typeof TradeMarker>;

export const EquityPoint = z.strictObject({
  atMs: z.number(),
  /** Paper account value at market prices, after fees and slippage. */
  equityQuote: z.number(),
  /** The same starting money put into the market on the first bar and held, after the same fees. */
  buyAndHoldQuote: z.number(),
});
export type EquityPoint = z.infer<typeof EquityPoint>;

export const PerformanceSummary = z.strictObject({
  startingQuote: z.number(),
  equityQuote: z.number(),
  returnPct: z.number(),
  buyAndHoldReturnPct: z.number(),
  feesPaidQuote: z.number(),
  realisedPnlQuote: z.number(),
  unrealisedPnlQuote: z.number(),
  maxDrawdownPct: z.number(),
  /** Share of bars with money in the market (0–100), so a small loss next to buy-and-hold is not read as skill. */
  timeInMarketPct: z.number(),
  /** Average share of the account in the market (0–100): how much money was at work. */
  averageExposurePct: z.number(),
  roundTrips: z.number().int().nonnegative(),
  /** What kind of result this is, e.g. "Replay of past prices (in-sample): not a forecast". */
  basis: z.string(),
});
export type PerformanceSummary = z.infer<typeof PerformanceSummary>;

export const PositionView = z.strictObject({
  symbol: z.string(),
  amountBase: z.number(),
  averageEntryQuote: z.number(),
  markQuote: z.number(),
  unrealisedPnlQuote: z.number(),
  /** How the position is protected when Ballast is not watching. */
  protection: z.enum(['exchange-stop', 'client-side-stop', 'none']),
  stopPriceQuote: z.number().nullable(),
});
export type PositionView = z.infer<typeof PositionView>;

export const OpenOrderView = z.strictObject({
  clientOrderId: z.string(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  type: z.string(),
  amountBase: z.number(),
  filledBase: z.number(),
  limitPriceQuote: z.number().nullable(),
  stopPriceQuote: z.number().nullable(),
  status: z.string(),
  purpose: z.string(),
});
export type OpenOrderView = z.infer<typeof OpenOrderView>;

export const FillView = z.strictObject({
  atMs: z.number(),
  clientOrderId: z.string(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  priceQuote: z.number(),
  amountBase: z.number(),
  feeQuote: z.number(),
});
export type FillView = z.infer<typeof FillView>;

/** One line of the decision feed: what was wanted, what risk did, what happened. */
export const DecisionView = z.strictObject({
  atMs: z.number(),
  outcome: z.enum(['approved', 'shrunk', 'rejected', 'signal', 'state']),
  text: z.string(),
  reasonCodes: z.array(z.string()),
  /** The model's probability and top reasons, and the LLM's verdict, when they reviewed this entry. */
  ai: DecisionAiView.optional(),
});
export type DecisionView = z.infer<typeof DecisionView>;

export const DashboardSnapshot = z.strictObject({
  status: BotStatus,
  quoteAsset: z.string(),
  candles: CandleColumns,
  overlays: z.array(OverlaySeries),
  markers: z.array(TradeMarker),
  equity: z.array(EquityPoint),
  summary: PerformanceSummary.nullable(),
  positions: z.array(PositionView),
  openOrders: z.array(OpenOrderView),
  fills: z.array(FillView),
  decisions: z.array(DecisionView),
});
export type DashboardSnapshot = z.infer<typeof DashboardSnapshot>;
