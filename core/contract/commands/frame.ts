import { z } from 'zod';
import { command, NoInput } from '../command.ts';
import { AppStatus, PersonNote } from '../schemas.ts';
import { TradingStateSnapshot } from '../tradingState.ts';
import { LiveKillChoice } from '../live.ts';

/** What the persistent frame needs: status, trading state, Pause/Resume, Kill and re-arm. */
export const frameCommands = {
  getAppStatus: command({
    summary: 'Product name, version, paper/live mode and trading state for the frame.',
    input: NoInput,
    output: AppStatus,
  }),
  getTradingState: command({
    summary: 'The current trading state and why it is in it.',
    input: NoInput,
    output: TradingStateSnapshot,
  }),
  pause: command({
    summary: 'Stop new entries; protective exits stay.',
    input: z.strictObject({ note: PersonNote.optional() }),
    output: TradingStateSnapshot,
  }),
  resume: command({
    summary: 'Leave PAUSED and allow entries again within limits.',
    input: NoInput,
    output: TradingStateSnapshot,
  }),
  kill: command({
    summary: 'Stop everything now: no new orders, cancel open orders. Latched until re-armed.',
    /** In live trading: keep the protective stops on the exchange (default) or sell everything now. */
    input: z.strictObject({ confirmed: z.literal(true), liveChoice: LiveKillChoice.optional() }),
    output: TradingStateSnapshot,
  }),
  leaveSafeMode: command({
    summary: 'Leave safe mode once every automatic safety check is clear; the person decides.',
    input: NoInput,
    output: TradingStateSnapshot,
  }),
  rearm: command({
    summary: 'Leave KILLED after the person types the re-arm phrase; the bot comes back paused.',
    input: z.strictObject({ confirmation: z.string().max(200) }),
    output: TradingStateSnapshot,
  }),
};
