import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { z } from 'zod';
import { binanceClientFor } from './ccxtClient.ts';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const announcement = z.strictObject({ url: z.string().startsWith('http://127.0.0.1:'), apiKey: z.string(), secret: z.string() });

async function startCli(args: string[]): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  onTestFinished(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  return { child, line };
}

describe('the command-line fake exchange', () => {
  it('prints one JSON line with the URL and fake credentials of a default account, serves ccxt, and stops when told to', async () => {
    const { child, line } = await startCli(['--port', '0', '--start', '2021-01-01T00:00:00Z']);
    const { url, apiKey, secret } = announcement.parse(JSON.parse(line));
    expect(apiKey).toMatch(/^FAKE-/);
    expect(secret).toMatch(/^FAKE-/);

    const client = binanceClientFor({ url, credentials: { apiKey, secret } }, { enableRateLimit: false, timeout: 3000 });
    const balance = await client.fetchBalance();
    expect(balance.USDT).toEqual({ free: 10_000, used: 0, total: 10_000 });
    expect(await client.sapiGetAccountApiRestrictions()).toMatchObject({ enableWithdrawals: false, ipRestrict: true });
    const [lastCandle] = await client.fetchOHLCV('BTC/USDT', '1h', undefined, 1);
    expect(lastCandle![0]).toBe(Date.parse('2021-01-01T00:00:00Z'));

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
