import { app, BrowserWindow, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commandChannel, commandNames, EVENT_CHANNEL } from '#core/contract/index.ts';
import { createLogger, fileDestination } from '#core/log/index.ts';
import { createBallastCore } from '#core/runtime/index.ts';
import type { DesktopNotifier } from '#core/alerts/index.ts';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  cspHeader,
  isAllowedNavigation,
  isTrustedSender,
  newWindowDecision,
  originOf,
  originPolicy,
  securityHeaders,
  windowOptions,
} from './security.ts';
import { contentTypeFor, resolveAppAsset } from './appProtocol.ts';
import { createGuardedInvoke } from './ipcGuard.ts';
import { SafeStorageCipher } from './safeStorageCipher.ts';
import { ElectronStoreKeyRecords } from './electronStoreKeyRecords.ts';
import { installDesktopIntegration } from './desktopIntegration.ts';
// electron-vite turns this into the file's path at run time; electron-builder.yml packs resources/icon-256.png with the app.
import trayIconPath from '../../resources/icon-256.png?asset';
// The Backtest screen's worker thread, bundled as its own file next to main's.
import backtestWorkerPath from '#core/runtime/backtest/backtestWorker.ts?modulePath';

// electron-vite sets this only for `npm start` (development); a packaged app never has it.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const devServerOrigin = devServerUrl === undefined ? undefined : (originOf(devServerUrl) ?? undefined);
const policy = originPolicy(devServerUrl);
const isTrusted = (url: string | undefined): boolean => isTrustedSender(url, policy);

const rendererRoot = join(import.meta.dirname, '..', 'renderer');
const preloadPath = join(import.meta.dirname, '..', 'preload', 'index.cjs');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      // The window may be hidden in the tray while a bot runs.
      window.show();
      window.focus();
    }
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const log = createLogger({ destination: fileDestination(join(app.getPath('logs'), 'ballast.log')) });
  // safeStorage reports its Linux backend only after 'ready'; the keystore records it with every key.
  const osCipher = await SafeStorageCipher.create(safeStorage, process.platform, log);
  // The desktop alert channel shows through the desktop integration, which needs the core first.
  let alertNotifier: DesktopNotifier | null = null;
  const desktopNotifier: DesktopNotifier = { show: (notice) => alertNotifier?.show(notice) ?? Promise.resolve(false) };
  const core = createBallastCore({
    version: app.getVersion(), log, dataDir: app.getPath('userData'), keys: { store: new ElectronStoreKeyRecords(), osCipher }, keepsComputerAwake: true, alerts: { desktopNotifier }, backtestWorkerUrl: backtestWorkerPath,
  });
  await core.restore();

  hardenSession();
  serveAppProtocol();

  const invoke = createGuardedInvoke(core.dispatch, isTrusted);
  for (const name of commandNames) {
    ipcMain.handle(commandChannel(name), (event, input: unknown) => invoke(event.senderFrame, name, input));
  }
  core.events.subscribe((message) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (isTrusted(window.webContents.getURL())) window.webContents.send(EVENT_CHANNEL, message);
    }
  });

  const mainWindow = (): Electron.BrowserWindow | undefined => {
    const [window] = BrowserWindow.getAllWindows();
    return window;
  };
  const showMainWindow = (): void => {
    const existing = mainWindow();
    if (existing === undefined) {
      desktop.watchWindow(openMainWindow());
      return;
    }
    if (existing.isMinimized()) existing.restore();
    existing.show();
    existing.focus();
  };
  const desktop = installDesktopIntegration({ core, log, trayIconPath, mainWindow, showMainWindow });
  alertNotifier = desktop.alertNotifier;

  showMainWindow();
  app.on('activate', showMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Not 'before-quit': that one may be cancelled (the person keeps a running bot), this one is final.
  app.on('will-quit', () => {
    desktop.dispose();
    core.dispose();
  });
}

function hardenSession(): void {
  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  defaultSession.setPermissionCheckHandler(() => false);
  if (devServerOrigin !== undefined) {
    // The dev server's responses get the (development) CSP; app:// responses carry their own.
    defaultSession.webRequest.onHeadersReceived({ urls: [`${devServerOrigin}/*`] }, (details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [cspHeader({ devServerOrigin })] },
      });
    });
  }
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url, policy)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url, policy)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (newWindowDecision(url) === 'open-in-system-browser') void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

function serveAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const filePath = resolveAppAsset(rendererRoot, request.url);
    if (filePath === null) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(filePath);
      return new Response(body, {
        headers: { 'Content-Type': contentTypeFor(filePath), ...securityHeaders() },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

function openMainWindow(): BrowserWindow {
  const window = new BrowserWindow(windowOptions(preloadPath, { devTools: devServerUrl !== undefined }));
  window.once('ready-to-show', () => {
    window.show();
  });
  void window.loadURL(devServerUrl ?? APP_ENTRY_URL);
  return window;
}
