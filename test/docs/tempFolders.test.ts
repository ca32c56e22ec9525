import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const TEST_ROOT = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * A file that makes a temporary folder also removes it. Folders made through `tempDir` are
 * removed by `removeTempDirs`, which the file must then call; `mkdtemp` used directly needs an
 * `rm`. The E2E fixtures and the benchmarks run outside vitest and are left out.
 */
describe('temporary folders made by tests', () => {
  it('are removed by the file that makes them', () => {
    const offenders: string[] = [];
    for (const path of sourceFiles(TEST_ROOT)) {
      const name = relative(TEST_ROOT, path);
      if (name.startsWith('e2e') || name.startsWith('bench') || name === join('support', 'tempDirs.ts') || name === join('docs', 'tempFolders.test.ts')) continue;
      const source = readFileSync(path, 'utf8');
      const makesDirect = /\bmkdtemp(Sync)?\(/.test(source);
      const makesHelped = /\btempDir\(/.test(source);
      const isTest = name.endsWith('.test.ts');
      if (makesDirect && !/\brm(Sync)?\(/.test(source)) offenders.push(`${name}: mkdtemp without rm`);
      // A helper module leaves the removal to the test files that use it; a test file does it itself.
      if (makesHelped && isTest && !source.includes('removeTempDirs')) offenders.push(`${name}: tempDir without removeTempDirs`);
    }
    expect(offenders).toEqual([]);
  });
});
