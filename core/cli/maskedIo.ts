import { REDACTED_TEXT, revealSecret, type Secret } from '../keys/index.ts';
import type { CliIo } from './cliIo.ts';

/** Shorter values are common words; the keys layer masks from the same length on. */
const MIN_MASKED_CHARS = 6;

/**
 * The same io, except that any of `secrets` appearing in what is written to stdout or stderr is
 * replaced by `[redacted]`. The layers already keep key material out of what they return; this is
 * the last net before a terminal, a log file or a screenshot.
 */
export function maskedIo(io: CliIo, secrets: readonly (Secret | null | undefined)[]): CliIo {
  const values = secrets
    .flatMap((secret) => (secret === null || secret === undefined ? [] : [revealSecret(secret).trim()]))
    .filter((value) => value.length >= MIN_MASKED_CHARS);
  if (values.length === 0) return io;
  const mask = (text: string): string => values.reduce((out, value) => out.split(value).join(REDACTED_TEXT), text);
  const writeFile = io.writeFile?.bind(io);
  return {
    stdout: (text) => {
      io.stdout(mask(text));
    },
    stderr: (text) => {
      io.stderr(mask(text));
    },
    readFile: (path) => io.readFile(path),
    readStdin: (prompt) => io.readStdin(prompt),
    ...(writeFile === undefined ? {} : { writeFile }),
    env: io.env,
  };
}
