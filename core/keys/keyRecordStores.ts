import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { KeysError } from './keysError.ts';
import type { KeyRecordStore, StoredKeyRecord } from './keyRecord.ts';

/** Records kept in memory only; for tests and the E2E harness. */
export class InMemoryKeyRecordStore implements KeyRecordStore {
  readonly #records = new Map<string, unknown>();

  get(id: string): Promise<unknown> {
    return Promise.resolve(structuredClone(this.#records.get(id)));
  }

  put(id: string, record: StoredKeyRecord): Promise<void> {
    this.#records.set(id, structuredClone(record));
    return Promise.resolve();
  }

  delete(id: string): Promise<void> {
    this.#records.delete(id);
    return Promise.resolve();
  }

  entries(): Promise<ReadonlyArray<readonly [string, unknown]>> {
    return Promise.resolve([...this.#records].map(([id, record]) => [id, structuredClone(record)] as const));
  }
}

const fileSchema = z.object({ formatVersion: z.literal(1), records: z.record(z.string(), z.unknown()) });

/**
 * Records in one JSON file, rewritten whole on every change: written to a temporary file next
 * to it (owner-only permissions) and renamed over it, so a crash never leaves half a file and a
 * deleted record's ciphertext does not linger in the current file.
 */
export class JsonFileKeyRecordStore implements KeyRecordStore {
  readonly #path: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    this.#path = path;
  }

  async get(id: string): Promise<unknown> {
    return (await this.#read())[id];
  }

  put(id: string, record: StoredKeyRecord): Promise<void> {
    return this.#update((records) => ({ ...records, [id]: record }));
  }

  delete(id: string): Promise<void> {
    return this.#update((records) => Object.fromEntries(Object.entries(records).filter(([key]) => key !== id)));
  }

  async entries(): Promise<ReadonlyArray<readonly [string, unknown]>> {
    return Object.entries(await this.#read());
  }

  async #read(): Promise<Record<string, unknown>> {
    let text: string;
    try {
      text = await readFile(this.#path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new KeysError('STORE_DAMAGED', 'The saved keys file is damaged and cannot be read. Your keys need to be entered again.');
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) {
      throw new KeysError('STORE_DAMAGED', 'The saved keys file is not in a form Ballast understands. Your keys need to be entered again.');
    }
    return { ...parsed.data.records };
  }

  /** Changes are applied one at a time so two saves cannot overwrite each other. */
  #update(change: (records: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
    const next = this.#queue.then(async () => {
      const records = change(await this.#read());
      await mkdir(dirname(this.#path), { recursive: true });
      const temporary = `${this.#path}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temporary, JSON.stringify({ formatVersion: 1, records }, null, 2), { mode: 0o600 });
      await rename(temporary, this.#path);
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
