import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  cspHeader,
  isAllowedNavigation,
  isTrustedSender,
  newWindowDecision,
  originPolicy,
  securityHeaders,
  windowOptions,
} from '../../electron/main/security.ts';

describe('windowOptions', () => {
  it('turns on every sandbox and isolation setting', () => {
    const prefs = windowOptions('/app/preload/index.cjs', { devTools: false }).webPreferences;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
      preload: '/app/preload/index.cjs',
    });
  });

  it('allows DevTools only when asked (development)', () => {
    expect(windowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
  });
});

describe('isTrustedSender', () => {
  it('trusts the app page and any path under app://ballast', () => {
    expect(isTrustedSender(APP_ENTRY_URL)).toBe(true);
    expect(isTrustedSender('app://ballast/screens/keys#x')).toBe(true);
  });

  it.each([
    ['a look-alike host', 'app://ballast.evil.com/index.html'],
    ['credentials in the URL', 'app://ballast@evil.com/index.html'],
    ['a user part naming our host', 'app://evil@ballast/index.html'],
    ['file://', 'file:///app/index.html'],
    ['a remote https page', 'https://ballast/index.html'],
    ['the dev server in production', 'http://localhost:5173/'],
    ['about:blank', 'about:blank'],
    ['an unparseable URL', 'not a url'],
    ['no frame at all', undefined],
    ['a data: URL', 'data:text/html,<script>1</script>'],
  ])('refuses %s', (_label, url) => {
    expect(isTrustedSender(url)).toBe(false);
  });

  it('trusts the local dev server only when one is configured, and never a remote one', () => {
    const dev = originPolicy('http://localhost:5173/');
    expect(isTrustedSender('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5174/index.html', dev)).toBe(false);
    const remote = originPolicy('http://evil.example:5173/');
    expect(isTrustedSender('http://evil.example:5173/', remote)).toBe(false);
  });
});

describe('isAllowedNavigation', () => {
  it('keeps navigation inside the app', () => {
    expect(isAllowedNavigation('app://ballast/index.html')).toBe(true);
  });

  it.each(['https://example.com/', 'app://ballast.example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'http://127.0.0.1:9/'])(
    'denies %s',
    (url) => {
      expect(isAllowedNavigation(url)).toBe(false);
    },
  );
});

describe('newWindowDecision', () => {
  it('opens exchange help pages in the system browser', () => {
    expect(newWindowDecision('https://www.binance.com/en/support/faq/how-to-create-api-keys')).toBe('open-in-system-browser');
    expect(newWindowDecision('https://support.kraken.com/hc/en-us/articles/360000919966')).toBe('open-in-system-browser');
  });

  it.each([
    'http://www.binance.com/',
    'https://www.binance.com.evil.com/',
    'https://user@www.binance.com/',
    'https://www.binance.com:8443/',
    'https://example.com/',
    'app://ballast/index.html',
    'javascript:alert(1)',
    'garbage',
  ])('denies %s', (url) => {
    expect(newWindowDecision(url)).toBe('deny');
  });
});

describe('cspHeader', () => {
  const directives = (header: string) =>
    new Map(header.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }));

  it('allows scripts only from the app itself in production', () => {
    const csp = directives(cspHeader());
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(cspHeader()).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });

  it('never allows eval, even in development', () => {
    expect(cspHeader({ devServerOrigin: 'http://localhost:5173' })).not.toContain('unsafe-eval');
  });
});

describe('securityHeaders', () => {
  it('sends the production CSP with nosniff and cross-origin isolation', () => {
    expect(securityHeaders()).toEqual({
      'Content-Security-Policy': cspHeader(),
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
  });
});
