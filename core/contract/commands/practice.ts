import { z } from 'zod';
import { command, NoInput } from '../command.ts';
import { PracticeGateView, PracticeStatusView, StartPracticeResult } from '../practice.ts';

const KeyId = z.string().min(1).max(100);

/** Practice on an exchange's practice site with a test-network key: pretend money, the live bot's code. */
export const practiceCommands = {
  getPracticeGate: command({
    summary: 'The practice checklist for a test-network key, asking the practice site now.',
    input: z.strictObject({ keyId: KeyId }),
    output: PracticeGateView,
  }),
  startPractice: command({
    summary: 'Start the bot on the exchange’s practice site if every practice item holds; otherwise say which do not.',
    input: z.strictObject({
      keyId: KeyId,
      /** The most Ballast may use of the pretend balance; default as in live. */
      shareQuote: z.number().positive().max(10_000_000).optional(),
    }),
    output: StartPracticeResult,
  }),
  stopPractice: command({
    summary: 'Stop practice on the exchange’s practice site; its stops stay there.',
    input: NoInput,
    output: PracticeStatusView,
  }),
  getPracticeStatus: command({
    summary: 'Whether practice runs, on which practice site and key, and the practice bot.',
    input: NoInput,
    output: PracticeStatusView,
  }),
};
