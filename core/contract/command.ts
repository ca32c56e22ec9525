import { z } from 'zod';

/** One command: what the renderer may send and what main answers. Declared once. */
export interface CommandSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** What the command does, in one line. */
  readonly summary: string;
}

export const command = <I extends z.ZodType, O extends z.ZodType>(spec: CommandSpec<I, O>): CommandSpec<I, O> => spec;

/** Commands that take no input accept nothing at all. */
export const NoInput = z.undefined();
