// `npm run bench`: every benchmark, one JSON object as the last line (keys of BENCH.md).
// A benchmark that is not built yet is absent, never a made-up number.
import { benchIpcHandler, benchIpcRoundtrip } from './ipc.ts';
import { benchCandleValidation } from './market.ts';
import { progress } from './stats.ts';

const benches: Array<() => Promise<Record<string, number | string>>> = [benchIpcRoundtrip, benchIpcHandler, benchCandleValidation];

const figures: Record<string, number | string> = {};
for (const bench of benches) {
  Object.assign(figures, await bench());
}
figures.node_version = process.version;
progress('done');
process.stdout.write(`${JSON.stringify(figures)}\n`);
