import { isMarketSymbol } from '../model/index.ts';
import { fileHash, serialiseTrainedModel, train, type ModelCard, type TrainingProgress } from '../signals/model/index.ts';
import { EXIT, type CliIo } from './cliIo.ts';
import { CliProblem, cliCommand, inputProblem, usageProblem } from './cliProblem.ts';
import { parseFlags } from './flags.ts';
import { readCandleFile, timeframeOf } from './inputFiles.ts';
import { cliText } from './cliWords.ts';
import { renderCodes } from './renderCodes.ts';
import type { CliMessageCode } from './messages.ts';

const TRAIN_FLAGS = {
  data: { type: 'string', example: 'FILE', required: true },
  symbol: { type: 'string', example: 'BTC/USDT', required: true },
  out: { type: 'string', example: 'MODELFILE' },
  json: { type: 'boolean' },
} as const;

/** Progress lines are written at most this often, in percentage points. */
const PROGRESS_STEP_PERCENT = 10;

const utc = (atMs: number): string => `${new Date(atMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const KIND_WORDS: Readonly<Record<ModelCard['modelKind'], CliMessageCode>> = {
  logistic: 'CLI_MODEL_KIND_LOGISTIC',
  boostedTrees: 'CLI_MODEL_KIND_BOOSTED_TREES',
};

/** The card in plain words: what it was trained on, how it forecast out of sample, and the live verdict. */
export function modelCardText(card: ModelCard): string[] {
  const lines = [
    cliText('CLI_CARD_TITLE', { symbol: card.symbol, timeframe: card.timeframe, kind: cliText(KIND_WORDS[card.modelKind]) }),
    cliText('CLI_CARD_WINDOW', { from: utc(card.trainingWindow.fromMs), to: utc(card.trainingWindow.toMs), bars: card.trainingWindow.bars, samples: card.trainingWindow.samples }),
    cliText('CLI_CARD_BRIER_SKILL', { brierSkill: card.outOfSample.brierSkill, samples: card.outOfSample.samples, auc: card.outOfSample.auc }),
    ...card.candidates
      .filter((candidate) => candidate.kind !== card.modelKind)
      .map((candidate) => cliText('CLI_CARD_CANDIDATE', { kind: cliText(KIND_WORDS[candidate.kind]), brierSkill: candidate.brierSkill })),
    '',
    cliText(card.verdict.usableLive ? 'CLI_CARD_LIVE_ALLOWED' : 'CLI_CARD_LIVE_NOT_ALLOWED'),
    ...(card.verdict.usableLive ? renderCodes('model', [{ code: 'MODEL_USABLE_LIVE' }]) : renderCodes('model', card.verdict.reasons)),
    '',
    cliText('CLI_CARD_MODEL_HASH', { hash: card.modelHash }),
  ];
  return lines;
}

/** Progress on stderr, one line per step of PROGRESS_STEP_PERCENT, so stdout stays the card alone. */
function progressReporter(io: CliIo): (progress: TrainingProgress) => void {
  let shown = -PROGRESS_STEP_PERCENT;
  return (progress) => {
    const percent = Math.floor(progress.fraction * 100);
    if (percent < shown + PROGRESS_STEP_PERCENT && progress.stage !== 'done') return;
    shown = percent;
    io.stderr(`${cliText('CLI_TRAINING_PROGRESS', { percent, stage: progress.stage })}\n`);
  };
}

/** Where --out saves the model; an io that cannot write is said before training, not after it. */
function saveTarget(io: CliIo, file: string | undefined): { readonly file: string; readonly write: (path: string, bytes: Uint8Array) => void } | null {
  if (file === undefined) return null;
  const write = io.writeFile?.bind(io);
  if (write === undefined) throw new CliProblem(EXIT.input, [cliText('CLI_CANNOT_WRITE_FILES')]);
  return { file, write };
}

async function trainCommand(argv: string[], io: CliIo): Promise<number> {
  const flags = parseFlags('model train', argv, TRAIN_FLAGS);
  if (!isMarketSymbol(flags.symbol)) throw usageProblem('CLI_SYMBOL_INVALID');
  const target = saveTarget(io, flags.out);
  const imported = readCandleFile(io, flags.data);
  const timeframe = timeframeOf(imported, flags.data);
  const result = await train(imported.candles, { symbol: flags.symbol, timeframe }, progressReporter(io), new AbortController().signal);
  if (!result.ok) throw inputProblem(renderCodes('model', [result.error]));
  const trained = result.value;
  // The card first: training took a while, and it is worth reading even if saving fails.
  io.stdout(flags.json ? `${JSON.stringify(trained.card, null, 2)}\n` : `${modelCardText(trained.card).join('\n')}\n`);
  if (target !== null) {
    const bytes = serialiseTrainedModel(trained);
    try {
      target.write(target.file, bytes);
    } catch {
      throw new CliProblem(EXIT.input, [cliText('CLI_MODEL_FILE_NOT_WRITTEN', { file: target.file })]);
    }
    // On stderr, so stdout stays the card alone (one JSON object with --json).
    io.stderr(`${cliText('CLI_CARD_SAVED', { file: target.file, hash: fileHash(bytes) })}\n`);
  }
  return EXIT.ok;
}

/** `ballast model train …`: trains on a candle file and prints the model card. */
export const runModelCommand = cliCommand((argv, io) => {
  const [action, ...rest] = argv;
  if (action !== 'train') throw usageProblem('CLI_MODEL_SUBCOMMAND');
  return trainCommand(rest, io);
});
