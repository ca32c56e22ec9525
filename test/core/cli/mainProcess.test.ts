import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../core/cli/index.ts';
import { TEST_EXCHANGE_URL_VARIABLE } from '../../../core/cli/checkKeyCommand.ts';
import { startFakeExchange, type FakeExchange } from '../../fake-exchange/index.ts';
import { repoRoot } from '../../support/sharedData.ts';

const MAIN = join(repoRoot, 'core', 'cli', 'main.ts');

/** Runs `node core/cli/main.ts …` as a fresh process, the way `npm run ballast -- …` does. */
function ballast(argv: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...argv], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, out, err });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

const KEY = 'FAKE-CANARY-KEY-main-00000000000000000001';
const SECRET = 'FAKE-CANARY-SECRET-main-000000000001';
let fake: FakeExchange;

beforeAll(async () => {
  fake = await startFakeExchange({ account: { credentials: { apiKey: KEY, secret: SECRET } } });
});
afterAll(async () => {
  await fake.close();
});

describe('the ballast entry point, from a fresh process', () => {
  it('is what `npm run ballast` runs', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts['ballast']).toBe('node core/cli/main.ts');
  });

  it('prints the usage for "help" and exits 0, with nothing on stderr', async () => {
    const { code, out, err } = await ballast(['help']);
    expect({ code, err }).toEqual({ code: EXIT.ok, err: '' });
    expect(out).toMatch(/^Usage: npm run ballast -- <command> \[flags\]/);
    expect(out).toContain('Exit codes:');
  });

  it('an unknown command exits 64 with a sentence, not a stack trace', async () => {
    const { code, out, err } = await ballast(['backtset']);
    expect({ code, out }).toEqual({ code: EXIT.usage, out: '' });
    expect(err).toMatch(/^Ballast has no command "backtset"\./);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('check-key reads the key from standard input, asks the exchange, and never prints it', async () => {
    const { code, out, err } = await ballast(['check-key', '--exchange', 'binance', '--json'], {
      stdin: `${KEY}\n${SECRET}\n`,
      env: { [TEST_EXCHANGE_URL_VARIABLE]: fake.url },
    });
    expect(code).toBe(EXIT.ok);
    expect((JSON.parse(out) as { verdict: string }).verdict).toBe('no_red_flags_found');
    expect(fake.inspect.requests().filter((request) => request.path === '/sapi/v1/account/apiRestrictions').map((request) => request.status)).toEqual([200]);
    // Piped in, not typed: no prompt, only the note about the test-only address.
    expect(err).toBe(`Note: asking ${fake.url} instead of the exchange, because ${TEST_EXCHANGE_URL_VARIABLE} is set. That setting is for tests only.\n`);
    expect(`${out}${err}`).not.toContain('CANARY');
  });
});
