/**
 * What a command may touch outside itself. `main.ts` passes the real process; tests pass a fake,
 * so every command runs as a plain function call.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * The whole file as UTF-8 text. Throws a Node-style error with a `code` (ENOENT, EACCES,
   * EISDIR, EFBIG for a file over the import size limit…) when it cannot be read.
   */
  readFile(path: string): string;
  /**
   * All of standard input as text. `prompt` is shown on stderr only when a person is typing
   * (a terminal), never when the input is piped in.
   */
  readStdin(prompt?: string): Promise<string>;
  /** Writes a whole file; absent where a command may not write (then it says so and stops). */
  writeFile?(path: string, bytes: Uint8Array): void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** One command of `ballast`: the arguments after its name in, an exit code out. */
export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;

/** Exit codes; the usage text lists them (keep the two in step). */
export const EXIT = {
  /** Done. For `advise`, whether the answer was accepted or rejected. */
  ok: 0,
  /** `check-key`: something about the key could not be confirmed. */
  notConfirmed: 1,
  /** `check-key`: red flags found. */
  redFlags: 2,
  /** The command line was not understood: unknown command or flag, a missing or invalid value. */
  usage: 64,
  /** An input could not be used: a file missing, unreadable or refused, too little data. */
  input: 65,
  /** Something went wrong inside Ballast. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Files larger than this are not read at all (EFBIG): the market layer's import limit, written
 * out here so that `ballast help` starts without loading that layer (a test keeps them equal).
 */
export const MAX_READ_FILE_BYTES = 50_000_000;

/** Standard input longer than this is not a key; `check-key` refuses it unread. */
export const MAX_STDIN_CHARS = 65_536;

/** Set to 1 to let the stack trace of an internal error reach stderr. */
export const DEBUG_VARIABLE = 'BALLAST_DEBUG';
