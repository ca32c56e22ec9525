import { EXCHANGE_NAMES, isExchangeId } from '../../model/index.ts';
import { ContractError, type BotConfig } from '../../contract/index.ts';
import { lastClosedBarOpenTimeMs, timeframeMs, type Candle, type MarketDataPort, type MarketInfo, type MarketResult, type Timeframe } from '../../market/index.ts';
import { demoMarketRules, DEMO_RULES_NOTE } from './demoMarketRules.ts';
import type { ReplayLibrary } from './replayLibrary.ts';
import { generateSyntheticCandles, SYNTHETIC_MARKET_DEFAULTS } from './syntheticMarket.ts';

/** Where a paper bot's prices come from, and the trading rules it is held to. */
export interface PaperMarket {
  readonly candles: Candle[];
  readonly timeframe: Timeframe;
  readonly market: MarketInfo;
  readonly label: string;
  /** Said once under the market's name, e.g. where the trading rules come from. */
  readonly rulesNote: string;
  readonly prices: 'synthetic' | 'replay' | 'live';
  /** Live only: the exchange's public data, to fetch the bars that close from now on. */
  readonly port?: MarketDataPort;
}

export interface PaperMarketSources {
  readonly replays: ReplayLibrary;
  /** Public market data of an exchange (ccxt, no key needed). */
  readonly marketData: (exchangeId: string) => MarketResult<MarketDataPort>;
  readonly nowMs: () => number;
}

const DAY_MS = 86_400_000;
const MAX_HISTORY_PAGES = 10;

/** Bars closed by `nowMs`, ascending, from `sinceMs` on: what the exchange returns, without the one still forming. */
export async function fetchClosedBars(port: MarketDataPort, symbol: string, timeframe: Timeframe, sinceMs: number): Promise<MarketResult<Candle[]>> {
  const stepMs = timeframeMs(timeframe);
  const lastClosed = lastClosedBarOpenTimeMs(port.nowMs(), timeframe);
  const bars: Candle[] = [];
  let from = sinceMs;
  for (let page = 0; page < MAX_HISTORY_PAGES && from <= lastClosed; page += 1) {
    const fetched = await port.fetchCandles(symbol, timeframe, from, 1000);
    if (!fetched.ok) return fetched;
    const closed = fetched.value.filter((bar) => bar.openTimeMs >= from && bar.openTimeMs <= lastClosed);
    if (closed.length === 0) break;
    bars.push(...closed);
    from = (closed.at(-1)?.openTimeMs ?? lastClosed) + stepMs;
  }
  return { ok: true, value: bars };
}

async function livePrices(config: BotConfig, exchangeId: string, timeframe: Timeframe, sources: PaperMarketSources): Promise<PaperMarket> {
  const name = isExchangeId(exchangeId) ? EXCHANGE_NAMES[exchangeId] : exchangeId;
  const created = sources.marketData(exchangeId);
  if (!created.ok) throw new ContractError('REFUSED', `Ballast could not connect to ${name}'s public prices: ${created.error.message}`);
  const port = created.value;
  const market = await port.fetchMarket(config.symbol);
  if (!market.ok) throw new ContractError('REFUSED', `${name} did not give Ballast the trading rules of ${config.symbol}: ${market.error.message}`);
  // A day of bars: the strategy warms up, and the 24-hour volume the risk layer checks is real.
  const history = await fetchClosedBars(port, config.symbol, timeframe, port.nowMs() - Math.max(DAY_MS, 300 * timeframeMs(timeframe)));
  if (!history.ok) throw new ContractError('REFUSED', `${name} did not send recent prices of ${config.symbol}: ${history.error.message}`);
  if (history.value.length < 60) throw new ContractError('REFUSED', `${name} sent only ${history.value.length} recent bars of ${config.symbol}; the strategy needs more to start.`);
  return {
    candles: history.value,
    timeframe,
    market: market.value,
    label: `Live prices from ${name}: ${config.symbol}, ${timeframe} bars (pretend money)`,
    rulesNote: `Trading rules as ${name} states them.`,
    prices: 'live',
    port,
  };
}

/** The prices and rules for a paper bot's configuration. */
export async function paperMarketFor(config: BotConfig, sources: PaperMarketSources): Promise<PaperMarket> {
  const { source } = config;
  if (source.kind === 'synthetic') {
    const candles = generateSyntheticCandles({ ...SYNTHETIC_MARKET_DEFAULTS, endOpenTimeMs: Math.floor(sources.nowMs() / 3_600_000) * 3_600_000 - 3_600_000 });
    return {
      candles,
      timeframe: '1h',
      market: demoMarketRules(config.symbol, candles[0]?.close ?? 1),
      label: `Synthetic demo market ${config.symbol} (generated prices, 1h bars)`,
      rulesNote: DEMO_RULES_NOTE,
      prices: 'synthetic',
    };
  }
  if (source.kind === 'exchange') return livePrices(config, source.exchangeId, source.timeframe, sources);
  const loaded = sources.replays.load(source.importId);
  if (loaded.summary.symbol !== config.symbol) {
    throw new ContractError('INVALID_INPUT', `This file was imported for ${loaded.summary.symbol}, not ${config.symbol}.`);
  }
  return {
    candles: loaded.candles,
    timeframe: loaded.summary.timeframe as Timeframe,
    market: demoMarketRules(config.symbol, loaded.candles[0]?.close ?? 1),
    label: `Demo market ${config.symbol}: replay of ${loaded.summary.fileName} (${loaded.summary.timeframe} bars)`,
    rulesNote: DEMO_RULES_NOTE,
    prices: 'replay',
  };
}
