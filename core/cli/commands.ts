import { CommandTable } from './commandTable.ts';
import { CLI_MESSAGES } from './messages.ts';

/** Every command of `ballast`, in the order `ballast help` lists them. */
export function ballastCommands(): CommandTable {
  const table = new CommandTable();
  table.register({
    name: 'backtest',
    synopsis: CLI_MESSAGES.CLI_COMMAND_BACKTEST_SYNOPSIS,
    summary: CLI_MESSAGES.CLI_COMMAND_BACKTEST_SUMMARY,
    load: async () => (await import('./backtestCommand.ts')).runBacktestCommand,
  });
  table.register({
    name: 'model',
    synopsis: CLI_MESSAGES.CLI_COMMAND_MODEL_SYNOPSIS,
    summary: CLI_MESSAGES.CLI_COMMAND_MODEL_SUMMARY,
    load: async () => (await import('./modelCommand.ts')).runModelCommand,
  });
  table.register({
    name: 'drift',
    synopsis: CLI_MESSAGES.CLI_COMMAND_DRIFT_SYNOPSIS,
    summary: CLI_MESSAGES.CLI_COMMAND_DRIFT_SUMMARY,
    load: async () => (await import('./driftCommand.ts')).runDriftCommand,
  });
  table.register({
    name: 'advise',
    synopsis: CLI_MESSAGES.CLI_COMMAND_ADVISE_SYNOPSIS,
    summary: CLI_MESSAGES.CLI_COMMAND_ADVISE_SUMMARY,
    load: async () => (await import('./adviseCommand.ts')).runAdviseCommand,
  });
  table.register({
    name: 'check-claims',
    synopsis: CLI_MESSAGES.CLI_COMMAND_CHECK_CLAIMS_SYNOPSIS,
    summary: CLI_MESSAGES.CLI_COMMAND_CHECK_CLAIMS_SUMMARY,
    load: async () => (await import('./checkClaimsCommand.ts')).runCheckClaimsCommand,
  });
  table.register({
    name: 'check-key',
    synopsis: CLI_MESSAGES.CLI_COMMAND_CHECK_KEY_SYNOPSIS,
    summary: CLI_MESSAGES.CLI_COMMAND_CHECK_KEY_SUMMARY,
    load: async () => (await import('./checkKeyCommand.ts')).runCheckKeyCommand,
  });
  return table;
}
