// `npm run bench`: every benchmark, one JSON object as the last line (keys of BENCH.md).
// A benchmark that is not built yet is absent, never a made-up number.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchAlerts } from './alerts.ts';
import { benchBacktest } from './backtest.ts';
import { benchDashboardFirstPaint } from './dashboard.ts';
import { benchLiveReconcile } from './liveReconcile.ts';
import { benchLiveStops } from './liveStops.ts';
import { benchLlm } from './llm.ts';
import { benchModel } from './model.ts';
import { benchIpcHandler, benchIpcRoundtrip } from './ipc.ts';
import { benchKill50 } from './kill.ts';
import { benchBackfill, benchCandleValidation } from './market.ts';
import { benchOrderOverhead } from './orders.ts';
import { benchPaperFills } from './paper.ts';
import { benchIndicatorLoop, benchPaperPipeline } from './pipeline.ts';
import { benchRiskEvaluate } from './risk.ts';
import { progress } from './stats.ts';
import { repoRoot } from '../support/sharedData.ts';

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
  benchLiveStops,
  benchLiveReconcile,
  benchBacktest,
  benchModel,
  benchLlm,
  benchAlerts,
];

// The IPC bench serves the built renderer: on a fresh clone it is built first, once.
if (!existsSync(join(repoRoot, 'out', 'renderer', 'index.html'))) {
  progress('building the renderer first (electron-vite build)');
  execFileSync(process.execPath, [join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}

const figures: Record<string, number | string> = {};
for (const bench of benches) {
  Object.assign(figures, await bench());
}
figures.node_version = process.version;
progress('done');
process.stdout.write(`${JSON.stringify(figures)}\n`);
