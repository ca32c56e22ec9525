import type { Exchange } from 'ccxt';
import { ContractError, type EventHub, type KeyView } from '../../contract/index.ts';
import type { Logger } from '../../log/index.ts';
import {
  checkPracticeKey, createExchangeClient, isOnPracticeSite, keyPermissionReader, practiceSiteOf, verifyKeyPermissions, type PracticeKeyAnswer,
  type ExchangeCredentials, type ExchangeId, type KeyEnvironment, type KeyRecordStore, type KeySummary,
  type PermissionReader, type PermissionReport, type SecretCipher, type WatchScheduler,
} from '../../keys/index.ts';
import type { TradingStateMachine } from '../../risk/index.ts';
import { KeyCiphers, type PassphraseCipherFactory } from './keyCiphers.ts';
import { withKeysRefusals } from './keysRefusals.ts';
import { keyView } from './keysViews.ts';
import { NOT_YET_CONNECTED_READINESS, type LiveReadiness } from '../live/liveReadiness.ts';
import { LivePermissionWatch } from '../live/livePermissionWatch.ts';
import { PendingKeyChecks } from './pendingKeyChecks.ts';
import { PracticeSession } from '../practice/practiceSession.ts';

/** Spot only on Binance, so no futures or margin market is even loaded (nor asked of a practice site). */
function spotOnly(exchange: ExchangeId, client: Exchange): Exchange {
  if (exchange === 'binance') client.options = { ...client.options, defaultType: 'spot', fetchMarkets: { types: ['spot'] }, fetchMargins: false, fetchCurrencies: false };
  return client;
}

/** How the host wires the keys feature: where records live, how they are encrypted, what the gate asks. */
export interface KeysOptions {
  readonly store: KeyRecordStore;
  /** The operating system's cipher (safeStorage in the app). */
  readonly osCipher: SecretCipher;
  /** How a passphrase becomes a cipher; tests pass a cheap one, the app uses the strong default. */
  readonly createPassphraseCipher?: PassphraseCipherFactory;
  /** Tests only: send an exchange's requests to a local server (the fake exchange). */
  readonly exchangeApiBaseUrls?: Partial<Record<ExchangeId, string>>;
  readonly verifyTimeoutMs?: number;
  readonly permissionWatchIntervalMs?: number;
  readonly watchScheduler?: WatchScheduler;
  readonly liveReadiness?: LiveReadiness;
  /** How long a checked, unsaved key is held for "Save". */
  readonly pendingHoldMs?: number;
}

export interface KeysRuntimeContext {
  readonly options: KeysOptions;
  readonly tradingState: TradingStateMachine;
  readonly events: EventHub;
  readonly nowMs: () => number;
  readonly log: Logger;
}

/** The parts every keys handler shares, built once per core. */
export class KeysRuntime {
  readonly ciphers: KeyCiphers;
  readonly pending: PendingKeyChecks;
  readonly live: LivePermissionWatch;
  /** Practice on an exchange's practice site; it and live mode exclude each other. */
  readonly practice = new PracticeSession();
  readonly readiness: LiveReadiness;
  readonly store: KeyRecordStore;
  readonly tradingState: TradingStateMachine;
  readonly nowMs: () => number;
  readonly log: Logger;
  readonly #options: KeysOptions;

  constructor(context: KeysRuntimeContext) {
    const { options, nowMs, log } = context;
    this.#options = options;
    this.nowMs = nowMs;
    this.log = log;
    this.store = options.store;
    this.tradingState = context.tradingState;
    this.readiness = options.liveReadiness ?? NOT_YET_CONNECTED_READINESS;
    this.ciphers = new KeyCiphers({
      osCipher: options.osCipher,
      store: options.store,
      nowMs,
      logger: log,
      ...(options.createPassphraseCipher === undefined ? {} : { createPassphraseCipher: options.createPassphraseCipher }),
    });
    this.pending = new PendingKeyChecks({ nowMs, ...(options.pendingHoldMs === undefined ? {} : { holdMs: options.pendingHoldMs }) });
    this.live = new LivePermissionWatch({
      tradingState: context.tradingState,
      events: context.events,
      nowMs,
      log,
      recordReport: (keyId, report) => this.ciphers.records.recordPermissionReport(keyId, report),
      ...(options.permissionWatchIntervalMs === undefined ? {} : { watchIntervalMs: options.permissionWatchIntervalMs }),
      ...(options.watchScheduler === undefined ? {} : { scheduler: options.watchScheduler }),
    });
  }

