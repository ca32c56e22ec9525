import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every temporary folder Ballast's tests make starts with this, so leftovers can be counted. */
export const TEMP_PREFIX = 'ballast-';

const made = new Set<string>();

/**
 * A fresh folder in the system's temporary folder, named `ballast-<purpose>-…`. It is removed by
 * `removeTempDirs`, which each test file that calls this runs in `afterEach` (or `afterAll` when
 * the folder is made in `beforeAll`).
 */
export function tempDir(purpose: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${purpose}-`));
  made.add(dir);
  return dir;
}

/**
 * Removes every folder `tempDir` made in this test file so far. The names are kept, so that a
 * later call (an `afterAll`) removes again what a write still in flight at the first call recreated.
 */
export function removeTempDirs(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
}

/** Folders in the system's temporary folder that look like Ballast's, for counting leftovers. */
export function ballastTempFolders(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith(TEMP_PREFIX));
}
