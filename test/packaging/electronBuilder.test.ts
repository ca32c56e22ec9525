import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/sharedData.ts';

/** Minimal reader for the flat `key: value` and `- item` YAML that electron-builder.yml uses. */
function readSection(yaml: string, section: string): Map<string, string> {
  const lines = yaml.split('\n');
  const start = lines.findIndex((line) => line === `${section}:`);
  const entries = new Map<string, string>();
  if (start < 0) return entries;
  for (const line of lines.slice(start + 1)) {
    const match = /^ {2}([A-Za-z]+):\s*(.*)$/.exec(line);
    if (!match) break;
    entries.set(match[1] ?? '', match[2] ?? '');
  }
  return entries;
}

describe('electron-builder.yml', () => {
  const yaml = readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8');

  it('flips the security fuses at package time', () => {
    const fuses = readSection(yaml, 'electronFuses');
    expect(Object.fromEntries(fuses)).toMatchObject({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      onlyLoadAppFromAsar: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });

  it('builds AppImage and deb, dmg and nsis with a real app id and icon', () => {
    expect(yaml).toMatch(/^appId: app\.ballast\.desktop$/m);
    expect(yaml).toMatch(/^productName: Ballast$/m);
    expect(yaml).toMatch(/- AppImage\n\s+- deb/);
    expect(yaml).toMatch(/^mac:\n {2}target: dmg$/m);
    expect(yaml).toMatch(/^win:\n {2}target: nsis$/m);
    const icon = /^icon: (.+)$/m.exec(yaml)?.[1];
    expect(icon).toBeDefined();
    expect(readFileSync(join(repoRoot, icon ?? '')).subarray(1, 4).toString()).toBe('PNG');
  });
});
