import { DEBUG_VARIABLE, EXIT, type CliCommand, type CliIo, type ExitCode } from './cliIo.ts';
import { cliText, type CodeParams } from './cliWords.ts';
import type { CliMessageCode } from './messages.ts';

/**
 * Why a command stops before doing its work, already in words: a plain sentence (or a few) for
 * stderr and the exit code that goes with it. Thrown inside a command, caught by `cliCommand`.
 */
export class CliProblem extends Error {
  readonly exitCode: ExitCode;
  readonly lines: readonly string[];

  constructor(exitCode: ExitCode, lines: readonly string[]) {
    super(lines.join('\n'));
    this.name = 'CliProblem';
    this.exitCode = exitCode;
    this.lines = lines;
  }
}

/** The command line was not understood (exit 64). */
export function usageProblem(code: CliMessageCode, params: CodeParams = {}): CliProblem {
  return new CliProblem(EXIT.usage, [cliText(code, params)]);
}

/** An input could not be used (exit 65): a file missing or refused, too little data. */
export function inputProblem(lines: readonly string[]): CliProblem {
  return new CliProblem(EXIT.input, lines);
}

function errorName(error: unknown): string {
  if (error instanceof Error) return error.constructor.name.slice(0, 60);
  return typeof error;
}

/**
 * What every command does with a failure: a CliProblem becomes its sentence on stderr and its
 * exit code; anything else is a fault in Ballast, reported by kind only (an error's message can
 * carry anything, even a key), with the stack trace only when BALLAST_DEBUG=1.
 */
export function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof CliProblem) {
    io.stderr(`${error.lines.join('\n')}\n`);
    return error.exitCode;
  }
  io.stderr(`${cliText('CLI_INTERNAL_ERROR', { errorName: errorName(error) })}\n`);
  if (io.env[DEBUG_VARIABLE] === '1') io.stderr(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.internal;
}

/** Wraps a command's body so that no failure escapes as an exception or a stack trace. */
export function cliCommand(body: CliCommand): CliCommand {
  return async (argv, io) => {
    try {
      return await body(argv, io);
    } catch (error) {
      return reportFailure(error, io);
    }
  };
}
