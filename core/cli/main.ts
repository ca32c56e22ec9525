// `npm run ballast -- <command> …` (or `node core/cli/main.ts <command> …`): Ballast's command
// line, run by Node straight from the TypeScript sources.
import { EXIT } from './cliIo.ts';
import { reportFailure } from './cliProblem.ts';
import { createNodeIo } from './nodeIo.ts';
import { runCli } from './runCli.ts';

const io = createNodeIo();

/** Exits once everything written so far has reached stdout and stderr (a pipe may lag behind). */
function exitAfterOutput(code: number): void {
  process.stdout.write('', () => {
    process.stderr.write('', () => process.exit(code));
  });
}

// A reader that closed the pipe early (`| head`) is not an error worth a message.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
});
process.on('uncaughtException', (error) => {
  exitAfterOutput(reportFailure(error, io));
});
process.on('unhandledRejection', (error) => {
  exitAfterOutput(reportFailure(error, io));
});

exitAfterOutput(await runCli(process.argv.slice(2), io));
