import { EXIT, type CliIo } from './cliIo.ts';
import { reportFailure, usageProblem } from './cliProblem.ts';
import type { CommandEntry, CommandTable } from './commandTable.ts';
import { ballastCommands } from './commands.ts';
import { CLI_MESSAGES } from './messages.ts';

const WIDTH = 100;
const INDENT = '      ';
/** A typed command name is repeated in a message only when it looks like one. */
const SHOWABLE_COMMAND = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;

/** Words wrapped to the usage text's width, each line indented. */
function wrapped(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line.length > 0 && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line.length === 0 ? word : `${line} ${word}`;
    }
  }
  if (line.length > 0) lines.push(indent + line);
  return lines;
}

const describe = (entry: Pick<CommandEntry, 'synopsis' | 'summary'>, prefix = 'ballast '): string[] => [`  ${prefix}${entry.synopsis}`, ...wrapped(entry.summary, INDENT)];

/** The whole usage text: commands, exit codes, environment. */
export function usageText(table: CommandTable): string {
  const help = { synopsis: CLI_MESSAGES.CLI_COMMAND_HELP_SYNOPSIS, summary: CLI_MESSAGES.CLI_COMMAND_HELP_SUMMARY };
  const lines = [
    ...wrapped(CLI_MESSAGES.CLI_USAGE_HEADER, ''),
    '',
    CLI_MESSAGES.CLI_USAGE_COMMANDS,
    ...table.entries().flatMap((entry) => describe(entry)),
    ...describe(help),
    '',
    ...wrapped(CLI_MESSAGES.CLI_USAGE_MORE, ''),
    '',
    CLI_MESSAGES.CLI_USAGE_EXIT_CODES,
    ...[
      CLI_MESSAGES.CLI_USAGE_EXIT_OK,
      CLI_MESSAGES.CLI_USAGE_EXIT_NOT_CONFIRMED,
      CLI_MESSAGES.CLI_USAGE_EXIT_RED_FLAGS,
      CLI_MESSAGES.CLI_USAGE_EXIT_USAGE,
      CLI_MESSAGES.CLI_USAGE_EXIT_INPUT,
      CLI_MESSAGES.CLI_USAGE_EXIT_INTERNAL,
    ].map((line) => `  ${line}`),
    '',
    CLI_MESSAGES.CLI_USAGE_ENVIRONMENT,
    ...describe({ synopsis: CLI_MESSAGES.CLI_USAGE_ENV_DEBUG, summary: CLI_MESSAGES.CLI_USAGE_ENV_DEBUG_SUMMARY }, ''),
    ...describe({ synopsis: CLI_MESSAGES.CLI_USAGE_ENV_TEST_EXCHANGE, summary: CLI_MESSAGES.CLI_USAGE_ENV_TEST_EXCHANGE_SUMMARY }, ''),
  ];
  return `${lines.join('\n')}\n`;
}

function unknownCommand(name: string): Error {
  return SHOWABLE_COMMAND.test(name) ? usageProblem('CLI_UNKNOWN_COMMAND', { command: name }) : usageProblem('CLI_UNKNOWN_COMMAND_UNNAMED');
}

/**
 * `ballast <command> …`: finds the command and runs it. `help`, no command at all, and
 * `<command> --help` print usage (exit 0); an unknown command says so, then prints the usage on
 * stderr (exit 64). Whatever fails, the person gets a sentence and an exit code, never a stack.
 */
export async function runCli(argv: readonly string[], io: CliIo, table: CommandTable = ballastCommands()): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      const topic = name === 'help' ? rest[0] : undefined;
      if (topic === undefined) {
        io.stdout(usageText(table));
        return EXIT.ok;
      }
      const entry = table.find(topic);
      if (entry === undefined) throw unknownCommand(topic);
      io.stdout(`${describe(entry).join('\n')}\n`);
      return EXIT.ok;
    }
    const entry = table.find(name);
    if (entry === undefined) {
      const code = reportFailure(unknownCommand(name), io);
      io.stderr(`\n${usageText(table)}`);
      return code;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${describe(entry).join('\n')}\n`);
      return EXIT.ok;
    }
    const command = await entry.load();
    return await command([...rest], io);
  } catch (error) {
    return reportFailure(error, io);
  }
}
