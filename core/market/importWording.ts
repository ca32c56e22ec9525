import type { ImportError, ImportErrorCode, ImportParams, ImportRowProblem, RowNumbering } from './importProblems.ts';
import type { ImportGap, ImportNote, ImportReport } from './importReport.ts';
import { marketMessages } from './messages.ts';

const TEMPLATES: Readonly<Record<string, string>> = marketMessages;
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * Renders one code from messages.ts the way i18next would: the `_one` / `_other` variant when
 * `count` is given, then `{{name}}` replaced by its parameter. An unknown code renders as
 * itself (a test checks every code the importer can return has its wording).
 */
export function renderMarketMessage(code: string, params: ImportParams = {}): string {
  const count = params['count'];
  const template = (typeof count === 'number' ? TEMPLATES[`${code}_${count === 1 ? 'one' : 'other'}`] : undefined) ?? TEMPLATES[code];
  if (template === undefined) return code;
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = params[name];
    return value === undefined ? '' : String(value);
  });
}

/** A bar time as people read it in the import messages: `2017-09-22 19:00 UTC`. */
export function utcLabel(atMs: number): string {
  if (!Number.isFinite(atMs)) return 'an unknown time';
  return new Date(atMs).toISOString().replace('T', ' ').replace(/:00\.000Z$|\.\d{3}Z$/, '') + ' UTC';
}

const NUMBERING_KEY: Readonly<Record<RowNumbering, string>> = {
  'file-lines': 'ROW_NUMBERS_FILE_LINES',
  'list-entries': 'ROW_NUMBERS_LIST_ENTRIES',
};

/** Builds a refusal; the English fields are rendered here once, from messages.ts. */
export function importFailure(
  code: ImportErrorCode,
  params: ImportParams = {},
  rowProblems: readonly ImportRowProblem[] = [],
  moreProblems = 0,
  rowNumbering: RowNumbering = 'file-lines',
): { readonly ok: false; readonly error: ImportError } {
  return {
    ok: false,
    error: {
      code,
      params,
      rowProblems,
      moreProblems,
      rowNumbering,
      message: renderMarketMessage(code, params),
      problems: rowProblems.map((problem) => renderMarketMessage(problem.code, problem.params)),
    },
  };
}

/**
 * The whole refusal as text, one problem per line: what happened and what to do, each listed
 * row, how many more there are, and how rows are counted. Callers that show a plain string use
 * this; the app's screens render the codes themselves.
 */
export function describeImportProblem(error: ImportError): string {
  const lines = [renderMarketMessage(error.code, error.params)];
  for (const problem of error.rowProblems) lines.push(renderMarketMessage(problem.code, problem.params));
  if (error.moreProblems > 0) lines.push(renderMarketMessage('MORE_ROW_PROBLEMS', { count: error.moreProblems }));
  if (error.rowProblems.length > 0 || 'row' in error.params) lines.push(renderMarketMessage(NUMBERING_KEY[error.rowNumbering]));
  return lines.join('\n');
}

export function describeImportNote(note: ImportNote): string {
  return renderMarketMessage(note.code, note.params);
}

export function describeImportGap(gap: ImportGap): string {
  return renderMarketMessage('GAP', { count: gap.missingBars, from: utcLabel(gap.afterOpenTimeMs), to: utcLabel(gap.openTimeMs), row: gap.row });
}

/** What the import did and found, one sentence per line: every normalisation, then the gaps. */
export function describeImportReport(report: ImportReport, maxGapsListed = 20): string[] {
  const lines = report.notes.map(describeImportNote);
  if (report.gaps.length > 0) {
    lines.push(renderMarketMessage('GAPS_FOUND', { count: report.gaps.length, missingBars: report.missingBars }));
    for (const gap of report.gaps.slice(0, maxGapsListed)) lines.push(describeImportGap(gap));
    if (report.gaps.length > maxGapsListed) lines.push(renderMarketMessage('MORE_GAPS', { count: report.gaps.length - maxGapsListed }));
  }
  return lines;
}
