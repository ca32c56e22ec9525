import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The app's own origin. Pages are served from `app://ballast/…` (see appProtocol.ts), never
 * from `file://`, so "is this our page?" is a plain origin comparison.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://ballast`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Exchange help pages a person may open from the key wizard. They open in the system browser,
 * never inside Ballast, and only over https.
 */
export const DOCUMENTATION_HOSTS: ReadonlySet<string> = new Set([
  'www.binance.com',
  'support.kraken.com',
  'www.kraken.com',
  'www.okx.com',
  'www.bybit.com',
  'www.kucoin.com',
  'help.coinbase.com',
  'docs.cdp.coinbase.com',
  'www.bitget.com',
]);

export interface OriginPolicy {
  /** Origins whose pages may call the contract and be navigated to. */
  readonly trustedOrigins: ReadonlySet<string>;
}

/** Production trusts only app://ballast; development adds the electron-vite dev server's origin. */
export function originPolicy(devServerUrl?: string): OriginPolicy {
  const origins = new Set([APP_ORIGIN]);
  if (devServerUrl !== undefined) {
    const origin = originOf(devServerUrl);
    if (origin !== null && (origin.startsWith('http://localhost:') || origin.startsWith('http://127.0.0.1:'))) {
      origins.add(origin);
    }
  }
  return { trustedOrigins: origins };
}

/**
 * Origin of a URL, parsed rather than prefix-matched (`app://ballast.evil.com` and
 * `app://ballast@evil` must not pass). Non-standard schemes have an opaque `origin`, so it is
 * rebuilt from protocol and host.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username !== '' || parsed.password !== '') return null;
  return `${parsed.protocol}//${parsed.host}`;
}

/** May this frame call the contract? Only our own page, top frame or not, may. */
export function isTrustedSender(frameUrl: string | undefined, policy: OriginPolicy = originPolicy()): boolean {
  if (frameUrl === undefined) return false;
  const origin = originOf(frameUrl);
  return origin !== null && policy.trustedOrigins.has(origin);
}

/** `will-navigate` / `will-redirect`: only within the app's own origin. */
export function isAllowedNavigation(url: string, policy: OriginPolicy = originPolicy()): boolean {
  return isTrustedSender(url, policy);
}

/** What to do with a request to open a new window: always deny; help pages go to the system browser. */
export function newWindowDecision(url: string): 'open-in-system-browser' | 'deny' {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'deny';
  }
  const isHelpPage = parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '';
  return isHelpPage && DOCUMENTATION_HOSTS.has(parsed.hostname) ? 'open-in-system-browser' : 'deny';
}

export interface CspOptions {
  /** The dev server's origin in development: Vite's client and React refresh need it. */
  readonly devServerOrigin?: string;
}

/**
 * Content-Security-Policy for every page. Production: scripts only from our own origin, no
 * eval, no inline script, no remote origins at all.
 */
export function cspHeader(options: CspOptions = {}): string {
  const dev = options.devServerOrigin;
  const directives: Record<string, string> = {
    'default-src': "'self'",
    // Development only: Vite injects an inline React-refresh preamble and talks over a websocket.
    'script-src': dev === undefined ? "'self'" : `'self' 'unsafe-inline' ${dev}`,
    'style-src': dev === undefined ? "'self'" : `'self' 'unsafe-inline' ${dev}`,
    'img-src': "'self' data:",
    'font-src': "'self'",
    'connect-src': dev === undefined ? "'self'" : `'self' ${dev} ${dev.replace(/^http/, 'ws')}`,
    'object-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-ancestors': "'none'",
    'frame-src': "'none'",
    'worker-src': "'self'",
  };
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/**
 * Headers on every page and asset Ballast serves: the CSP, no MIME sniffing, and cross-origin
 * isolation (no other origin can hold a reference to our window or embed its resources).
 */
export function securityHeaders(options: CspOptions = {}): Record<string, string> {
  return {
    'Content-Security-Policy': cspHeader(options),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** Options for every BrowserWindow Ballast opens. */
export function windowOptions(preloadPath: string, options: { devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Ballast',
    backgroundColor: '#0f1419',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.devTools,
    },
  };
}
