import {
  describeImportProblem,
  importCandlesFromCsv,
  importCandlesFromJson,
  MAX_IMPORT_FILE_BYTES,
  renderMarketMessage,
  type ImportedCandles,
  type ImportErrorCode,
  type Timeframe,
} from '../market/index.ts';
import { EXIT, type CliIo } from './cliIo.ts';
import { CliProblem } from './cliProblem.ts';
import type { CliMessageCode } from './messages.ts';
import { cliText } from './cliWords.ts';

const LIMIT_MB = Math.round(MAX_IMPORT_FILE_BYTES / 1_000_000);

type ReadFailure = 'notFound' | 'notPermitted' | 'tooLarge' | 'unreadable';

/** The kind of a read error; the system's own message (paths, system calls) is not shown. */
function readFailureOf(error: unknown): ReadFailure {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'notFound';
  if (code === 'EACCES' || code === 'EPERM') return 'notPermitted';
  if (code === 'EFBIG') return 'tooLarge';
  return 'unreadable';
}

const CANDLE_READ_CODES: Readonly<Record<ReadFailure, ImportErrorCode>> = {
  notFound: 'FILE_NOT_FOUND',
  notPermitted: 'FILE_NOT_PERMITTED',
  tooLarge: 'FILE_TOO_LARGE',
  unreadable: 'UNREADABLE_FILE',
};

const TEXT_READ_CODES: Readonly<Record<ReadFailure, CliMessageCode>> = {
  notFound: 'CLI_TEXT_FILE_NOT_FOUND',
  notPermitted: 'CLI_TEXT_FILE_NOT_PERMITTED',
  tooLarge: 'CLI_TEXT_FILE_TOO_LARGE',
  unreadable: 'CLI_TEXT_FILE_UNREADABLE',
};

/** A text file (marketing text), or a plain sentence saying why it could not be read. */
export function readTextFile(io: CliIo, path: string): string {
  try {
    return io.readFile(path);
  } catch (error) {
    throw new CliProblem(EXIT.input, [cliText(TEXT_READ_CODES[readFailureOf(error)], { file: path, limitMb: LIMIT_MB })]);
  }
}

const looksLikeJson = (path: string, text: string): boolean => /\.json$/i.test(path) || /^\s*[[{]/.test(text);

/**
 * A candle file through the market layer's importers (CSV in every layout they read, or JSON).
 * A refusal is the importer's own wording, one problem per line with row numbers.
 */
export function readCandleFile(io: CliIo, path: string): ImportedCandles {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (error) {
    const refusal = renderMarketMessage(CANDLE_READ_CODES[readFailureOf(error)], { limitMb: LIMIT_MB });
    throw new CliProblem(EXIT.input, [cliText('CLI_CANDLE_FILE_REFUSED', { file: path }), refusal]);
  }
  const imported = looksLikeJson(path, text) ? importCandlesFromJson(text) : importCandlesFromCsv(text);
  if (!imported.ok) {
    throw new CliProblem(EXIT.input, [cliText('CLI_CANDLE_FILE_REFUSED', { file: path }), describeImportProblem(imported.error)]);
  }
  return imported.value;
}

/** The file's bar length; a file without a regular one cannot feed features or a brief. */
export function timeframeOf(imported: ImportedCandles, path: string): Timeframe {
  if (imported.timeframe === null) throw new CliProblem(EXIT.input, [cliText('CLI_TIMEFRAME_UNKNOWN', { file: path })]);
  return imported.timeframe;
}
