/**
 * The paper exchange: an `ExchangePort` that fills locally against bars it is given (a replay, or
 * live public prices the app pushes as each bar closes), with Binance's rules, fees and
 * bookkeeping, persisted in the journal's SQLite file.
 */
export { createPaperExchange, type CreatePaperExchangeResult, type PaperExchange } from './paperExchange.ts';
export type { PaperExchangeOptions, PaperReplayFeed } from './paperOptions.ts';
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
