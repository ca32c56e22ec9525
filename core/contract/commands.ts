import type { z } from 'zod';
import type { CommandSpec } from './command.ts';
import { activityCommands } from './commands/activity.ts';
import { aiCommands } from './commands/ai.ts';
import { alertsCommands } from './commands/alerts.ts';
import { botCommands } from './commands/bot.ts';
import { frameCommands } from './commands/frame.ts';
import { keysCommands } from './commands/keys.ts';
import { liveCommands } from './commands/live.ts';
import { practiceCommands } from './commands/practice.ts';
import { riskCommands } from './commands/risk.ts';
import { serviceCheckCommands } from './commands/serviceCheck.ts';
import { backtestCommands } from './commands/backtest.ts';

export { command, NoInput, type CommandSpec } from './command.ts';

type Merged<Areas extends readonly object[]> = Areas extends readonly [infer First, ...infer Rest extends readonly object[]]
  ? First & Merged<Rest>
  : unknown;

/**
 * Merges the areas' commands, refusing a name that appears twice: a plain spread would let a
 * later area silently replace an earlier command.
 */
function mergeAreas<Areas extends readonly Record<string, CommandSpec>[]>(...areas: Areas): Merged<Areas> {
  const merged: Record<string, CommandSpec> = {};
  for (const area of areas) {
    for (const [name, spec] of Object.entries(area)) {
      if (Object.hasOwn(merged, name)) throw new Error(`The contract declares the command ${name} twice.`);
      merged[name] = spec;
    }
  }
  return merged as Merged<Areas>;
}

/** Every command of the contract, one file per area under commands/. */
export const commands = mergeAreas(frameCommands, keysCommands, botCommands, activityCommands, riskCommands, serviceCheckCommands, backtestCommands, aiCommands, alertsCommands, liveCommands, practiceCommands);

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<K extends CommandName> = z.input<Commands[K]['input']>;
export type CommandOutput<K extends CommandName> = z.output<Commands[K]['output']>;

export const commandNames = Object.keys(commands) as CommandName[];

export const isCommandName = (name: unknown): name is CommandName =>
  typeof name === 'string' && Object.hasOwn(commands, name);
