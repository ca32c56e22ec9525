import type { z } from 'zod';
import type { CommandSpec } from './command.ts';
import { frameCommands } from './commands/frame.ts';
import { keysCommands } from './commands/keys.ts';

export { command, NoInput, type CommandSpec } from './command.ts';

/**
 * Every command of the contract, one file per area under commands/. A name may appear only
 * once: the spread would silently let a later area replace an earlier command, so the type
 * below fails to compile on a duplicate.
 */
export const commands = {
  ...frameCommands,
  ...keysCommands,
} as const satisfies Record<string, CommandSpec>;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<K extends CommandName> = z.input<Commands[K]['input']>;
export type CommandOutput<K extends CommandName> = z.output<Commands[K]['output']>;

export const commandNames = Object.keys(commands) as CommandName[];

export const isCommandName = (name: unknown): name is CommandName =>
  typeof name === 'string' && Object.hasOwn(commands, name);
