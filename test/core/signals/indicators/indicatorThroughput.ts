/**
 * Throughput of the streaming indicators over the real BTC/USDT 1h closes, repeated. Not a test:
 * run it with `node test/core/signals/indicators/indicatorThroughput.ts` (prints one JSON line),
 * or import `measureIndicatorThroughput` from a benchmark runner.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ATR, BollingerBands, EMA, MACD, RSI, SMA, WMA } from '../../../../core/signals/indicators/index.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../../support/sharedData.ts';

interface Candles {
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
}

function loadCandles(): Candles {
  const lines = readFileSync(sharedDataPath(BTC_USDT_1H_CSV), 'utf8').trim().split('\n').slice(1);
  const candles = { high: new Float64Array(lines.length), low: new Float64Array(lines.length), close: new Float64Array(lines.length) };
  lines.forEach((line, i) => {
    const cells = line.split(',');
    candles.high[i] = Number(cells[3]);
    candles.low[i] = Number(cells[4]);
    candles.close[i] = Number(cells[5]);
  });
  return candles;
}

type Loop = (candles: Candles) => number;

/** Each loop returns a checksum so the work cannot be optimised away. */
const loops: Record<string, Loop> = {
  sma50: ({ close }) => { const sma = new SMA(50); let s = 0; for (const price of close) s += sma.update(price) ?? 0; return s; },
  ema20: ({ close }) => { const ema = new EMA(20); let s = 0; for (const price of close) s += ema.update(price) ?? 0; return s; },
  wma20: ({ close }) => { const wma = new WMA(20); let s = 0; for (const price of close) s += wma.update(price) ?? 0; return s; },
  rsi14: ({ close }) => { const rsi = new RSI(14); let s = 0; for (const price of close) s += rsi.update(price) ?? 0; return s; },
  atr14: ({ high, low, close }) => {
    const atr = new ATR(14);
    let s = 0;
    for (let i = 0; i < close.length; i++) s += atr.update(high[i] ?? 0, low[i] ?? 0, close[i] ?? 0) ?? 0;
    return s;
  },
  bollinger20: ({ close }) => { const bands = new BollingerBands(20, 2); let s = 0; for (const price of close) s += bands.update(price)?.upper ?? 0; return s; },
  macd12_26_9: ({ close }) => { const macd = new MACD({ fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 }); let s = 0; for (const price of close) s += macd.update(price)?.histogram ?? 0; return s; },
  /** A trend follower's set: fast and slow SMA, RSI and ATR for sizing, per candle. */
  trendFollowerSet: ({ high, low, close }) => {
    const fast = new SMA(20);
    const slow = new SMA(50);
    const rsi = new RSI(14);
    const atr = new ATR(14);
    let s = 0;
    for (let i = 0; i < close.length; i++) {
      const price = close[i] ?? 0;
      s += (fast.update(price) ?? 0) - (slow.update(price) ?? 0) + (rsi.update(price) ?? 0) + (atr.update(high[i] ?? 0, low[i] ?? 0, price) ?? 0);
    }
    return s;
  },
};

/** Candles per second for each loop: median of `repetitions` passes over the file after warm-up. */
export function measureIndicatorThroughput(repetitions = 7): Record<string, number> {
  const candles = loadCandles();
  const results: Record<string, number> = {};
  let checksum = 0;
  for (const [name, loop] of Object.entries(loops)) {
    for (let i = 0; i < 3; i++) checksum += loop(candles);
    const rates: number[] = [];
    for (let i = 0; i < repetitions; i++) {
      const started = process.hrtime.bigint();
      checksum += loop(candles);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      rates.push(candles.close.length / seconds);
    }
    rates.sort((a, b) => a - b);
    results[name] = Math.round(rates[rates.length >> 1] ?? 0);
  }
  if (!Number.isFinite(checksum)) throw new Error('indicator checksum is not finite');
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(measureIndicatorThroughput())}\n`);
}
