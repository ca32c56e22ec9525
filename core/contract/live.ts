import { z } from 'zod';

/**
 * What the live screen shows of the bot on the person's real account: whether it runs, Ballast's
 * share of the account and what of it is in use, the last check against the exchange, the
 * positions and what protects them, and what the last Kill left. Codes and parameters only;
 * the words are in the renderer's catalogue.
 */

/** Kill in live trading: keep the protective stops (the default) or sell everything now. */
export const LiveKillChoice = z.enum(['keep_stops', 'sell_everything']);
export type LiveKillChoice = z.infer<typeof LiveKillChoice>;

const Params = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const LiveNoticeView = z.strictObject({
  code: z.string().max(64),
  params: Params,
  /** Reconciliation findings only: false means safe mode until the person reviews it. */
  explained: z.boolean().optional(),
});
export type LiveNoticeView = z.infer<typeof LiveNoticeView>;

export const LiveBotPhase = z.enum(['off', 'starting', 'running', 'not_trading', 'stopped', 'killed', 'failed']);
export type LiveBotPhase = z.infer<typeof LiveBotPhase>;

export const LiveBotView = z.strictObject({
  phase: LiveBotPhase,
  /** Code of what the bot is doing or why it stopped (the renderer words it); params beside it. */
  messageCode: z.string().max(64),
  messageParams: Params,
  strategyId: z.string().max(64).nullable(),
  strategyName: z.string().max(100).nullable(),
  symbol: z.string().max(32).nullable(),
  timeframe: z.string().max(8).nullable(),
  quoteAsset: z.string().max(16).nullable(),
  /** The most Ballast may use of the account (its share), in the quote currency. */
  shareQuote: z.number().nonnegative().nullable(),
  /** Value of Ballast's positions at the current price plus its resting buys. */
  inUseQuote: z.number().nonnegative().nullable(),
  /** True where the exchange holds the protective stops; false where Ballast watches them (protected only while it runs). */
  stopsOnExchange: z.boolean().nullable(),
  /** Entry sizes are multiplied by this (0.5 during the first live week). */
  entrySizeMultiplier: z.number().min(0).max(1),
  /** When the first live week ends (entries at full size from then on); null before the first start. */
  firstWeekEndsAtMs: z.number().nullable(),
  startedAtMs: z.number().nullable(),
  lastBarOpenTimeMs: z.number().nullable(),
  barsActedOn: z.number().int().nonnegative(),
  ordersSent: z.number().int().nonnegative(),
  lastCheck: z
    .strictObject({
      verdict: z.enum(['trade', 'safe_mode', 'no_trading']),
      reason: z.enum(['startup', 'wake', 'reconnect']),
      atMs: z.number(),
      findings: z.array(LiveNoticeView).max(100),
    })
    .nullable(),
  positions: z
    .array(
      z.strictObject({
        symbol: z.string(),
        amountBase: z.number(),
        /** What the latest protection pass found: protected (a stop confirmed on the exchange), flat, unprotected… */
        protection: z.string().max(32),
        stopPriceQuote: z.number().nullable(),
      }),
    )
    .max(20),
  /** Notices of the latest bars: protection, exits, refusals. Newest last. */
  notices: z.array(LiveNoticeView).max(50),
  lastKill: z
    .strictObject({
      choice: z.enum(['keep_stops', 'sell_everything', 'cancel_everything']),
      atMs: z.number(),
      done: z.boolean(),
      remainingOrders: z.number().int().nonnegative(),
      remainingStops: z.number().int().nonnegative(),
      externalOrders: z.number().int().nonnegative(),
      notices: z.array(LiveNoticeView).max(50),
    })
    .nullable(),
});
export type LiveBotView = z.infer<typeof LiveBotView>;

/** A step of the capital ladder refused or a reason a raise is not offered: a ladder code and its figures. */
export const LiveLadderReason = z.strictObject({ code: z.string().max(64), params: Params });
export type LiveLadderReason = z.infer<typeof LiveLadderReason>;

/**
 * Ballast's share of the account and the way up the capital ladder: what was measured on the live
 * record, the raise on offer with the money at stake and the exact words to type, and why it is
 * not offered yet. Lowering needs none of this.
 */
export const LiveLadderView = z.strictObject({
  /** False when no live run is open: the share can then only be set when starting. */
  available: z.boolean(),
  quoteAsset: z.string().max(16).nullable(),
  shareQuote: z.number().nonnegative().nullable(),
  /** Stage 1 is the first share; each raise is one stage up. */
  stage: z.number().int().nonnegative(),
  liveStartedAtMs: z.number().nullable(),
  evidence: z
    .strictObject({
      daysLive: z.number().nonnegative(),
      daysNeeded: z.number().nonnegative(),
      roundTrips: z.number().int().nonnegative(),
      roundTripsNeeded: z.number().int().nonnegative(),
      unresolvedFindings: z.number().int().nonnegative(),
      averageSlippageBps: z.number().nullable(),
      slippageLimitBps: z.number(),
      quoteBalanceQuote: z.number().nonnegative().nullable(),
    })
    .nullable(),
  raise: z
    .strictObject({
      /** Whether the raise may be made now (no blockers); the figures are shown either way. */
      allowed: z.boolean(),
      blockers: z.array(LiveLadderReason).max(20),
      fromQuote: z.number().nonnegative(),
      toQuote: z.number().positive(),
      /** How much more of the account Ballast could lose in the worst case. */
      extraAtStakeQuote: z.number().nonnegative(),
      dailyLossLimitQuote: z.number().nonnegative(),
      largestEntryQuote: z.number().nonnegative(),
      confirmationPhrase: z.string().max(100),
    })
    .nullable(),
});
export type LiveLadderView = z.infer<typeof LiveLadderView>;

const ShareAmount = z.number().positive().max(1e12);

export const LiveShareRaiseRequest = z.strictObject({ newShareQuote: ShareAmount, typedConfirmation: z.string().max(200) });
export type LiveShareRaiseRequest = z.infer<typeof LiveShareRaiseRequest>;

export const LiveShareStepResult = z.strictObject({
  /** True when the share changed; false with the reasons when it was refused (the refusal is journaled too). */
  done: z.boolean(),
  reasons: z.array(LiveLadderReason).max(20),
  ladder: LiveLadderView,
});
export type LiveShareStepResult = z.infer<typeof LiveShareStepResult>;
