/**
 * The paper exchange: an `ExchangePort` that fills locally against replayed bars or live public
 * market data, with Binance's rules, fees and bookkeeping, persisted in the journal's SQLite file.
 */
export {
  createPaperExchange,
  type CreatePaperExchangeResult,
  type PaperExchange,
  type PaperExchangeOptions,
  type PaperLiveFeed,
  type PaperReplayFeed,
} from './paperExchange.ts';
export {
  DEFAULT_FILL_MODEL,
  restingFillPrice,
  stopIsReached,
  stopTriggerPrice,
  takeFromBar,
  takerPrice,
  type Bar,
  type Execution,
  type FillModel,
  type Grid,
} from './fillModel.ts';
export { checkMarketFilters, checkRequestShape, type FilterVerdict } from './marketFilters.ts';
export { PENDING_MARKET_BUY_LOCK_MARGIN } from './paperOrderEntry.ts';
export { PAPER_MIGRATIONS } from './paperStore.ts';
