import { z } from 'zod';
import { LiveBotView } from './live.ts';

/**
 * Practice on an exchange's practice site (Binance spot testnet, Bybit testnet, OKX demo): the
 * live bot's code path with pretend money. Its checklist is its own: "withdrawals: not
 * applicable, virtual funds" exists only here and never reaches the live checklist.
 */

export const PracticeGateItemView = z.strictObject({
  id: z.enum(['test-key', 'practice-site', 'key-works', 'withdraw-off', 'risk-limits', 'strategy', 'no-futures-or-margin', 'key-age', 'confirmation', 'paper-record']),
  status: z.enum(['pass', 'fail', 'unknown', 'not_applicable']),
  reason: z.string(),
  fix: z.string(),
});
export type PracticeGateItemView = z.infer<typeof PracticeGateItemView>;

/** The withdraw answer practice runs on: bound to the practice site's host and the key. */
export const VirtualFundsRecordView = z.strictObject({
  verdict: z.literal('not_applicable_virtual_funds'),
  keyId: z.string(),
  environment: z.literal('testnet'),
  exchange: z.string(),
  host: z.string(),
  checkedAtMs: z.number(),
  permissionCheck: z.enum(['not_served', 'answered']),
});
export type VirtualFundsRecordView = z.infer<typeof VirtualFundsRecordView>;

export const PracticeGateView = z.strictObject({
  keyId: z.string(),
  allowed: z.boolean(),
  items: z.array(PracticeGateItemView).max(20),
  evaluatedAtMs: z.number(),
  /** The practice site's host when the key's exchange has one, e.g. 'testnet.binance.vision'. */
  host: z.string().nullable(),
});
export type PracticeGateView = z.infer<typeof PracticeGateView>;

export const PracticeStatusView = z.strictObject({
  on: z.boolean(),
  keyId: z.string().nullable(),
  exchange: z.string().nullable(),
  host: z.string().nullable(),
  startedAtMs: z.number().nullable(),
  withdrawRecord: VirtualFundsRecordView.nullable(),
  /** The practice bot: the live bot's view, on the practice site. */
  bot: LiveBotView,
});
export type PracticeStatusView = z.infer<typeof PracticeStatusView>;

export const StartPracticeResult = z.strictObject({
  started: z.boolean(),
  gate: PracticeGateView,
  practice: PracticeStatusView,
});
export type StartPracticeResult = z.infer<typeof StartPracticeResult>;
