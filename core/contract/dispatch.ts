import type { z } from 'zod';
import { commands, isCommandName, type CommandName, type CommandOutput } from './commands.ts';
import { ContractError, failure, ok, type ContractErrorPayload, type Result } from './result.ts';

/** What main implements: one function per command, given already-parsed input. */
export type CommandHandlers = {
  readonly [K in CommandName]: (
    input: z.output<(typeof commands)[K]['input']>,
  ) => Promise<CommandOutput<K>> | CommandOutput<K>;
};

export type Dispatch = (command: unknown, rawInput: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /** Called with unexpected exceptions and invalid outputs, for the log. Never shown to the person. */
  readonly onInternalError?: (command: CommandName, error: unknown) => void;
  /**
   * A layer's own expected refusal (the trading state machine's, say) as the contract's code and
   * plain message; null for anything unexpected. Layers below the contract never throw its errors.
   */
  readonly refusalOf?: (error: unknown) => ContractErrorPayload | null;
}

const INTERNAL_MESSAGE = 'Ballast hit an unexpected problem while doing this. The details are in the log file.';
const MAX_ISSUES_SHOWN = 3;

function describeInvalidInput(error: z.ZodError): string {
  const shown = error.issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => {
    // Keys are truncated: an unknown key is caller-controlled text and must stay short.
    const path = issue.path.map((part) => String(part).slice(0, 40)).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - shown.length;
  return `The request was not valid (${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}).`;
}

/**
 * Parses input with the command's schema, runs the handler and checks its output, turning every
 * outcome into a `Result`. Never throws: a malformed payload cannot crash main or reach core.
 */
export function createDispatcher(handlers: CommandHandlers, options: DispatcherOptions = {}): Dispatch {
  return async (command, rawInput) => {
    if (!isCommandName(command)) return failure('UNKNOWN_COMMAND', 'Ballast does not know this request.');
    const spec = commands[command];
    const input = spec.input.safeParse(rawInput);
    if (!input.success) return failure('INVALID_INPUT', describeInvalidInput(input.error));
    try {
      const handler = handlers[command] as (input: unknown) => unknown;
      const output = spec.output.safeParse(await handler(input.data));
      if (!output.success) {
        options.onInternalError?.(command, output.error);
        return failure('INTERNAL', INTERNAL_MESSAGE);
      }
      return ok(output.data);
    } catch (error) {
      if (error instanceof ContractError) return failure(error.code, error.message);
      const refusal = options.refusalOf?.(error) ?? null;
      if (refusal !== null) return failure(refusal.code, refusal.message);
      options.onInternalError?.(command, error);
      return failure('INTERNAL', INTERNAL_MESSAGE);
    }
  };
}
