import { describe, expect, it } from 'vitest';
import { ballastCommands, EXIT, runCli, usageText, type CliCommand, type CommandTable } from '../../../core/cli/index.ts';
import { testIo } from './support/cliTestKit.ts';

const CANARY = 'FAKE-CANARY-KEY-7a3c-0000000000000001';

/** A table with one extra command whose behaviour each test chooses. */
function tableWith(name: string, run: CliCommand): CommandTable {
  return ballastCommands().register({ name, synopsis: `${name} [--json]`, summary: 'A command for this test.', load: () => Promise.resolve(run) });
}

describe('ballast help', () => {
  it('lists every command with its flags, the exit codes and the environment', async () => {
    for (const argv of [['help'], [], ['--help']]) {
      const io = testIo();
      expect(await runCli(argv, io)).toBe(EXIT.ok);
      const text = io.out();
      for (const command of ['model train --data FILE --symbol SYM', 'drift --reference FILE --recent FILE', 'advise --base-url URL --model NAME', 'check-claims --file FILE', 'check-key --exchange ID']) {
        expect(text).toContain(`ballast ${command}`);
      }
      for (const code of [0, 1, 2, 64, 65, 70]) expect(text).toMatch(new RegExp(`^  ${String(code)} +\\S`, 'm'));
      expect(text).toContain('BALLAST_DEBUG=1');
      expect(text).toContain('BALLAST_TEST_ONLY_EXCHANGE_URL');
      expect(io.err()).toBe('');
    }
  });

  it('the exit codes it documents are the ones the commands use', () => {
    const text = usageText(ballastCommands());
    for (const code of Object.values(EXIT)) expect(text).toMatch(new RegExp(`^  ${String(code)} `, 'm'));
  });

  it('wraps no line of the usage text past 100 columns except a synopsis', () => {
    const long = usageText(ballastCommands()).split('\n').filter((line) => line.length > 100);
    expect(long.every((line) => line.startsWith('  ballast '))).toBe(true);
  });

  it('shows one command with "help <command>" and with "<command> --help"', async () => {
    const io = testIo();
    expect(await runCli(['help', 'drift'], io)).toBe(EXIT.ok);
    expect(io.out()).toMatch(/^ {2}ballast drift --reference FILE --recent FILE \[--json\]\n {6}Compare recent bars/);
    const again = testIo();
    expect(await runCli(['check-key', '--help'], again)).toBe(EXIT.ok);
    expect(again.out()).toContain('ballast check-key --exchange ID');
    expect(again.stdinReads).toEqual([]);
  });
});

describe('an unknown command', () => {
  it('is named, followed by the usage on stderr, with exit 64', async () => {
    const io = testIo();
    expect(await runCli(['backtset', '--data', 'x.csv'], io)).toBe(EXIT.usage);
    expect(io.err()).toMatch(/^Ballast has no command "backtset". Run "ballast help" to see the commands.\n\nUsage: npm run ballast -- <command>/);
    expect(io.out()).toBe('');
  });

  it('is not repeated when it looks like pasted text', async () => {
    const io = testIo();
    expect(await runCli([CANARY.replaceAll('-', '+')], io)).toBe(EXIT.usage);
    expect(io.err()).toMatch(/^Ballast has no such command\./);
    expect(io.err()).not.toContain('CANARY');
  });

  it('"help <unknown>" is an error too', async () => {
    const io = testIo();
    expect(await runCli(['help', 'nope'], io)).toBe(EXIT.usage);
    expect(io.err()).toContain('Ballast has no command "nope"');
  });
});

describe('a fault inside a command', () => {
  const crashing: CliCommand = () => Promise.reject(new RangeError(`bad value near ${CANARY}`));

  it('becomes one plain sentence naming only its kind, exit 70, no stack trace', async () => {
    const io = testIo();
    expect(await runCli(['crash'], io, tableWith('crash', crashing))).toBe(EXIT.internal);
    expect(io.err()).toBe(
      'Something went wrong inside Ballast (RangeError). Nothing was changed and no order was placed. Run again with BALLAST_DEBUG=1 to see the details, and please report it.\n',
    );
  });

  it('shows its stack trace only with BALLAST_DEBUG=1', async () => {
    const io = testIo({ env: { BALLAST_DEBUG: '1' } });
    expect(await runCli(['crash'], io, tableWith('crash', crashing))).toBe(EXIT.internal);
    expect(io.err()).toContain('RangeError: bad value near');
    expect(io.err()).toMatch(/\n {4}at /);
  });

  it('a command that fails to load is reported the same way', async () => {
    const table = ballastCommands().register({ name: 'broken', synopsis: 'broken', summary: 'Fails to load.', load: () => Promise.reject(new TypeError('no module')) });
    const io = testIo();
    expect(await runCli(['broken'], io, table)).toBe(EXIT.internal);
    expect(io.err()).toMatch(/^Something went wrong inside Ballast \(TypeError\)\./);
  });
});

describe('the command table', () => {
  it('takes registrations, runs a registered command with the arguments after its name, and lists it in help', async () => {
    const seen: string[][] = [];
    const table = tableWith('echo', (argv, io) => {
      seen.push(argv);
      io.stdout('ran\n');
      return Promise.resolve(EXIT.ok);
    });
    const io = testIo();
    expect(await runCli(['echo', '--json', 'x'], io, table)).toBe(EXIT.ok);
    expect(seen).toEqual([['--json', 'x']]);
    expect(usageText(table)).toContain('  ballast echo [--json]\n      A command for this test.');
  });

  it('refuses a name twice, "help", and names that are not lower-case words', () => {
    const entry = { synopsis: 's', summary: 's', load: () => Promise.resolve((() => Promise.resolve(0)) as CliCommand) };
    expect(() => ballastCommands().register({ name: 'drift', ...entry })).toThrow(/already registered/);
    expect(() => ballastCommands().register({ name: 'help', ...entry })).toThrow(/already registered/);
    expect(() => ballastCommands().register({ name: 'Back Test', ...entry })).toThrow(/lower-case/);
  });
});
