import Store from 'electron-store';
import { KeysError, type KeyRecordStore, type StoredKeyRecord } from '#core/keys/index.ts';

type Records = Record<string, unknown>;

const DAMAGED = 'The saved keys file cannot be read. Your keys need to be entered again.';

/**
 * Key records in electron-store (keys.json in the user-data folder, owner-only permissions), main
 * process only. Deliberately thin: what comes back is parsed again by the keystore, and records
 * hold only ciphertext. Ids are used as plain property names, never as dotted paths.
 */
export class ElectronStoreKeyRecords implements KeyRecordStore {
  readonly #store: Store<{ records: Records }> | undefined;

  constructor() {
    try {
      this.#store = new Store<{ records: Records }>({
        name: 'keys',
        accessPropertiesByDotNotation: false,
        configFileMode: 0o600,
        defaults: { records: {} },
      });
    } catch {
      // A damaged file must not stop the app from starting; every key operation says so instead.
      this.#store = undefined;
    }
  }

  get(id: string): Promise<unknown> {
    return this.#read().then((records) => (Object.hasOwn(records, id) ? records[id] : undefined));
  }

  put(id: string, record: StoredKeyRecord): Promise<void> {
    return this.#read().then((records) => { this.#write({ ...records, [id]: record }); });
  }

  delete(id: string): Promise<void> {
    return this.#read().then((records) => {
      this.#write(Object.fromEntries(Object.entries(records).filter(([key]) => key !== id)));
    });
  }

  entries(): Promise<ReadonlyArray<readonly [string, unknown]>> {
    return this.#read().then((records) => Object.entries(records));
  }

  #read(): Promise<Records> {
    const records: unknown = this.#store?.get('records');
    if (this.#store === undefined || typeof records !== 'object' || records === null || Array.isArray(records)) {
      return Promise.reject(new KeysError('STORE_DAMAGED', DAMAGED));
    }
    return Promise.resolve(records as Records);
  }

  #write(records: Records): void {
    this.#store?.set('records', records);
  }
}
