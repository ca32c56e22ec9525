import type { Intent } from './intent.ts';
import type { Signal } from './signal.ts';

export interface PolicyOptions {
  /** Entry size the policy asks for at full confidence, as a fraction of equity; risk may shrink it. */
  readonly entryFractionOfEquity: number;
  /**
   * Limit orders are placed this far through the close (buy above, sell below) so they fill like
   * a market order but can never fill at a runaway price.
   */
  readonly marketableLimitOffsetBps: number;
  /**
   * 'market' sends market orders instead (a backtest's next-open fills, the convention of
   * common backtesters). Absent: marketable limits.
   */
  readonly orderType?: 'limit' | 'market';
}

export const DEFAULT_POLICY: PolicyOptions = { entryFractionOfEquity: 0.01, marketableLimitOffsetBps: 10 };

/** What the policy needs to know about the position in this market. */
export interface PolicyPosition {
  /** Base amount held from this strategy's fills. */
  readonly amountBase: number;
  /** True when the holding is too small to sell (below the market's minimums). */
  readonly isDust: boolean;
}

/**
 * Turns a signal into at most one intent. Spot, long-only: a bullish signal while flat asks to
 * buy; a bearish signal while holding asks to sell what is held. Anything else is no action.
 */
export function intentFor(signal: Signal, position: PolicyPosition, atMs: number, options: PolicyOptions = DEFAULT_POLICY): Intent | null {
  const flat = position.amountBase <= 0 || position.isDust;
  const offset = options.marketableLimitOffsetBps / 10_000;
  const market = options.orderType === 'market';
  if (signal.stance === 'bullish' && flat) {
    const confidence = Math.max(0.25, Math.min(1, signal.confidence));
    return {
      intentId: `${signal.signalId}:entry`,
      origin: 'strategy',
      purpose: 'entry',
      symbol: signal.symbol,
      side: 'buy',
      atMs,
      orderType: market ? 'market' : 'limit',
      ...(market ? {} : { limitPriceQuote: signal.closeQuote * (1 + offset) }),
      // A strategy without a stop (NaN) asks for none; its exits come from its own signals.
      ...(Number.isFinite(signal.invalidationPriceQuote) ? { stopPriceQuote: signal.invalidationPriceQuote } : {}),
      desiredFractionOfEquity: options.entryFractionOfEquity * confidence,
      rationale: signal.rationale,
      signalId: signal.signalId,
    };
  }
  if (signal.stance === 'bearish' && !flat) {
    return {
      intentId: `${signal.signalId}:exit`,
      origin: 'strategy',
      purpose: 'exit',
      symbol: signal.symbol,
      side: 'sell',
      atMs,
      orderType: market ? 'market' : 'limit',
      ...(market ? {} : { limitPriceQuote: signal.closeQuote * (1 - offset) }),
      desiredAmountBase: position.amountBase,
      rationale: signal.rationale,
      signalId: signal.signalId,
    };
  }
  return null;
}
