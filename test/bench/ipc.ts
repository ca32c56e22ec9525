import { chromium } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../core/log/index.ts';
import { createBallastCore } from '../../core/runtime/index.ts';
import { createGuardedInvoke } from '../../electron/main/ipcGuard.ts';
import { APP_ENTRY_URL, isTrustedSender } from '../../electron/main/security.ts';
import { startHarness } from '../e2e/harness/harness.ts';
import { systemChromium } from '../e2e/fixtures.ts';
import { measureRounds, progress, round1 } from './stats.ts';

const HANDLER_CALLS = 20_000;
const ROUNDTRIP_CALLS = 1_000;

/** Main-side handler path alone: sender check + zod parse + dispatch + output check. */
export async function benchIpcHandler(): Promise<Record<string, number>> {
  progress('ipc handler path');
  const core = createBallastCore({ version: 'bench', log: createLogger({ level: 'silent' }) });
  const invoke = createGuardedInvoke(core.dispatch, (url) => isTrustedSender(url));
  const sender = { url: APP_ENTRY_URL };
  const [p99] = await measureRounds(async () => {
    const samples: number[] = [];
    for (let i = 0; i < HANDLER_CALLS; i += 1) {
      const start = process.hrtime.bigint();
      await invoke(sender, i % 2 === 0 ? 'getTradingState' : 'pause', i % 2 === 0 ? undefined : { note: 'bench' });
      samples.push(Number(process.hrtime.bigint() - start) / 1_000);
    }
    return samples;
  }, [99]);
  core.dispose();
  return { ipc_handler_p99_us: round1(p99 ?? Number.NaN) };
}

/** A contract call from the page through the harness transport and back, timed in the page. */
export async function benchIpcRoundtrip(): Promise<Record<string, number>> {
  progress('ipc round trip through the harness (Chromium)');
  const harness = await startHarness({ dataDir: mkdtempSync(join(tmpdir(), 'ballast-bench-')) });
  const executablePath = systemChromium();
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await harness.attach(page);
    await page.goto(harness.url);
    await page.getByTestId('trading-state').waitFor();
    const [p50, p99] = await measureRounds(
      () =>
        page.evaluate(async (calls) => {
          const samples: number[] = [];
          for (let i = 0; i < calls; i += 1) {
            const start = performance.now();
            await window.ballast.getTradingState();
            samples.push((performance.now() - start) * 1_000);
          }
          return samples;
        }, ROUNDTRIP_CALLS),
      [50, 99],
    );
    return { ipc_roundtrip_p50_us: round1(p50 ?? Number.NaN), ipc_roundtrip_p99_us: round1(p99 ?? Number.NaN) };
  } finally {
    await browser.close();
    await harness.close();
  }
}