  /** Asks the exchange what these (not yet saved) credentials may do. Never throws for exchange trouble. */
  checkNewCredentials(exchange: ExchangeId, environment: KeyEnvironment, credentials: ExchangeCredentials): Promise<PermissionReport> {
    return withKeysRefusals(() => {
      const client = createExchangeClient(exchange, credentials, { environment, ...this.#clientOptions(exchange) });
      return verifyKeyPermissions(exchange, client, { nowMs: this.nowMs, ...this.#timeout() });
    });
  }

  /**
   * Test-network keys only: one signed balance read on the exchange's practice site, which does
   * not serve the permission check. A real-account key is refused there.
   */
  async checkNewPracticeKey(exchange: ExchangeId, credentials: ExchangeCredentials): Promise<{ host: string; answer: PracticeKeyAnswer }> {
    const site = practiceSiteOf(exchange);
    if (!site.ok) throw new ContractError('REFUSED', site.reason);
    const client = spotOnly(exchange, await withKeysRefusals(() => Promise.resolve(createExchangeClient(exchange, credentials, { environment: 'testnet', ...this.#clientOptions(exchange) }))));
    if (!isOnPracticeSite(client, site.site)) throw new ContractError('REFUSED', 'Ballast could not switch to the exchange’s practice site, so it did not send the key anywhere.');
    return { host: site.site.host, answer: await checkPracticeKey(client) };
  }

  /** Reads a saved key's permissions from its exchange now, decrypting it with the matching cipher. */
  permissionReaderFor(keyId: string): PermissionReader {
    return async () => {
      const summary = await this.ciphers.records.get(keyId);
      const reader = keyPermissionReader(this.ciphers.readerFor(summary), keyId, {
        nowMs: this.nowMs,
        ...this.#clientOptions(summary.exchange),
      });
      return reader();
    };
  }

  /**
   * A ccxt client on a saved key, for the live bot's orders (rate limiter on; spot only on
   * Binance, so no futures or margin market is even loaded). It stays inside the main process.
   */
  async tradingClientFor(keyId: string): Promise<Exchange> {
    return withKeysRefusals(async () => {
      const summary = await this.ciphers.records.get(keyId);
      const credentials = await this.ciphers.readerFor(summary).readCredentials(keyId);
      const client = createExchangeClient(summary.exchange, credentials, { environment: summary.environment, ...this.#clientOptions(summary.exchange) });
      return spotOnly(summary.exchange, client);
    });
  }

  async summaryOf(keyId: string): Promise<KeySummary> {
    return withKeysRefusals(() => this.ciphers.records.get(keyId));
  }

  view(summary: KeySummary): KeyView {
    return keyView(summary, this.ciphers.storageOf(summary), this.live.liveKeyId() === summary.id);
  }

  dispose(): void {
    this.live.dispose();
    this.pending.forgetAll();
  }

  #timeout(): { timeoutMs?: number } {
    return this.#options.verifyTimeoutMs === undefined ? {} : { timeoutMs: this.#options.verifyTimeoutMs };
  }

  #clientOptions(exchange: ExchangeId): { apiBaseUrl?: string; timeoutMs?: number } {
    const apiBaseUrl = this.#options.exchangeApiBaseUrls?.[exchange];
    return { ...this.#timeout(), ...(apiBaseUrl === undefined ? {} : { apiBaseUrl }) };
  }
}
