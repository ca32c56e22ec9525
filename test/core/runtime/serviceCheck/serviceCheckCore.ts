import { Writable } from 'node:stream';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandName, EventMessage, Result } from '../../../../core/contract/index.ts';
import { createLogger } from '../../../../core/log/index.ts';
import { InMemoryKeyRecordStore } from '../../../../core/keys/index.ts';
import { createBallastCore, type BallastCore } from '../../../../core/runtime/index.ts';
import { startFakeExchange, type FakeExchange } from '../../../fake-exchange/index.ts';
import { StandInOsCipher } from '../../keys/support/testCiphers.ts';
import { tempDir } from '../../../support/tempDirs.ts';

/** Recognisable fake credentials for the service check: none may ever come back out. */
export const CANARY = {
  apiKey: 'FAKE-KEY-CANARY-svccheck-00000000c0ffee',
  secret: 'FAKE-SECRET-CANARY-svccheck-4b2a',
  passphrase: 'FAKE-PASS-CANARY-svccheck',
} as const;

export interface ServiceCheckCore {
  readonly core: BallastCore;
  readonly fake: FakeExchange;
  readonly dataDir: string;
  readonly seen: { results: unknown[]; events: EventMessage[]; logLines: string[] };
  call(name: CommandName, input?: unknown): Promise<Result<unknown>>;
  value<T>(name: CommandName, input?: unknown): Promise<T>;
  /** Every byte of every file the core wrote in its data folder (journal, reports), as text. */
  filesWritten(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

async function filesUnder(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  const nested = await Promise.all(names.map(async (name) => {
    const path = join(dir, name);
    return (await stat(path)).isDirectory() ? filesUnder(path) : [path];
  }));
  return nested.flat();
}

/**
 * The composed core (as the app builds it) over a throwaway data folder, with the fake Binance
 * holding the canary key. OKX requests go to the same server, which does not speak OKX: an
 * exchange that answers with an error.
 */
export async function startServiceCheckCore(): Promise<ServiceCheckCore> {
  const fake = await startFakeExchange({ account: { credentials: { apiKey: CANARY.apiKey, secret: CANARY.secret } } });
  const dataDir = tempDir('service-check');
  const seen = { results: [] as unknown[], events: [] as EventMessage[], logLines: [] as string[] };
  const destination = new Writable({ write(chunk: Buffer, _encoding, done) { seen.logLines.push(chunk.toString('utf8')); done(); } });
  const core = createBallastCore({
    version: 'test',
    log: createLogger({ destination }),
    dataDir,
    keys: {
      store: new InMemoryKeyRecordStore(),
      osCipher: new StandInOsCipher('gnome_libsecret'),
      exchangeApiBaseUrls: { binance: fake.url, okx: fake.url },
      verifyTimeoutMs: 3_000,
    },
  });
  const unsubscribe = core.events.subscribe((message) => { seen.events.push(message); });
  const call = async (name: CommandName, input?: unknown): Promise<Result<unknown>> => {
    const result = await core.dispatch(name, input);
    seen.results.push(result);
    return result;
  };
  return {
    core, fake, dataDir, seen, call,
    async value<T>(name: CommandName, input?: unknown): Promise<T> {
      const result = await call(name, input);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    },
    async filesWritten() {
      const paths = await filesUnder(dataDir);
      return Object.fromEntries(await Promise.all(paths.map(async (path) => [path, (await readFile(path)).toString('latin1')] as const)));
    },
    async close() {
      unsubscribe();
      core.dispose();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
