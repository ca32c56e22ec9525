// `risk_evaluate_p50_us` / `risk_evaluate_p99_us` of BENCH.md: `evaluate` with 10 open positions.
// The measurement itself lives beside the risk tests (test/core/risk/evaluateThroughput.ts), so
// the fixtures it uses stay the ones the tests check.
import { pathToFileURL } from 'node:url';
import { benchRiskEvaluate as measure } from '../core/risk/evaluateThroughput.ts';
import { progress } from './stats.ts';

export async function benchRiskEvaluate(): Promise<{ risk_evaluate_p50_us: number; risk_evaluate_p99_us: number }> {
  progress('risk evaluate (10 open positions)');
  const figures = await measure();
  const p50 = figures.risk_evaluate_p50_us;
  const p99 = figures.risk_evaluate_p99_us;
  if (p50 === undefined || p99 === undefined) throw new Error('the evaluate measurement returned no percentiles');
  return { risk_evaluate_p50_us: p50, risk_evaluate_p99_us: p99 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await benchRiskEvaluate())}\n`);
}
