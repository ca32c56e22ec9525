import { randomBytes } from 'node:crypto';
import { round8 } from './decimals.ts';

/**
 * The fields of Binance's `GET /sapi/v1/account/apiRestrictions`. `tradingAuthorityExpirationTime`
 * is only present on keys that may trade, as on the real endpoint.
 */
export interface KeyPermissions {
  ipRestrict: boolean;
  createTime: number;
  enableReading: boolean;
  enableWithdrawals: boolean;
  enableInternalTransfer: boolean;
  enableMargin: boolean;
  enableFutures: boolean;
  permitsUniversalTransfer: boolean;
  enableVanillaOptions: boolean;
  enableFixApiTrade: boolean;
  enableFixReadOnly: boolean;
  enableSpotAndMarginTrading: boolean;
  enablePortfolioMarginTrading: boolean;
  tradingAuthorityExpirationTime?: number | undefined;
}

/** A safe trading key: can read and trade spot, cannot withdraw, locked to an IP allowlist. */
export function defaultPermissions(createTimeMs: number): KeyPermissions {
  return {
    ipRestrict: true,
    createTime: createTimeMs,
    enableReading: true,
    enableWithdrawals: false,
    enableInternalTransfer: false,
    enableMargin: false,
    enableFutures: false,
    permitsUniversalTransfer: false,
    enableVanillaOptions: false,
    enableFixApiTrade: false,
    enableFixReadOnly: false,
    enableSpotAndMarginTrading: true,
    enablePortfolioMarginTrading: false,
    tradingAuthorityExpirationTime: createTimeMs + 90 * 24 * 3_600_000,
  };
}

export interface Credentials {
  apiKey: string;
  secret: string;
}

/** Obviously fake, so a leaked one is recognisable at a glance and never mistaken for a real key. */
export function generateFakeCredentials(): Credentials {
  return { apiKey: `FAKE-KEY-${randomBytes(24).toString('hex')}`, secret: `FAKE-SECRET-${randomBytes(24).toString('hex')}` };
}

export interface AssetBalance {
  free: number;
  locked: number;
}

export interface AccountOptions {
  balances?: Readonly<Record<string, number>> | undefined;
  permissions?: Partial<KeyPermissions> | undefined;
  credentials?: Credentials | undefined;
}

export const DEFAULT_BALANCES: Readonly<Record<string, number>> = { USDT: 10_000 };

export class FakeAccount {
  #credentials: Credentials;
  #permissions: KeyPermissions;
  /** false simulates a request from an address outside the key's IP allowlist */
  #requestIpAllowed = true;
  readonly #balances = new Map<string, AssetBalance>();

  constructor(options: AccountOptions, createTimeMs: number) {
    // A copy: a rotation here must not change the caller's object (a test's options are reused).
    this.#credentials = { ...(options.credentials ?? generateFakeCredentials()) };
    this.#permissions = { ...defaultPermissions(createTimeMs), ...options.permissions };
    for (const [asset, free] of Object.entries(options.balances ?? DEFAULT_BALANCES)) this.setBalance(asset, free);
  }

  permissions(): KeyPermissions {
    return { ...this.#permissions };
  }

  /** Flips key permissions at runtime, as a person editing the key on the exchange's website would. */
  setPermissions(changes: Partial<KeyPermissions>): void {
    this.#permissions = { ...this.#permissions, ...changes };
  }

  /** Rotation on the exchange's website: a new key replaces the old one, which is refused from then on (-2015). */
  replaceCredentials(next: Credentials): void {
    this.#credentials = { ...next };
  }

  /** The one key the account accepts now. */
  get credentials(): Credentials {
    return this.#credentials;
  }

  setRequestIpAllowed(allowed: boolean): void {
    this.#requestIpAllowed = allowed;
  }

  requestIpAllowed(): boolean {
    return this.#requestIpAllowed || !this.#permissions.ipRestrict;
  }

  apiRestrictions(): KeyPermissions {
    const permissions = this.permissions();
    if (!permissions.enableSpotAndMarginTrading) delete permissions.tradingAuthorityExpirationTime;
    return permissions;
  }

  setBalance(asset: string, free: number, locked = 0): void {
    this.#balances.set(asset, { free: round8(free), locked: round8(locked) });
  }

  balance(asset: string): AssetBalance {
    const balance = this.#balances.get(asset);
    return balance === undefined ? { free: 0, locked: 0 } : { ...balance };
  }

  balances(): Record<string, AssetBalance> {
    return Object.fromEntries([...this.#balances].map(([asset, balance]) => [asset, { ...balance }]));
  }

  /** Moves `amount` from free to locked; false when there is not enough free balance. */
  lock(asset: string, amount: number): boolean {
    const balance = this.balance(asset);
    if (round8(balance.free - amount) < 0) return false;
    this.setBalance(asset, balance.free - amount, balance.locked + amount);
    return true;
  }

  unlock(asset: string, amount: number): void {
    const balance = this.balance(asset);
    this.setBalance(asset, balance.free + amount, Math.max(balance.locked - amount, 0));
  }

  spendLocked(asset: string, amount: number): void {
    const balance = this.balance(asset);
    this.setBalance(asset, balance.free, Math.max(balance.locked - amount, 0));
  }

  spendFree(asset: string, amount: number): boolean {
    const balance = this.balance(asset);
    if (round8(balance.free - amount) < 0) return false;
    this.setBalance(asset, balance.free - amount, balance.locked);
    return true;
  }

  credit(asset: string, amount: number): void {
    const balance = this.balance(asset);
    this.setBalance(asset, balance.free + amount, balance.locked);
  }
}
