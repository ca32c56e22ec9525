import type { TradingStateName } from '../model/index.ts';
import { accountProblem, type AccountView } from './accountView.ts';
import { evaluateEntry } from './entrySizing.ts';
import type { Intent } from './intent.ts';
import { marketViewProblem, type MarketView } from './marketView.ts';
import { evaluateReduction } from './reductionSizing.ts';
import { rejectedFor, type RiskDecision } from './riskDecision.ts';
import type { RiskLimits } from './riskLimits.ts';

/** What each state lets through (ARCHITECTURE.md, trading states). */
function stateVeto(intent: Intent, state: TradingStateName): RiskDecision | null {
  const { purpose } = intent;
  switch (state) {
    case 'ACTIVE':
      return null;
    case 'SAFE_MODE':
      return purpose === 'entry' ? rejectedFor(intent.intentId, 'SAFE_MODE_REDUCE_ONLY') : null;
    case 'PAUSED':
      return purpose === 'protective_stop' || purpose === 'flatten' || (purpose === 'exit' && intent.origin === 'protective')
        ? null
        : rejectedFor(intent.intentId, 'STATE_PAUSED');
    case 'KILLED':
      return purpose === 'flatten' ? null : rejectedFor(intent.intentId, 'STATE_KILLED');
  }
}

const positiveFinite = (value: number | undefined): boolean => value === undefined || (Number.isFinite(value) && value > 0);

function intentProblem(intent: Intent): string | null {
  if (!Number.isSafeInteger(intent.atMs) || intent.atMs < 0) return 'it has no valid time';
  if (intent.purpose !== 'entry' && intent.side === 'buy') return 'on spot, an exit or stop must sell what is held';
  if (intent.orderType === 'limit' && intent.purpose !== 'protective_stop' && intent.limitPriceQuote === undefined) return 'a limit order needs a price';
  if (!positiveFinite(intent.limitPriceQuote)) return 'the limit price is not a positive number';
  if (!positiveFinite(intent.stopPriceQuote)) return 'the stop price is not a positive number';
  if (!positiveFinite(intent.desiredAmountBase)) return 'the amount is not a positive number';
  const fraction = intent.desiredFractionOfEquity;
  if (fraction !== undefined && !(fraction > 0 && fraction <= 1)) return 'the share of equity is not between 0 and 100%';
  return null;
}

/**
 * The one gate every intent passes — strategy, AI, manual, protective, kill — before anything
 * reaches the OrderManager. Returns the order to send, rounded to the market's precision and
 * satisfying every limit, or the reasons it was refused or made smaller.
 *
 * Fails closed: missing or unusable market data, account figures or intent fields mean
 * `rejected`, never a guess. Pure and synchronous; `intent.atMs` is "now".
 */
export function evaluate(intent: Intent, account: AccountView, market: MarketView | null | undefined, limits: RiskLimits, state: TradingStateName): RiskDecision {
  const veto = stateVeto(intent, state);
  if (veto !== null) return veto;
  if (intent.purpose === 'entry' && intent.side === 'sell') return rejectedFor(intent.intentId, 'NO_SHORTING', { symbol: intent.symbol });
  const problem = intentProblem(intent);
  if (problem !== null) return rejectedFor(intent.intentId, 'INVALID_INTENT', { problem });

  if (market === null || market === undefined) {
    return rejectedFor(intent.intentId, 'MISSING_MARKET_DATA', { problem: `no prices or trading rules for ${intent.symbol}` });
  }
  const marketProblem = marketViewProblem(market, intent.symbol);
  if (marketProblem !== null) return rejectedFor(intent.intentId, 'MISSING_MARKET_DATA', { problem: marketProblem });
  if (!market.market.active) return rejectedFor(intent.intentId, 'MARKET_INACTIVE', { symbol: intent.symbol });
  const ageMs = intent.atMs - (market.liquidity.atMs as number);
  if (Math.abs(ageMs) > limits.maxMarketDataAgeMs) {
    return rejectedFor(intent.intentId, 'STALE_MARKET_DATA', { ageMs: Math.abs(ageMs), limitMs: limits.maxMarketDataAgeMs });
  }

  const badAccount = accountProblem(account);
  if (badAccount !== null) return rejectedFor(intent.intentId, 'ACCOUNT_DATA_INVALID', { problem: badAccount });
  if (market.market.quote !== account.quoteAsset) {
    return rejectedFor(intent.intentId, 'QUOTE_CURRENCY_MISMATCH', { marketQuote: market.market.quote, quoteAsset: account.quoteAsset });
  }

  if (intent.orderType === 'market' && intent.purpose !== 'protective_stop') {
    if (limits.limitOnly) return rejectedFor(intent.intentId, 'LIMIT_ONLY');
    if (market.liquidity.spreadBps > limits.maxSpreadForMarketOrderBps) {
      return rejectedFor(intent.intentId, 'SPREAD_TOO_WIDE', { spreadBps: market.liquidity.spreadBps, limitBps: limits.maxSpreadForMarketOrderBps });
    }
  }
  return intent.purpose === 'entry' ? evaluateEntry(intent, account, market, limits) : evaluateReduction(intent, account, market, limits);
}
