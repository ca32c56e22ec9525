import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { repoRoot } from '../support/sharedData.ts';

describe('the tray icon', () => {
  const mainSource = readFileSync(join(repoRoot, 'electron', 'main', 'index.ts'), 'utf8');
  const imported = /import trayIconPath from '([^']+)\?asset';/.exec(mainSource)?.[1];

  it('is a PNG in resources/, imported by the main process', () => {
    expect(imported).toBeDefined();
    const file = resolve(repoRoot, 'electron', 'main', imported ?? '');
    expect(relative(repoRoot, file)).toMatch(/^resources\//);
    expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
  });

  it('is packed with the app, since electron-vite points into resources/ instead of copying it', () => {
    const file = relative(repoRoot, resolve(repoRoot, 'electron', 'main', imported ?? ''));
    const files = /^files:\n((?: {2}.*\n)+)/m.exec(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8'))?.[1] ?? '';
    expect(files.split('\n').map((line) => line.trim())).toContain(`- ${file}`);
  });
});
