import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal, type Journal } from '../../../../core/journal/index.ts';

/** A journal file in its own temp folder, reopened as a restart would. */
export interface TempJournal {
  readonly path: string;
  open(): Journal;
  remove(): void;
}

export function tempJournal(prefix = 'ballast-risk-'): TempJournal {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const path = join(dir, 'journal.sqlite');
  return {
    path,
    open: () => openJournal(path),
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Payloads of the state_change rows, oldest first. */
export function stateChanges(journal: Journal): Array<Record<string, unknown>> {
  return journal
    .query({ kinds: ['state_change'], limit: 1000 })
    .events.reverse()
    .map((event) => JSON.parse(event.payloadJson) as Record<string, unknown>);
}
