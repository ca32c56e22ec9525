import { describeError } from '../../log/index.ts';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseRiskLimits, type RiskLimits } from '../../risk/index.ts';
import { describeLimitIssues } from './riskLimitFields.ts';

/**
 * The person's risk limits on disk: one JSON file in the data folder. A missing file means "never
 * changed" (safe defaults); a file that cannot be read or parsed is damaged, and damaged never
 * quietly becomes the defaults: the person may have loosened or tightened something, and Ballast
 * cannot know which.
 */
export type RiskLimitsFileRead =
  | { readonly kind: 'saved'; readonly limits: RiskLimits }
  | { readonly kind: 'missing' }
  /** `detail` is for the log and the journal; `plain` is what the person reads. */
  | { readonly kind: 'damaged'; readonly detail: string; readonly plain: string };

interface SavedLimits {
  readonly version: 1;
  readonly savedAtMs: number;
  readonly limits: RiskLimits;
}


export function readRiskLimitsFile(path: string): RiskLimitsFileRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'damaged', detail: `the file could not be read: ${describeError(error)}`, plain: 'the file could not be opened' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { kind: 'damaged', detail: `the file is not valid JSON: ${describeError(error)}`, plain: 'the file is not valid JSON, the format Ballast saves limits in, so it was probably cut short or edited' };
  }
  const envelope = json as Partial<SavedLimits> | null;
  if (envelope === null || typeof envelope !== 'object' || envelope.version !== 1 || !('limits' in envelope)) {
    return { kind: 'damaged', detail: 'the file is not a Ballast risk limits file (version 1)', plain: 'the file is not a risk limits file this Ballast can read' };
  }
  const parsed = parseRiskLimits(envelope.limits);
  if (!parsed.ok) {
    return { kind: 'damaged', detail: `limits out of range or unknown: ${parsed.error.problems.join('; ')}`, plain: `some values are out of range or unknown. ${describeLimitIssues(parsed.error.issues)}` };
  }
  return { kind: 'saved', limits: parsed.value };
}

/**
 * Writes the whole file next to the old one, flushes it to disk, then renames it over: a crash
 * leaves either the old limits or the new ones, never half a file.
 */
export function writeRiskLimitsFile(path: string, limits: RiskLimits, savedAtMs: number): void {
  const saved: SavedLimits = { version: 1, savedAtMs, limits };
  const temporary = `${path}.partial`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(saved, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  flushFolder(dirname(path));
}

/** Makes the rename itself durable; some platforms (Windows) cannot open a folder, and that is fine there. */
function flushFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: the data is already flushed; only the rename's durability depends on the platform.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
