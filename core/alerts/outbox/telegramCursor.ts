import type { Journal } from '../../journal/index.ts';
import { ALERTS_MIGRATIONS } from './outboxSchema.ts';

/** Where Telegram updates were read up to, so a restart never acts on the same /kill or /pause twice. */
export interface UpdateCursor {
  load(): number | null;
  save(nextUpdateId: number): void;
}

export class JournalUpdateCursor implements UpdateCursor {
  readonly #journal: Journal;

  constructor(journal: Journal) {
    journal.registerMigrations('alerts', ALERTS_MIGRATIONS);
    this.#journal = journal;
  }

  load(): number | null {
    const row = this.#journal.db.prepare('SELECT next_update_id FROM alerts_telegram_cursor WHERE slot = 1').get();
    return row === undefined ? null : Number(row.next_update_id);
  }

  save(nextUpdateId: number): void {
    this.#journal.db.prepare('INSERT OR REPLACE INTO alerts_telegram_cursor (slot, next_update_id) VALUES (1, ?)').run(nextUpdateId);
  }
}
