import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { contentTypeFor, resolveAppAsset } from '../../electron/main/appProtocol.ts';

const root = resolve('/srv/ballast/renderer');

describe('resolveAppAsset', () => {
  it('maps app://ballast paths to files in the renderer build', () => {
    expect(resolveAppAsset(root, 'app://ballast/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://ballast/')).toBe(join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://ballast/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
  });

  it.each([
    'app://ballast/../../etc/passwd',
    'app://ballast/%2e%2e/%2e%2e/etc/passwd',
    'app://ballast/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd',
    'app://ballast/./../renderer-evil/x.js',
  ])('never resolves outside the renderer folder: %s', (url) => {
    const resolved = resolveAppAsset(root, url);
    expect(resolved === null || resolved.startsWith(root + '/')).toBe(true);
  });

  it.each([
    ['encoded traversal', 'app://ballast/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd'],
    ['encoded backslash', 'app://ballast/..%5c..%5cwindows'],
    ['a NUL byte', 'app://ballast/index.html%00.js'],
    ['another host', 'app://other/index.html'],
    ['another scheme', 'file:///srv/ballast/renderer/index.html'],
    ['broken escapes', 'app://ballast/%E0%A4%A'],
  ])('refuses %s', (_label, url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('serves scripts as JavaScript so the CSP and module loader accept them', () => {
    expect(contentTypeFor('a/b.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
  });
});
