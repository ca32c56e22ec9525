import { z } from 'zod';
import { AppStatus, PersonNote } from './schemas.ts';
import { TradingStateSnapshot } from './tradingState.ts';

/** One command: what the renderer may send and what main answers. Declared once, here. */
export interface CommandSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** What the command does, in one line. */
  readonly summary: string;
}

const command = <I extends z.ZodType, O extends z.ZodType>(spec: CommandSpec<I, O>): CommandSpec<I, O> => spec;

/** Commands that take no input accept nothing at all. */
const NoInput = z.undefined();

export const commands = {
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
    input: z.strictObject({ confirmed: z.literal(true) }),
    output: TradingStateSnapshot,
  }),
  rearm: command({
    summary: 'Leave KILLED after the person types the re-arm phrase; the bot comes back paused.',
    input: z.strictObject({ confirmation: z.string().max(200) }),
    output: TradingStateSnapshot,
  }),
} as const satisfies Record<string, CommandSpec>;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<K extends CommandName> = z.input<Commands[K]['input']>;
export type CommandOutput<K extends CommandName> = z.output<Commands[K]['output']>;

export const commandNames = Object.keys(commands) as CommandName[];

export const isCommandName = (name: unknown): name is CommandName =>
  typeof name === 'string' && Object.hasOwn(commands, name);
