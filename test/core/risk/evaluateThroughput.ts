/**
 * Latency of `evaluate` with 10 open positions. Not a test: run
 * `node test/core/risk/evaluateThroughput.ts` (prints one JSON line with the BENCH.md keys
 * `risk_evaluate_p50_us` and `risk_evaluate_p99_us`), or import `benchRiskEvaluate` from the
 * benchmark runner.
 *
 * The intents mix what a live bot sees: entries approved as asked, entries shrunk by the
 * per-trade cap (the path that builds reason sentences), and exits sized from a position.
 */
import { pathToFileURL } from 'node:url';
import { evaluate, type AccountView, type Intent } from '../../../core/risk/index.ts';
import { measureRounds, round1 } from '../../bench/stats.ts';
import { BTC_USDT, NOW_MS, account, buyIntent, limits, marketView, position, sellIntent } from './riskFixtures.ts';

const CALLS_PER_ROUND = 20_000;

function tenPositions(): AccountView {
  const positions = [position('BTC/USDT', 0.01, 50_000), position('ETH/USDT', 0.2, 2_000)];
  for (let i = 0; i < 8; i++) positions.push(position(`ALT${String(i)}/USDT`, 10, 5 + i));
  const orderTimesMs = Array.from({ length: 60 }, (_, i) => NOW_MS - 86_000_000 + i * 1_000_000);
  return account({ equityQuote: 100_000, freeQuote: 60_000, dayStartEquityQuote: 100_500, highWaterMarkQuote: 104_000, positions, orderTimesMs });
}

export function benchRiskEvaluate(): Promise<Record<string, number>> {
  const view = marketView(BTC_USDT, 50_000);
  const held = tenPositions();
  const riskLimits = limits({ maxOpenPositions: 20, maxOrdersPerDay: 1_000 });
  const intents: Intent[] = [];
  for (let i = 0; i < 64; i++) {
    if (i % 4 === 3) intents.push(sellIntent({ desiredAmountBase: 0.004, limitPriceQuote: 50_010 + i }));
    else intents.push(buyIntent({ desiredFractionOfEquity: i % 4 === 0 ? 0.05 : 0.004, limitPriceQuote: 49_990 + i }));
  }
  const samples = new Float64Array(CALLS_PER_ROUND);
  let sink = 0;
  const round = (): number[] => {
    for (let i = 0; i < CALLS_PER_ROUND; i++) {
      const intent = intents[i & 63] as Intent;
      const started = process.hrtime.bigint();
      const decision = evaluate(intent, held, view, riskLimits, 'ACTIVE');
      samples[i] = Number(process.hrtime.bigint() - started) / 1_000;
      sink += decision.reasons.length;
    }
    return Array.from(samples);
  };
  return measureRounds(round, [50, 99]).then(([p50, p99]) => {
    if (sink < 0) throw new Error('unreachable');
    return { risk_evaluate_p50_us: round1(p50 ?? Number.NaN), risk_evaluate_p99_us: round1(p99 ?? Number.NaN) };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await benchRiskEvaluate())}\n`);
}
