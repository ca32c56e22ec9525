import { driftFromCandles, type DriftLevel, type DriftReport } from '../signals/model/index.ts';
import { EXIT } from './cliIo.ts';
import { CliProblem, cliCommand, inputProblem } from './cliProblem.ts';
import { parseFlags } from './flags.ts';
import { readCandleFile, timeframeOf } from './inputFiles.ts';
import type { CliMessageCode } from './messages.ts';
import { cliText } from './cliWords.ts';
import { renderCodes } from './renderCodes.ts';

const DRIFT_FLAGS = {
  reference: { type: 'string', example: 'FILE', required: true },
  recent: { type: 'string', example: 'FILE', required: true },
  json: { type: 'boolean' },
} as const;

/** What `drift --json` prints: the shape, field for field. */
export interface DriftOutput {
  readonly verdict: DriftLevel;
  readonly features: { readonly name: string; readonly psi: number; readonly psiThreshold: number; readonly ks: number; readonly ksPValue: number; readonly level: DriftLevel }[];
}

export function driftOutput(report: DriftReport): DriftOutput {
  return {
    verdict: report.verdict,
    features: report.features.map(({ name, psi, psiThreshold, ks, ksPValue, level }) => ({ name, psi, psiThreshold, ks, ksPValue, level })),
  };
}

const VERDICT_WORDS: Readonly<Record<DriftLevel, CliMessageCode>> = {
  none: 'CLI_DRIFT_NONE',
  moderate: 'CLI_DRIFT_MODERATE',
  severe: 'CLI_DRIFT_SEVERE',
};

function driftText(output: DriftOutput): string[] {
  return [
    cliText(VERDICT_WORDS[output.verdict]),
    '',
    ...output.features.map((feature) =>
      cliText('CLI_DRIFT_FEATURE', { name: feature.name, psi: feature.psi, psiThreshold: feature.psiThreshold, ks: feature.ks, ksPValue: feature.ksPValue, level: feature.level })),
  ];
}

/**
 * `ballast drift --reference FILE --recent FILE`: how far the recent bars' features have moved
 * from the reference history's, with thresholds derived from the reference's own windows.
 */
export const runDriftCommand = cliCommand((argv, io) => {
  const flags = parseFlags('drift', argv, DRIFT_FLAGS);
  const reference = readCandleFile(io, flags.reference);
  const recent = readCandleFile(io, flags.recent);
  const referenceTimeframe = timeframeOf(reference, flags.reference);
  const recentTimeframe = timeframeOf(recent, flags.recent);
  if (referenceTimeframe !== recentTimeframe) {
    throw new CliProblem(EXIT.input, [cliText('CLI_TIMEFRAMES_DIFFER', { reference: referenceTimeframe, recent: recentTimeframe })]);
  }
  const result = driftFromCandles(reference.candles, recent.candles);
  if (!result.ok) throw inputProblem(renderCodes('model', [result]));
  const output = driftOutput(result.report);
  io.stdout(flags.json ? `${JSON.stringify(output, null, 2)}\n` : `${driftText(output).join('\n')}\n`);
  return Promise.resolve(EXIT.ok);
});
