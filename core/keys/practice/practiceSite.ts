import ccxt, { type Exchange } from 'ccxt';
import { EXCHANGE_NAMES, type ExchangeId } from '../exchangeId.ts';

/**
 * Exchanges whose practice site Ballast runs on: Binance's spot testnet, Bybit's testnet and
 * OKX's demo trading. Real exchange engines, pretend money.
 */
export const PRACTICE_EXCHANGES = ['binance', 'bybit', 'okx'] as const satisfies readonly ExchangeId[];
export type PracticeExchangeId = (typeof PRACTICE_EXCHANGES)[number];

/** Where practice orders go: the practice site's host, and for OKX the header that marks demo trading on the real host. */
export interface PracticeSite {
  readonly exchange: PracticeExchangeId;
  readonly host: string;
  readonly demoHeader?: string;
}

const isPracticeExchange = (exchange: ExchangeId): exchange is PracticeExchangeId => (PRACTICE_EXCHANGES as readonly string[]).includes(exchange);

/** The spot entry of ccxt's test URL table (Binance's table also lists futures testnets). */
const SPOT_URL_KEY: Readonly<Record<PracticeExchangeId, string>> = { binance: 'public', bybit: 'spot', okx: 'rest' };

function urlsOf(tree: unknown): string[] {
  if (typeof tree === 'string') return /^https?:\/\//.test(tree) ? [tree] : [];
  if (tree !== null && typeof tree === 'object') return Object.values(tree).flatMap(urlsOf);
  return [];
}

/**
 * The practice site of an exchange, read from ccxt's own test URL table, or why there is none
 * Ballast can use. `urls.test` is checked before `setSandboxMode` is ever called: on some ccxt
 * classes without a test URL, `setSandboxMode(true)` leaves a client whose every later call fails.
 */
export function practiceSiteOf(exchange: ExchangeId): { ok: true; site: PracticeSite } | { ok: false; reason: string } {
  const name = EXCHANGE_NAMES[exchange];
  if (!isPracticeExchange(exchange)) {
    return { ok: false, reason: `${name} has no practice site Ballast can use. Practice on an exchange works with Binance, Bybit and OKX; use paper trading for ${name}.` };
  }
  const probe: Exchange = new ccxt[exchange]();
  const test: unknown = probe.urls['test'];
  if (urlsOf(test).length === 0) {
    return { ok: false, reason: `This version of Ballast knows no practice site for ${name}, so it will not switch to one. Use paper trading instead.` };
  }
  const spot = (test as Record<string, unknown>)[SPOT_URL_KEY[exchange]];
  const url = typeof spot === 'string' ? probe.implodeHostname(spot) : '';
  const host = /^https?:\/\/([^/]+)/.exec(url)?.[1];
  if (host === undefined) return { ok: false, reason: `Ballast could not tell where ${name}’s practice site is, so it will not use it.` };
  return { ok: true, site: { exchange, host, ...(exchange === 'okx' ? { demoHeader: 'x-simulated-trading' } : {}) } };
}

/** True only when this ccxt client talks to the practice site: sandbox mode on (and, on OKX, the demo header set). */
export function isOnPracticeSite(client: Exchange, site: PracticeSite): boolean {
  if (client.id !== site.exchange || !client.isSandboxModeEnabled) return false;
  if (site.demoHeader !== undefined) return (client.headers as Record<string, unknown> | undefined)?.[site.demoHeader] === '1';
  return true;
}
