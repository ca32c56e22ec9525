import { z } from 'zod';
import { command, NoInput } from '../command.ts';
import { LiveBotView, LiveLadderView, LiveShareRaiseRequest, LiveShareStepResult } from '../live.ts';

/** The bot on the person's real account (started and stopped with live mode). */
export const liveCommands = {
  getLiveBot: command({
    summary: 'The live bot: running or not, Ballast’s share of the account and what is in use, the last check, positions and their stops.',
    input: NoInput,
    output: LiveBotView,
  }),
  getLiveLadder: command({
    summary: 'Ballast’s share and the capital ladder: the live record measured, the raise on offer with the money at stake and the words to type, or why it is not offered yet.',
    input: z.strictObject({ newShareQuote: z.number().positive().max(1e12).optional() }),
    output: LiveLadderView,
  }),
  raiseLiveShare: command({
    summary: 'Raise Ballast’s share one step: only with no blocker and the exact typed confirmation; journaled either way.',
    input: LiveShareRaiseRequest,
    output: LiveShareStepResult,
  }),
  lowerLiveShare: command({
    summary: 'Lower Ballast’s share at once (no confirmation: less money at risk is always allowed); journaled.',
    input: z.strictObject({ newShareQuote: z.number().positive().max(1e12) }),
    output: LiveShareStepResult,
  }),
};
