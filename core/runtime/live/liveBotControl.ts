import { ContractError, type BotConfig } from '../../contract/index.ts';
import { isStrategyId } from '../../model/index.ts';
import type { Timeframe } from '../../market/index.ts';
import type { KeysRuntime } from '../keys/keysRuntime.ts';
import type { LiveBotControl } from './liveHandlers.ts';
import type { LiveBot } from './liveBot.ts';
import { paperOnlyRefusal } from './paperOnlyStrategies.ts';

/** When the paper record was not on an exchange's live prices: the guide's "a highly liquid pair". */
const DEFAULT_LIVE_MARKET: { readonly symbol: string; readonly timeframe: Timeframe } = { symbol: 'BTC/USDT', timeframe: '1h' };

/**
 * What live mode starts: the strategy the gate judged (the one with the paper record), on the
 * market and timeframe of the paper bot when it ran on an exchange's live prices, else BTC/USDT
 * hourly bars; on the verified key, through the live bot.
 */
export function liveBotControlFor(parts: { readonly keys: KeysRuntime; readonly liveBot: LiveBot; readonly paperConfig: () => BotConfig | null }): LiveBotControl {
  const { keys, liveBot } = parts;
  return {
    async start(keyId, shareQuote, stillWanted) {
      const strategyId = await keys.readiness.liveStrategyId();
      const paperOnly = paperOnlyRefusal(strategyId);
      if (paperOnly !== null) throw new ContractError('REFUSED', `${paperOnly.reason} ${paperOnly.fix}`);
      if (!isStrategyId(strategyId)) throw new ContractError('REFUSED', 'Choose the strategy to trade (run it on paper first), then start live trading.');
      const summary = await keys.summaryOf(keyId);
      const paper = parts.paperConfig();
      const market = paper?.source.kind === 'exchange' && paper.source.exchangeId === summary.exchange ? { symbol: paper.symbol, timeframe: paper.source.timeframe } : DEFAULT_LIVE_MARKET;
      if (!stillWanted()) throw new ContractError('NOT_ALLOWED_NOW', 'Live trading was stopped while Ballast was starting it, so the bot did not start.');
      const client = await keys.tradingClientFor(keyId);
      await liveBot.start({ keyId, exchangeId: summary.exchange, client, strategyId, ...market, ...(shareQuote === undefined ? {} : { shareQuote }), stillWanted });
    },
    stop: () => liveBot.stop(),
  };
}
