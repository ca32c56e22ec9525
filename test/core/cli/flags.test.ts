import { describe, expect, it } from 'vitest';
import { CliProblem, EXIT, parseFlags } from '../../../core/cli/index.ts';

const SPECS = {
  data: { type: 'string', example: 'FILE', required: true },
  symbol: { type: 'string', example: 'BTC/USDT' },
  json: { type: 'boolean' },
} as const;

/** The sentence a CliProblem carries, or null when the flags were accepted. */
function problemOf(argv: string[], keyRefusal = false): { exitCode: number; text: string } | null {
  try {
    parseFlags('drift', argv, SPECS, keyRefusal ? { keyFlagsRefusal: 'CLI_KEY_AS_ARGUMENT' } : {});
    return null;
  } catch (error) {
    if (!(error instanceof CliProblem)) throw error;
    return { exitCode: error.exitCode, text: error.lines.join('\n') };
  }
}

describe('parseFlags', () => {
  it('reads string and boolean flags, in either spelling of a value', () => {
    expect(parseFlags('drift', ['--data', 'a.csv', '--json'], SPECS)).toEqual({ data: 'a.csv', symbol: undefined, json: true });
    expect(parseFlags('drift', ['--symbol=ETH/USDT', '--data=b.csv'], SPECS)).toEqual({ data: 'b.csv', symbol: 'ETH/USDT', json: false });
    // A value that starts with a dash is allowed when it is attached with `=`.
    expect(parseFlags('drift', ['--data=-odd-name.csv'], SPECS).data).toBe('-odd-name.csv');
  });

  it('names an unknown flag, with the command, and exits 64', () => {
    expect(problemOf(['--data', 'a.csv', '--bogus'])).toEqual({
      exitCode: EXIT.usage,
      text: '"ballast drift" has no flag --bogus. Run "ballast help drift" to see its flags.',
    });
  });

  it('never repeats a value: an unknown flag with a value attached is named without it', () => {
    const problem = problemOf(['--data', 'a.csv', '--token-ish=FAKE-CANARY-KEY-0001']);
    expect(problem?.text).toContain('--token-ish');
    expect(problem?.text).not.toContain('CANARY');
  });

  it('does not repeat a flag name that looks like pasted text', () => {
    const problem = problemOf(['--data', 'a.csv', '--FAKE/CANARY+KEY==']);
    expect(problem?.text).toBe('"ballast drift" was given a flag it does not have. Run "ballast help drift" to see its flags.');
  });

  it('says which flag needs a value, including when the next word is another flag', () => {
    expect(problemOf(['--data'])?.text).toBe('--data needs a value right after it, for example: --data FILE');
    expect(problemOf(['--data', '--json'])?.text).toBe('--data needs a value right after it, for example: --data FILE');
  });

  it('refuses a value given to a switch, a repeated flag and a missing required flag', () => {
    expect(problemOf(['--data', 'a.csv', '--json=yes'])?.text).toBe('--json takes no value: write it on its own.');
    expect(problemOf(['--data', 'a.csv', '--data', 'b.csv'])?.text).toBe('--data was given more than once. Give it once.');
    expect(problemOf(['--json'])?.text).toBe('"ballast drift" needs --data FILE. Run "ballast help drift" to see its flags.');
  });

  it('counts stray arguments without repeating them (one might be a key)', () => {
    const problem = problemOf(['--data', 'a.csv', 'FAKE-CANARY-KEY-0001', 'FAKE-CANARY-SECRET-0001']);
    expect(problem?.exitCode).toBe(EXIT.usage);
    expect(problem?.text).toContain('was given 2 value(s) that belong to no flag');
    expect(problem?.text).not.toContain('CANARY');
  });

  it('refuses key-carrying flags first, with the explanation, whatever else is wrong', () => {
    for (const argv of [['--key', 'FAKE-CANARY-KEY-0001'], ['--secret=FAKE-CANARY-SECRET'], ['--bogus', '--api-key', 'x'], ['--PASSPHRASE', 'x']]) {
      const problem = problemOf(argv, true);
      expect(problem?.exitCode).toBe(EXIT.usage);
      expect(problem?.text).toMatch(/^Ballast never takes a key, secret or passphrase as a command-line argument/);
      expect(problem?.text).not.toContain('CANARY');
    }
  });
});
