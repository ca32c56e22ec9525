// `npm run bench`: every benchmark, one JSON object as the last line (keys of BENCH.md).
// A benchmark that is not built yet is absent, never a made-up number.
import { benchDashboardFirstPaint } from './dashboard.ts';
import { benchIpcHandler, benchIpcRoundtrip } from './ipc.ts';
import { benchKill50 } from './kill.ts';
import { benchBackfill, benchCandleValidation } from './market.ts';
import { benchOrderOverhead } from './orders.ts';
import { benchPaperFills } from './paper.ts';
import { benchIndicatorLoop, benchPaperPipeline } from './pipeline.ts';
import { benchRiskEvaluate } from './risk.ts';
import { progress } from './stats.ts';

type Bench = () => Promise<Record<string, number | string>>;

const benches: Bench[] = [
  benchIpcRoundtrip,
  benchIpcHandler,
  benchCandleValidation,
  benchBackfill,
  benchOrderOverhead,
  benchPaperFills,
  benchRiskEvaluate,
  benchKill50,
  benchPaperPipeline,
  benchIndicatorLoop,
  benchDashboardFirstPaint,
];

const figures: Record<string, number | string> = {};
for (const bench of benches) {
  Object.assign(figures, await bench());
}
figures.node_version = process.version;
progress('done');
process.stdout.write(`${JSON.stringify(figures)}\n`);
