import type { CliCommand } from './cliIo.ts';

/** A command as `ballast help` lists it; its code is loaded only when it runs. */
export interface CommandEntry {
  /** What is typed after `ballast`: `drift`, `check-key`. */
  readonly name: string;
  /** The command with its flags, e.g. `drift --reference FILE --recent FILE [--json]`. */
  readonly synopsis: string;
  /** One or two sentences: what it does, for whom. */
  readonly summary: string;
  /**
   * Loads the command. Commands import whole layers (ccxt, the OpenAI client, the model), so
   * `ballast help` and every other command start without loading them all.
   */
  readonly load: () => Promise<CliCommand>;
}

const COMMAND_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** The commands `ballast` knows, in the order help lists them. Open to registration. */
export class CommandTable {
  readonly #entries = new Map<string, CommandEntry>();

  register(entry: CommandEntry): this {
    if (!COMMAND_NAME.test(entry.name)) throw new Error(`A command name is lower-case words joined by "-": ${entry.name}`);
    if (this.#entries.has(entry.name) || entry.name === 'help') throw new Error(`The command "${entry.name}" is already registered.`);
    this.#entries.set(entry.name, entry);
    return this;
  }

  find(name: string): CommandEntry | undefined {
    return this.#entries.get(name);
  }

  entries(): readonly CommandEntry[] {
    return [...this.#entries.values()];
  }
}
