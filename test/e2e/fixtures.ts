import { test as base, _electron, type Browser, type ElectronApplication, type Page, type TestInfo } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/sharedData.ts';
import { startHarness, type Harness } from './harness/harness.ts';
import { startFakeExchange, type Credentials, type FakeExchange } from '../fake-exchange/index.ts';
import { startFakeTelegram, type FakeTelegram } from '../fake-telegram/index.ts';
import { startSmtpTestServer, type SmtpTestServer } from '../core/alerts/support/smtpTestServer.ts';

export type Host = 'harness' | 'electron';

/** One running Ballast, driven like a person would: through its window. */
export interface AppUnderTest {
  readonly host: Host;
  readonly page: Page;
  /** Only in harness mode: direct access to the core for setup and assertions. */
  readonly harness: Harness | undefined;
  /** Saves a PNG under test-results/screenshots/<project>/ and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Only in harness mode with the `fakeExchange` option: the local Binance the core talks to. */
  readonly fakeExchange: FakeExchange | undefined;
  /** Where this run keeps its files (log, keys, journal). */
  readonly dataDir: string;
  /** Only in harness mode with the `alertServers` option: the fake Telegram API and the SMTP server alerts go to. */
  readonly alertServers: { readonly telegram: FakeTelegram; readonly smtp: SmtpTestServer } | undefined;
}

/** Harness mode only: start a fake Telegram Bot API and an SMTP server (STARTTLS) on 127.0.0.1 for the core's alerts. */
export interface AlertServersSetup {
  readonly telegramToken: string;
  readonly telegramChats: readonly number[];
  readonly smtpUsername: string;
  readonly smtpPassword: string;
}

/** Harness mode only: start a fake Binance with this account's key and point the core at it. */
export interface FakeExchangeSetup {
  readonly credentials: Credentials;
  /** How often the live key is re-read; short in specs so a flipped permission is seen quickly. */
  readonly permissionWatchIntervalMs?: number;
  /**
   * Market time the fake starts at (it then stands still until the spec moves it). With it, the
   * core's clock is the fake's market time, so a live bot trades the replayed bars.
   */
  readonly startAt?: string;
  /** Behave like Binance's spot testnet: no `/sapi`, so the permission endpoint is absent (practice on the exchange). */
  readonly testnet?: boolean;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Debian's Chromium where installed (CI and the build machines); Playwright's own browser elsewhere. */
export function systemChromium(): string | undefined {
  const candidate = process.env.BALLAST_CHROMIUM ?? '/usr/bin/chromium';
  return existsSync(candidate) ? candidate : undefined;
}

/** The Electron binary to drive, or why there is none. Never triggers a download. */
export function electronBinary(): { path: string } | { missing: string } {
  const fromEnv = process.env.ELECTRON_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    return existsSync(fromEnv) ? { path: fromEnv } : { missing: `ELECTRON_PATH is set but ${fromEnv} does not exist` };
  }
  const pathFile = join(repoRoot, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) {
    return { missing: 'no Electron binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD; set ELECTRON_PATH to run these specs in the real app)' };
  }
  const executable = join(repoRoot, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? { path: executable } : { missing: `no Electron binary at ${executable}` };
}

function screenshotter(page: Page, testInfo: TestInfo) {
  const dir = join(repoRoot, 'test-results', 'screenshots', testInfo.project.name);
  mkdirSync(dir, { recursive: true });
  return async (name: string): Promise<string> => {
    const path = join(dir, `${name}.png`);
    await page.screenshot({ path });
    return path;
  };
}

/** One Chromium per worker, launched on first use (never in Electron mode). */
type LazyBrowser = () => Promise<Browser>;

export const test = base.extend<
  { host: Host; fakeExchange: FakeExchangeSetup | undefined; alertServers: AlertServersSetup | undefined; recordResponses: boolean; app: AppUnderTest },
  { lazyChromium: LazyBrowser }
>({
  host: ['harness', { option: true }],
  fakeExchange: [undefined, { option: true }],
  alertServers: [undefined, { option: true }],
  recordResponses: [false, { option: true }],
  lazyChromium: [
    async ({ playwright }, use) => {
      let launched: Promise<Browser> | undefined;
      await use(() => {
        const executablePath = systemChromium();
        launched ??= playwright.chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS });
        return launched;
      });
      if (launched) await (await launched).close();
    },
    { scope: 'worker' },
  ],
  app: async ({ host, fakeExchange, alertServers, recordResponses, lazyChromium }, use, testInfo) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ballast-e2e-'));
    if (host === 'electron') {
      const binary = electronBinary();
      if ('missing' in binary) {
        testInfo.skip(true, `skipped: ${binary.missing}`);
        return;
      }
      const electronApp: ElectronApplication = await _electron.launch({
        executablePath: binary.path,
        args: [join(repoRoot, 'out', 'main', 'index.js'), `--user-data-dir=${dataDir}`],
      });
      const page = await electronApp.firstWindow();
      await page.getByTestId('trading-state').waitFor();
      await use({ host, page, harness: undefined, screenshot: screenshotter(page, testInfo), fakeExchange: undefined, dataDir, alertServers: undefined });
      await electronApp.close();
      return;
    }
    const fake = fakeExchange === undefined ? undefined : await startFakeExchange({ account: { credentials: fakeExchange.credentials }, ...(fakeExchange.startAt === undefined ? {} : { startAt: fakeExchange.startAt }), ...(fakeExchange.testnet === true ? { testnet: true } : {}) });
    const marketClock = fake !== undefined && fakeExchange?.startAt !== undefined ? { nowMs: () => fake.clock.nowMs(), liveBotPollMs: 100 } : {};
    const servers = alertServers === undefined ? undefined : {
      telegram: await startFakeTelegram({ token: alertServers.telegramToken, chats: alertServers.telegramChats }),
      smtp: await startSmtpTestServer({ username: alertServers.smtpUsername, password: alertServers.smtpPassword }),
    };
    const harness = await startHarness({
      dataDir,
      recordResponses,
      ...marketClock,
      ...(servers === undefined ? {} : { alerts: { telegramApiBaseUrl: servers.telegram.url, smtpExtraCaPem: [servers.smtp.certificate.certPem], smtpTimeoutMs: 5_000 } }),
      ...(fake === undefined ? {} : { exchangeApiBaseUrls: { binance: fake.url } }),
      ...(fakeExchange?.permissionWatchIntervalMs === undefined ? {} : { permissionWatchIntervalMs: fakeExchange.permissionWatchIntervalMs }),
    });
    const context = await (await lazyChromium()).newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await harness.attach(page);
    await page.goto(harness.url);
    await page.getByTestId('trading-state').waitFor();
    await use({ host, page, harness, screenshot: screenshotter(page, testInfo), fakeExchange: fake, dataDir, alertServers: servers });
    await context.close();
    await harness.close();
    await fake?.close();
    await servers?.telegram.close();
    await servers?.smtp.close();
  },
});

export { expect } from '@playwright/test';
