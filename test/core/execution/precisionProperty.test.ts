import { approvedForTest } from '../../support/approvedOrder.ts';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderManager, type OrderRequest } from '../../../core/execution/index.ts';
import { openJournal } from '../../../core/journal/index.ts';
import { marketInfoFromCcxt, PRECISION_MODE, type MarketInfo } from '../../../core/market/index.ts';
import { sharedDataPath } from '../../support/sharedData.ts';
import { ScriptedExchange } from '../../support/scriptedExchange.ts';
import { SimulatedClock } from '../../support/simulatedClock.ts';

const MARKETS_FILE = 'markets/ccxt_static_markets_binance_BTCUSDT_ETHUSDT_excerpt.json';

interface RawFilters {
  readonly lot: { min: string; max: string; step: string };
  readonly price: { min: string; max: string; tick: string };
  readonly minNotional: string;
}

/** Exact decimal value of a number's shortest form, or of a filter string, as a scaled integer (10^-40 units). */
function units(value: number | string): bigint {
  const text = typeof value === 'number' ? String(value) : value;
  const match = /^(\d+)(?:\.(\d*))?(?:e([+-]\d+))?$/.exec(text);
  if (match === null) throw new Error(`not a decimal: ${text}`);
  const fraction = match[2] ?? '';
  const exponent = Number(match[3] ?? '0');
  const shift = 40 + exponent - fraction.length;
  const digits = BigInt(`${match[1] ?? '0'}${fraction}`);
  if (shift < 0) throw new Error(`more than 40 decimals: ${text}`);
  return digits * 10n ** BigInt(shift);
}

/** Binance's own filters, straight from the raw exchange-info entries (not through Ballast's mapping). */
function rawFilters(entry: { info: { filters: Record<string, string>[] } }): RawFilters {
  const find = (type: string): Record<string, string> => {
    const filter = entry.info.filters.find((candidate) => candidate.filterType === type);
    if (filter === undefined) throw new Error(`no ${type} filter`);
    return filter;
  };
  const lot = find('LOT_SIZE');
  const price = find('PRICE_FILTER');
  return {
    lot: { min: lot.minQty!, max: lot.maxQty!, step: lot.stepSize! },
    price: { min: price.minPrice!, max: price.maxPrice!, tick: price.tickSize! },
    minNotional: find('NOTIONAL').minNotional!,
  };
}

/** The filter each sent order would fail, if any: LOT_SIZE, PRICE_FILTER or NOTIONAL (at the price it was checked with). */
function violations(request: OrderRequest, filters: RawFilters, notionalPrice: number): string[] {
  const found: string[] = [];
  const amount = units(request.amountBase);
  if (amount < units(filters.lot.min) || amount > units(filters.lot.max) || (amount - units(filters.lot.min)) % units(filters.lot.step) !== 0n) found.push(`LOT_SIZE ${request.amountBase}`);
  if (request.limitPriceQuote !== undefined) {
    const price = units(request.limitPriceQuote);
    if (price < units(filters.price.min) || price > units(filters.price.max) || (price - units(filters.price.min)) % units(filters.price.tick) !== 0n) found.push(`PRICE_FILTER ${request.limitPriceQuote}`);
  }
  if (units(request.amountBase) * units(notionalPrice) < units(filters.minNotional) * 10n ** 40n) found.push(`NOTIONAL ${request.amountBase} × ${notionalPrice}`);
  return found;
}

const raw = JSON.parse(readFileSync(sharedDataPath(MARKETS_FILE), 'utf8')) as Record<string, { info: { filters: Record<string, string>[] } }>;
const markets = new Map<string, { info: MarketInfo; filters: RawFilters }>();
for (const [symbol, entry] of Object.entries(raw)) {
  // The excerpt gives precision as decimal places (ccxt's DECIMAL_PLACES mode).
  const mapped = marketInfoFromCcxt(entry, 'binance', PRECISION_MODE.decimalPlaces);
  if (!mapped.ok) throw new Error(`${symbol}: ${mapped.reason}`);
  markets.set(symbol, { info: mapped.market, filters: rawFilters(entry) });
}

const intentArbitrary = fc.record({
  symbol: fc.constantFrom('BTC/USDT', 'ETH/USDT'),
  side: fc.constantFrom('buy' as const, 'sell' as const),
  type: fc.constantFrom('limit' as const, 'market' as const),
  // From dust to large: 1e-7 … 100 base units, any digits.
  amountBase: fc.double({ min: 1e-7, max: 100, noNaN: true }),
  priceQuote: fc.double({ min: 0.5, max: 200_000, noNaN: true }),
});

describe('precision against the real Binance BTC/USDT and ETH/USDT filters', () => {
  it('sends no order that breaks LOT_SIZE, PRICE_FILTER or NOTIONAL, never rounds an amount up, and refuses the rest with a reason', async () => {
    const clock = new SimulatedClock();
    const exchange = new ScriptedExchange();
    exchange.markets = new Map([...markets].map(([symbol, market]) => [symbol, market.info]));
    exchange.priceQuote = 1;
    const sent: OrderRequest[] = [];
    exchange.onCall = (call, detail) => {
      if (call === 'createOrder' && detail.request !== undefined) sent.push(detail.request);
    };
    const journal = openJournal(':memory:');
    const manager = new OrderManager({ exchange, journal, clock });
    expect((await manager.start()).state).toBe('READY');
    let counter = 0;
    let sentCount = 0;
    let refusedCount = 0;
    await fc.assert(
      fc.asyncProperty(intentArbitrary, async (intent) => {
        counter += 1;
        const before = sent.length;
        const result = await manager.submit(
          approvedForTest({ intentId: `prop:${counter}`, origin: 'strategy', purpose: intent.side === 'buy' ? 'entry' : 'exit', symbol: intent.symbol, side: intent.side, type: intent.type, amountBase: intent.amountBase, ...(intent.type === 'limit' ? { limitPriceQuote: intent.priceQuote } : {}), reduceOnly: false, atMs: 0 }),
          { referencePriceQuote: intent.priceQuote },
        );
        const request = sent[before];
        if (request === undefined) {
          refusedCount += 1;
          expect(result.ok).toBe(false);
          expect(!result.ok && result.error.reason.length).toBeGreaterThan(10);
          return;
        }
        sentCount += 1;
        const market = markets.get(intent.symbol)!;
        expect(violations(request, market.filters, request.limitPriceQuote ?? intent.priceQuote)).toEqual([]);
        expect(request.amountBase).toBeLessThanOrEqual(intent.amountBase);
        expect(units(request.amountBase) <= units(intent.amountBase)).toBe(true);
        // Rounded down by less than one step: nothing needlessly dropped.
        expect(units(intent.amountBase) - units(request.amountBase) < units(market.filters.lot.step)).toBe(true);
      }),
      { numRuns: 400, seed: 20_250_301 },
    );
    // Both branches were exercised, so neither assertion above ran empty.
    expect(sentCount).toBeGreaterThan(50);
    expect(refusedCount).toBeGreaterThan(20);
    journal.close();
  });
});
