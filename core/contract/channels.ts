import type { CommandName } from './commands.ts';

/** IPC channel of one command. Renderer code never names channels; the bridge does. */
export const commandChannel = (name: CommandName): string => `ballast:command:${name}`;

/** The single main → renderer channel; messages are `{ name, payload }`. */
export const EVENT_CHANNEL = 'ballast:event';
