/**
 * What a strategy, model or LLM says about a market: a score with a confidence and the reasons,
 * never an order. Only the policy turns signals into intents, and only the risk layer sizes them.
 */
export interface Signal {
  /** Deterministic: strategy + symbol + bar, so a replay produces the same ids. */
  readonly signalId: string;
  readonly strategyId: string;
  readonly symbol: string;
  /** Open time of the closed bar the signal was computed on. */
  readonly barOpenTimeMs: number;
  /** −1 (strongly bearish) … +1 (strongly bullish). */
  readonly score: number;
  /** 0 … 1: how much the strategy trusts its own score. */
  readonly confidence: number;
  /** How many bars ahead the view is meant for. */
  readonly horizonBars: number;
  /** The stance the score puts the strategy in; signals are emitted when it changes. */
  readonly stance: Stance;
  /** Plain-language reason, shown in the decision feed and journaled. */
  readonly rationale: string;
  /** The inputs the score was computed from, by name, for the audit trail. */
  readonly features: Readonly<Record<string, number>>;
  /** Where the strategy's view is wrong (a protective stop), in quote currency. */
  readonly invalidationPriceQuote: number;
  readonly closeQuote: number;
}

export type Stance = 'bullish' | 'neutral' | 'bearish';
