import { redactText } from '../log/index.ts';
import { revealSecret, type Secret } from '../keys/index.ts';
import type { CliIo } from './cliIo.ts';

/**
 * The same io, except that what is written to stdout or stderr goes through Ballast's redaction
 * with `secrets` masked in every form (whole, trimmed, encoded, in fragments). The layers already
 * keep key material out of what they return; this is the last net before a terminal, a log file
 * or a screenshot.
 */
export function maskedIo(io: CliIo, secrets: readonly (Secret | null | undefined)[]): CliIo {
  const values = secrets.flatMap((secret) => (secret === null || secret === undefined ? [] : [revealSecret(secret)]));
  if (values.length === 0) return io;
  const mask = (text: string): string => redactText(text, { secrets: values });
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
