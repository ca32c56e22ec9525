import { Writable } from 'node:stream';
import { join } from 'node:path';
import type { CommandName, EventMessage, Result } from '../../../../core/contract/index.ts';
import { createLogger } from '../../../../core/log/index.ts';
import {
  JsonFileKeyRecordStore, PassphraseCipher, type KeyRecordStore, type Secret, type SecretCipher, type WatchScheduler,
} from '../../../../core/keys/index.ts';
import { createBallastCore, type BallastCore, type BallastCoreOptions } from '../../../../core/runtime/index.ts';
import type { LiveReadiness } from '../../../../core/runtime/live/liveReadiness.ts';
import { startFakeExchange, type FakeExchange } from '../../../fake-exchange/index.ts';
import { StandInOsCipher } from '../../keys/support/testCiphers.ts';
import { tempDir } from '../../../support/tempDirs.ts';

/** Recognisable fake credentials: none of these strings may ever come back out. */
export const CANARY = {
  apiKey: 'FAKE-KEY-CANARY-runtime-0000000000abcd',
  secret: 'FAKE-SECRET-CANARY-runtime-7e1d',
  passphrase: 'FAKE-PASS-CANARY-runtime',
  keyPassphrase: 'FAKE-KEYSTORE-PASSPHRASE-CANARY',
} as const;

export const CANARY_VALUES: readonly string[] = Object.values(CANARY);

/** A watch that ticks only when the test says so. */
export class ManualScheduler implements WatchScheduler {
  tick: (() => void) | undefined;
  every(_intervalMs: number, tick: () => void): () => void {
    this.tick = tick;
    return () => { this.tick = undefined; };
  }
}

/** The gate's outside inputs, set by each test. */
export class SettableReadiness implements LiveReadiness {
  strategyId: string | undefined;
  paper: { paperDays: number; paperTrades: number } | undefined;
  riskLimitsSet = false;
  liveStrategyId() { return Promise.resolve(this.strategyId); }
  paperRecordFor(strategyId: string) {
    return Promise.resolve(this.paper === undefined ? undefined : { strategyId, ...this.paper });
  }
  riskLimitsConfigured() { return Promise.resolve({ configured: this.riskLimitsSet }); }
}

/** The passphrase cipher with a cheap scrypt cost, so tests stay fast; the app uses the strong default. */
export const cheapPassphraseCipher = (passphrase: Secret): SecretCipher =>
  new PassphraseCipher({ passphrase, cost: { log2N: 10, r: 8, p: 1 }, allowWeakCost: true });

export interface KeysCoreUnderTest {
  readonly core: BallastCore;
  readonly fake: FakeExchange;
  readonly store: KeyRecordStore;
  readonly storePath: string;
  readonly scheduler: ManualScheduler;
  readonly readiness: SettableReadiness;
  /** Every command result, event and log line seen, for the canary scans. */
  readonly seen: { results: unknown[]; events: EventMessage[]; logLines: string[] };
  call(name: CommandName, input?: unknown): Promise<Result<unknown>>;
  /** Like `call` but returns the value, failing the test on an error result. */
  value<T = Record<string, unknown>>(name: CommandName, input?: unknown): Promise<T>;
  close(): Promise<void>;
}

export interface KeysCoreOptions {
  readonly osCipher?: SecretCipher;
  readonly storePath?: string;
  readonly fake?: FakeExchange;
  /** More of the core's options (the live bot's clock and poll, a kept data folder). */
  readonly core?: Partial<Omit<BallastCoreOptions, 'keys' | 'log' | 'version'>>;
}

export async function startFakeWithCanary(): Promise<FakeExchange> {
  return startFakeExchange({ account: { credentials: { apiKey: CANARY.apiKey, secret: CANARY.secret } } });
}

/** A real core over a JSON key file, a stand-in OS cipher and the fake Binance, reached through real ccxt. */
export async function startKeysCore(options: KeysCoreOptions = {}): Promise<KeysCoreUnderTest> {
  const fake = options.fake ?? await startFakeWithCanary();
  const storePath = options.storePath ?? join(tempDir('keys-runtime'), 'keys.json');
  const store = new JsonFileKeyRecordStore(storePath);
  const scheduler = new ManualScheduler();
  const readiness = new SettableReadiness();
  const seen = { results: [] as unknown[], events: [] as EventMessage[], logLines: [] as string[] };
  const destination = new Writable({ write(chunk: Buffer, _encoding, done) { seen.logLines.push(chunk.toString('utf8')); done(); } });
  const core = createBallastCore({
    dataDir: tempDir('core'),
    ...options.core,
    version: 'test',
    log: createLogger({ destination }),
    keys: {
      store,
      osCipher: options.osCipher ?? new StandInOsCipher('gnome_libsecret'),
      createPassphraseCipher: cheapPassphraseCipher,
      exchangeApiBaseUrls: { binance: fake.url },
      verifyTimeoutMs: 3_000,
      watchScheduler: scheduler,
      liveReadiness: readiness,
    },
  });
  const unsubscribe = core.events.subscribe((message) => { seen.events.push(message); });
  const call = async (name: CommandName, input?: unknown): Promise<Result<unknown>> => {
    const result = await core.dispatch(name, input);
    seen.results.push(result);
    return result;
  };
  return {
    core, fake, store, storePath, scheduler, readiness, seen, call,
    async value<T>(name: CommandName, input?: unknown): Promise<T> {
      const result = await call(name, input);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    },
    async close() {
      unsubscribe();
      core.dispose();
      if (options.fake === undefined) await fake.close();
    },
  };
}

/** Every place a canary could surface, as one text: results, events, log lines. */
export function everythingSeen(seen: KeysCoreUnderTest['seen']): string {
  return [JSON.stringify(seen.results), JSON.stringify(seen.events), ...seen.logLines].join('\n');
}
