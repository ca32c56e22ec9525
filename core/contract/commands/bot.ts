import { z } from 'zod';
import { MARKET_SYMBOL_PATTERN } from '../../model/index.ts';
import { BotConfig, BotStatus, DashboardSnapshot, MAX_REPLAY_FILE_CHARS, ReplayFileSummary, StrategyInfo } from '../bot.ts';
import { command, NoInput } from '../command.ts';


/** Paper trading: strategies, replay files, start/stop, and the dashboard's data. */
export const botCommands = {
  listStrategies: command({
    summary: 'The built-in strategies with a plain description of each.',
    input: NoInput,
    output: z.array(StrategyInfo),
  }),
  listReplayFiles: command({
    summary: 'Candle files the person imported for the Demo market.',
    input: NoInput,
    output: z.array(ReplayFileSummary),
  }),
  importReplayFile: command({
    summary: 'Import a CSV or JSON candle file for replay; every bad row is reported, nothing half-imported.',
    input: z.strictObject({
      fileName: z.string().min(1).max(255),
      symbol: z.string().regex(MARKET_SYMBOL_PATTERN),
      text: z.string().max(MAX_REPLAY_FILE_CHARS),
    }),
    output: ReplayFileSummary,
  }),
  startPaperBot: command({
    summary: 'Start a paper bot: pretend money, simulated fills, the real risk layer.',
    input: BotConfig,
    output: BotStatus,
  }),
  continuePaperBot: command({
    summary: 'Continue a replay that stopped to ask about safe mode: leave it, or carry on reduce-only.',
    input: z.strictObject({ leaveSafeMode: z.boolean() }),
    output: BotStatus,
  }),
  stopPaperBot: command({
    summary: 'Stop the paper bot; its account, orders and journal are kept.',
    input: NoInput,
    output: BotStatus,
  }),
  getBotStatus: command({
    summary: 'What the paper bot is doing now (phase, market, progress), without the dashboard\'s data.',
    input: NoInput,
    output: BotStatus,
  }),
  getDashboard: command({
    summary: 'Everything the dashboard shows, after fees and slippage.',
    input: NoInput,
    output: DashboardSnapshot,
  }),
};
