import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { fileHash, readTrainedModel, serialiseTrainedModel, type TrainedModel } from '../../signals/model/index.ts';
import type { Logger } from '../../log/index.ts';

/** What Ballast notes beside a model file: where it was trained and when. */
const ModelNoteSchema = z.strictObject({ fileHash: z.string(), sourceLabel: z.string().max(300), trainedAtMs: z.number() });
export type ModelNote = z.infer<typeof ModelNoteSchema>;

const SettingsSchema = z.strictObject({ currentFileHash: z.string().nullable(), filterOn: z.boolean() });
type ModelSettings = z.infer<typeof SettingsSchema>;

export interface StoredModel {
  readonly fileHash: string;
  readonly trained: TrainedModel;
  readonly note: ModelNote;
}

const HASH = /^[0-9a-f]{64}$/;

/**
 * Trained models under `<data folder>/models`, one file per version named by the sha256 of its
 * bytes, so a version can never change under its name; a file whose bytes no longer match its
 * name is damaged and is not loaded. Which version is current, and whether it filters the paper
 * bot, is a small settings file beside them; adopting a version is the person's action.
 */
export class ModelStore {
  readonly #folder: string;
  readonly #log: Logger;
  readonly #cache = new Map<string, StoredModel>();

  constructor(folder: string, log: Logger) {
    this.#folder = folder;
    this.#log = log;
    mkdirSync(folder, { recursive: true });
  }

  save(trained: TrainedModel, note: Omit<ModelNote, 'fileHash'>): StoredModel {
    const bytes = serialiseTrainedModel(trained);
    const hash = fileHash(bytes);
    const path = this.#modelPath(hash);
    if (!existsSync(path)) this.#writeAtomically(path, bytes);
    const fullNote: ModelNote = { fileHash: hash, ...note };
    const notePath = join(this.#folder, `${hash}.note.json`);
    if (!existsSync(notePath)) this.#writeAtomically(notePath, JSON.stringify(fullNote));
    const stored = { fileHash: hash, trained, note: this.#readNote(hash) ?? fullNote };
    this.#cache.set(hash, stored);
    return stored;
  }

  /** A version by file hash; null when missing or damaged (logged, never half-loaded). */
  load(hash: string): StoredModel | null {
    if (!HASH.test(hash)) return null;
    const cached = this.#cache.get(hash);
    if (cached !== undefined) return cached;
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(this.#modelPath(hash));
    } catch {
      return null;
    }
    if (fileHash(bytes) !== hash) {
      this.#log.warn({ fileHash: hash }, 'a model file does not match its name; it was not loaded');
      return null;
    }
    const read = readTrainedModel(bytes);
    if (!read.ok) {
      this.#log.warn({ fileHash: hash, code: read.code }, 'a model file could not be read');
      return null;
    }
    const stored = { fileHash: hash, trained: read.value, note: this.#readNote(hash) ?? { fileHash: hash, sourceLabel: '', trainedAtMs: 0 } };
    this.#cache.set(hash, stored);
    return stored;
  }

  /** Every readable version, newest first. */
  list(): StoredModel[] {
    const hashes = readdirSync(this.#folder).filter((name) => /^[0-9a-f]{64}\.model\.json$/.test(name)).map((name) => name.slice(0, 64));
    return hashes.map((hash) => this.load(hash)).filter((item): item is StoredModel => item !== null).sort((a, b) => b.note.trainedAtMs - a.note.trainedAtMs);
  }

  settings(): ModelSettings {
    try {
      const parsed = SettingsSchema.safeParse(JSON.parse(readFileSync(join(this.#folder, 'settings.json'), 'utf8')));
      if (parsed.success) return parsed.data;
      this.#log.warn({}, 'the model settings file is damaged; the model filter stays off');
    } catch {
      // No settings yet: no current model, filter off.
    }
    return { currentFileHash: null, filterOn: false };
  }

  saveSettings(settings: ModelSettings): void {
    this.#writeAtomically(join(this.#folder, 'settings.json'), JSON.stringify(settings));
  }

  current(): StoredModel | null {
    const hash = this.settings().currentFileHash;
    return hash === null ? null : this.load(hash);
  }

  #readNote(hash: string): ModelNote | null {
    try {
      const parsed = ModelNoteSchema.safeParse(JSON.parse(readFileSync(join(this.#folder, `${hash}.note.json`), 'utf8')));
      return parsed.success && parsed.data.fileHash === hash ? parsed.data : null;
    } catch {
      return null;
    }
  }

  #modelPath(hash: string): string {
    return join(this.#folder, `${hash}.model.json`);
  }

  #writeAtomically(path: string, content: Uint8Array | string): void {
    const partial = `${path}.partial`;
    writeFileSync(partial, content);
    renameSync(partial, path);
  }
}
