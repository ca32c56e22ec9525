// Ballast's command line (`npm run ballast -- <command>`): a table of commands over the core
// layers, each a function of its arguments and an io, so every one runs without a process.
export { DEBUG_VARIABLE, EXIT, MAX_READ_FILE_BYTES, MAX_STDIN_CHARS, type CliCommand, type CliIo, type ExitCode } from './cliIo.ts';
export { CliProblem, cliCommand, inputProblem, reportFailure, usageProblem } from './cliProblem.ts';
export { CommandTable, type CommandEntry } from './commandTable.ts';
export { ballastCommands } from './commands.ts';
export { parseFlags, type FlagSpec, type FlagSpecs, type FlagValues, type ParseFlagsOptions } from './flags.ts';
export { readCandleFile, readTextFile, timeframeOf } from './inputFiles.ts';
export { maskedIo } from './maskedIo.ts';
export { CLI_MESSAGES, type CliMessageCode } from './messages.ts';
export { createNodeIo } from './nodeIo.ts';
export { cliText, fillTemplate, readableNumber, type CodeParams } from './cliWords.ts';
export { renderCode, renderCodes, type CodeSource, type Coded } from './renderCodes.ts';
export { runCli, usageText } from './runCli.ts';
