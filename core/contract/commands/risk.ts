import { z } from 'zod';
import { command, NoInput } from '../command.ts';
import { HighWaterMarkReset, ManualOrderRequest, ManualOrderResult, RiskLimitChanges, RiskLimitsProposal, RiskLimitsView, TradingStatusView } from '../risk.ts';

/** Risk limits: read them with their use, change them (loosening only with a typed confirmation), manual paper orders. */
export const riskCommands = {
  getRiskLimits: command({
    summary: 'Every risk limit with its value, a plain label, its unit and how much of it is in use.',
    input: NoInput,
    output: RiskLimitsView,
  }),
  proposeRiskLimits: command({
    summary: 'Which limits a change tightens or loosens, in money, and the confirmation loosening needs.',
    input: z.strictObject({ changes: RiskLimitChanges }),
    output: RiskLimitsProposal,
  }),
  applyRiskLimits: command({
    summary: 'Save changed limits: tightening at once, loosening only with the exact confirmation text.',
    input: z.strictObject({ changes: RiskLimitChanges, confirmation: z.string().max(200).optional() }),
    output: RiskLimitsView,
  }),
  getTradingStatus: command({
    summary: 'The trading state, why safe mode is latched and which automatic checks are still tripped.',
    input: NoInput,
    output: TradingStatusView,
  }),
  proposeHighWaterMarkReset: command({
    summary: 'What measuring drawdown from the paper account’s equity now (instead of its high) would change, in money.',
    input: NoInput,
    output: HighWaterMarkReset,
  }),
  resetHighWaterMark: command({
    summary: 'Measure drawdown from the paper account’s equity now; it allows more risk, so only with the exact confirmation text.',
    input: z.strictObject({ confirmation: z.string().max(200) }),
    output: HighWaterMarkReset,
  }),
  placeManualOrder: command({
    summary: 'A manual order on the paper account, through the same risk checks as the bot’s own orders.',
    input: ManualOrderRequest,
    output: ManualOrderResult,
  }),
};
