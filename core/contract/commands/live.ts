import { command, NoInput } from '../command.ts';
import { LiveBotView } from '../live.ts';

/** The bot on the person's real account (started and stopped with live mode). */
export const liveCommands = {
  getLiveBot: command({
    summary: 'The live bot: running or not, Ballast’s share of the account and what is in use, the last check, positions and their stops.',
    input: NoInput,
    output: LiveBotView,
  }),
};
