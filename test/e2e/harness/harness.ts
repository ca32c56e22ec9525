import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createBallastCore, type BallastCore } from '../../../core/runtime/index.ts';
import { createLogger, fileDestination } from '../../../core/log/index.ts';
import { createGuardedInvoke, type GuardedInvoke } from '../../../electron/main/ipcGuard.ts';
import { isTrustedSender } from '../../../electron/main/security.ts';
import { repoRoot } from '../../support/sharedData.ts';
import { bridgeBundle } from './bridgeBundle.ts';
import { serveRenderer, type StaticServer } from './staticServer.ts';

/**
 * The app without Electron: the built renderer in real Chromium, the real core in this test
 * process, and between them the same generated bridge and the same main-side guard as the app.
 */
export interface Harness {
  readonly url: string;
  readonly core: BallastCore;
  readonly invoke: GuardedInvoke;
  readonly logFile: string;
  attach(page: Page): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: { dataDir: string }): Promise<Harness> {
  mkdirSync(options.dataDir, { recursive: true });
  const logFile = join(options.dataDir, 'ballast.log');
  const server: StaticServer = await serveRenderer(join(repoRoot, 'out', 'renderer'));
  const policy = { trustedOrigins: new Set([server.origin]) };
  const core = createBallastCore({ version: '0.0.0-harness', log: createLogger({ destination: fileDestination(logFile) }) });
  const invoke = createGuardedInvoke(core.dispatch, (url) => isTrustedSender(url, policy));
  const pages = new Set<Page>();
  const unsubscribe = core.events.subscribe((message) => {
    for (const page of pages) {
      page.evaluate((m) => (window as unknown as { __ballastHarnessDeliver?: (m: unknown) => void }).__ballastHarnessDeliver?.(m), message)
        .catch(() => undefined); // the page may be navigating or closed; it reloads state on load
    }
  });
  const script = await bridgeBundle();
  return {
    url: `${server.origin}/index.html`,
    core,
    invoke,
    logFile,
    async attach(page) {
      pages.add(page);
      page.once('close', () => pages.delete(page));
      await page.exposeBinding('__ballastHarnessInvoke', (source, command: unknown, input: unknown) =>
        invoke({ url: source.frame.url() }, command, input),
      );
      await page.addInitScript({ content: script });
    },
    async close() {
      unsubscribe();
      core.dispose();
      await server.close();
    },
  };
}
