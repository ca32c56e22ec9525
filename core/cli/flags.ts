import { parseArgs } from 'node:util';
import { usageProblem } from './cliProblem.ts';
import type { CliMessageCode } from './messages.ts';

export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  /** What the value looks like, for messages: `FILE`, `BTC/USDT`. */
  readonly example?: string;
  readonly required?: boolean;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

export type FlagValues<T extends FlagSpecs> = {
  readonly [K in keyof T]: T[K]['type'] extends 'boolean' ? boolean : T[K]['required'] extends true ? string : string | undefined;
};

export interface ParseFlagsOptions {
  /** Flags that would carry a key: refused with this explanation before anything else is read. */
  readonly keyFlagsRefusal?: CliMessageCode;
}

/** Names under which people pass keys: `--key`, `--api-key`, `--secret`, `--passphrase`, `--token`… */
const KEY_FLAG = /^(api[-_]?)?(key|secret|passphrase|password|token)$/i;
/** A flag name is repeated in a message only when it looks like one (never like pasted text). */
const SHOWABLE_FLAG = /^--?[A-Za-z][A-Za-z0-9-]{0,39}$/;

/**
 * Reads a command's flags with `util.parseArgs`, strictly: an unknown flag, a missing value, a
 * value given to a switch, a repeated flag or a stray argument stops the command with a plain
 * sentence naming the flag. Values are never repeated back (one might be a key), and neither
 * are stray arguments.
 */
export function parseFlags<const T extends FlagSpecs>(command: string, argv: readonly string[], specs: T, options: ParseFlagsOptions = {}): FlagValues<T> {
  const { tokens } = parseArgs({ args: [...argv], options: {}, strict: false, allowPositionals: true, tokens: true });
  const optionTokens = tokens.filter((token) => token.kind === 'option');
  if (options.keyFlagsRefusal !== undefined && optionTokens.some((token) => KEY_FLAG.test(token.name))) {
    throw usageProblem(options.keyFlagsRefusal);
  }
  for (const token of optionTokens) {
    if (!Object.hasOwn(specs, token.name)) {
      throw SHOWABLE_FLAG.test(token.rawName)
        ? usageProblem('CLI_UNKNOWN_FLAG', { command, flag: token.rawName })
        : usageProblem('CLI_UNKNOWN_FLAG_UNNAMED', { command });
    }
  }
  // A second pass that knows the flags' types, so values are attached to their flags.
  const typed = Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, { type: spec.type }]));
  const second = parseArgs({ args: [...argv], options: typed, strict: false, allowPositionals: true, tokens: true });
  const seen = new Set<string>();
  let strays = 0;
  for (const token of second.tokens) {
    if (token.kind === 'positional') strays++;
    if (token.kind !== 'option') continue;
    const spec = specs[token.name] as FlagSpec;
    const flag = `--${token.name}`;
    if (spec.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) {
      throw usageProblem('CLI_FLAG_NEEDS_VALUE', { flag, example: spec.example ?? 'VALUE' });
    }
    if (spec.type === 'boolean' && token.value !== undefined) throw usageProblem('CLI_FLAG_TAKES_NO_VALUE', { flag });
    if (seen.has(token.name)) throw usageProblem('CLI_FLAG_REPEATED', { flag });
    seen.add(token.name);
  }
  if (strays > 0) throw usageProblem('CLI_UNEXPECTED_ARGUMENTS', { command, count: strays });
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required === true && !seen.has(name)) throw usageProblem('CLI_FLAG_REQUIRED', { command, flag: `--${name}`, example: spec.example ?? 'VALUE' });
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: [...argv], options: typed, strict: true, allowPositionals: false }).values;
  } catch {
    // Everything parseArgs refuses was caught above with a plainer sentence; this is the backstop.
    throw usageProblem('CLI_FLAGS_NOT_UNDERSTOOD', { command });
  }
  const out: Record<string, string | boolean | undefined> = {};
  for (const [name, spec] of Object.entries(specs)) out[name] = spec.type === 'boolean' ? values[name] === true : values[name];
  return out as FlagValues<T>;
}
