import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createBallastCore, type BallastCore, type BallastCoreOptions } from '../../../core/runtime/index.ts';
import { createLogger, fileDestination } from '../../../core/log/index.ts';
import type { EventMessage, Result } from '../../../core/contract/index.ts';
import { JsonFileKeyRecordStore, type ExchangeId } from '../../../core/keys/index.ts';
import { createGuardedInvoke, type GuardedInvoke } from '../../../electron/main/ipcGuard.ts';
import { isTrustedSender } from '../../../electron/main/security.ts';
import { repoRoot } from '../../support/sharedData.ts';
import { bridgeBundle } from './bridgeBundle.ts';
import { serveRenderer, type StaticServer } from './staticServer.ts';
import { fastPassphraseCipher, StandInOsCipher } from '../../core/keys/support/testCiphers.ts';
import { SettableLiveReadiness } from './settableLiveReadiness.ts';

/** What the page received, in order: every command result and every event. */
export type RecordedMessage =
  | { readonly kind: 'result'; readonly command: unknown; readonly result: Result<unknown> }
  | { readonly kind: 'event'; readonly event: EventMessage };

export interface HarnessOptions {
  readonly dataDir: string;
  /** Send an exchange's requests to a local server, e.g. `{ binance: fake.url }`. */
  readonly exchangeApiBaseUrls?: Partial<Record<ExchangeId, string>>;
  /** How often a live key's permissions are re-read (the app: every minute). */
  readonly permissionWatchIntervalMs?: number;
  /** Keep every result and event the page received in `responses`, for canary scans. */
  readonly recordResponses?: boolean;
  /** Send alerts to local servers: the fake Telegram API and a test SMTP server's certificate. */
  readonly alerts?: BallastCoreOptions['alerts'];
  /** The core's clock (a live spec follows the fake exchange's market time); default the wall clock. */
  readonly nowMs?: () => number;
  /** How often the live bot asks for a newly closed bar. */
  readonly liveBotPollMs?: number;
}

/**
 * The app without Electron: the built renderer in real Chromium, the real core in this test
 * process, and between them the same generated bridge and the same main-side guard as the app.
 */
export interface Harness {
  readonly url: string;
  readonly core: BallastCore;
  readonly invoke: GuardedInvoke;
  readonly logFile: string;
  /** Saved keys (ciphertext only), as JSON. */
  readonly keyStoreFile: string;
  /** The live gate's paper-record and risk-limit inputs: the core's own unless a spec sets them. */
  readonly liveReadiness: SettableLiveReadiness;
  /** Filled only with `recordResponses`. */
  readonly responses: readonly RecordedMessage[];
  attach(page: Page): Promise<void>;
  /** Stops the core and starts a fresh one on the same data folder, as an app restart would. */
  restartCore(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  mkdirSync(options.dataDir, { recursive: true });
  const logFile = join(options.dataDir, 'ballast.log');
  const server: StaticServer = await serveRenderer(join(repoRoot, 'out', 'renderer'));
  const policy = { trustedOrigins: new Set([server.origin]) };
  const keyStoreFile = join(options.dataDir, 'keys.json');
  const liveReadiness = new SettableLiveReadiness();
  const makeCore = async (): Promise<BallastCore> => {
    const created = createBallastCore({
      version: '0.0.0-harness',
      log: createLogger({ destination: fileDestination(logFile) }),
      dataDir: options.dataDir,
      ...(options.alerts === undefined ? {} : { alerts: options.alerts }),
      ...(options.nowMs === undefined ? {} : { nowMs: options.nowMs }),
      ...(options.liveBotPollMs === undefined ? {} : { liveBotPollMs: options.liveBotPollMs }),
      keys: {
        store: new JsonFileKeyRecordStore(keyStoreFile),
        // No OS key store here: the one Electron falls back to on Linux without a keyring
        // ('basic_text', weak), so the specs see what such a computer shows: live keys need a passphrase.
        osCipher: new StandInOsCipher('basic_text'),
        createPassphraseCipher: (passphrase) => fastPassphraseCipher(passphrase),
        liveReadiness,
        ...(options.exchangeApiBaseUrls === undefined ? {} : { exchangeApiBaseUrls: options.exchangeApiBaseUrls }),
        ...(options.permissionWatchIntervalMs === undefined ? {} : { permissionWatchIntervalMs: options.permissionWatchIntervalMs }),
      },
    });
    liveReadiness.useRecords(created.liveReadiness);
    await created.restore();
    return created;
  };
  const responses: RecordedMessage[] = [];
  const pages = new Set<Page>();
  const forward = (message: EventMessage): void => {
    if (options.recordResponses === true) responses.push({ kind: 'event', event: message });
    for (const page of pages) {
      page.evaluate((m) => (window as unknown as { __ballastHarnessDeliver?: (m: unknown) => void }).__ballastHarnessDeliver?.(m), message)
        .catch(() => undefined); // the page may be navigating or closed; it reloads state on load
    }
  };
  let core = await makeCore();
  let unsubscribe = core.events.subscribe(forward);
  // Calls always reach the current core, so a spec can restart it under an open page.
  const invoke = createGuardedInvoke((command, input) => core.dispatch(command, input), (url) => isTrustedSender(url, policy));
  const script = await bridgeBundle();
  return {
    url: `${server.origin}/index.html`,
    get core() {
      return core;
    },
    invoke,
    logFile,
    keyStoreFile,
    liveReadiness,
    responses,
    async attach(page) {
      pages.add(page);
      page.once('close', () => pages.delete(page));
      await page.exposeBinding('__ballastHarnessInvoke', async (source, command: unknown, input: unknown) => {
        const result = await invoke({ url: source.frame.url() }, command, input);
        if (options.recordResponses === true) responses.push({ kind: 'result', command, result });
        return result;
      });
      await page.addInitScript({ content: script });
    },
    async restartCore() {
      unsubscribe();
      core.dispose();
      core = await makeCore();
      unsubscribe = core.events.subscribe(forward);
    },
    async close() {
      unsubscribe();
      core.dispose();
      await server.close();
    },
  };
}
