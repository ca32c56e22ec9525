import type { ImportError, ImportNoteCode, ImportResult, ImportedCandles } from '../../../core/market/index.ts';
import { describeImportProblem } from '../../../core/market/index.ts';

export const H0 = Date.UTC(2020, 0, 1, 0);
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function imported(result: ImportResult): ImportedCandles {
  if (!result.ok) throw new Error(`expected success, got:\n${describeImportProblem(result.error)}`);
  return result.value;
}

export function failure(result: ImportResult): ImportError {
  if (result.ok) throw new Error('expected the import to fail');
  return result.error;
}

/** The notes of an import as `code` → params, to assert on a few without caring about order. */
export function notesOf(value: ImportedCandles): Partial<Record<ImportNoteCode, unknown>> {
  return Object.fromEntries(value.report.notes.map((note) => [note.code, note.params]));
}

/** Row and code of each listed problem, e.g. [[5, 'HIGH_BELOW_LOW']]. */
export function rowCodes(error: ImportError): [number, string][] {
  return error.rowProblems.map((problem) => [problem.params.row, problem.code]);
}
