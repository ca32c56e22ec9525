/**
 * What the candle importer says, as codes with parameters. The English wording of every code
 * lives in messages.ts; importWording.ts renders it.
 *
 * Row numbers are 1-based and count the way a spreadsheet does: in a CSV file, row N is line N
 * of the file, header and any note line above it included (the header of a plain file is row 1,
 * its first bar row 2); in a JSON file, row N is the N-th entry of the list.
 */

/** Parameter values are plain numbers and short texts, never objects. */
export type ImportParams = Readonly<Record<string, string | number>>;

/** Why a whole file was refused. */
export const IMPORT_ERROR_CODES = [
  'EMPTY_FILE',
  'NO_CANDLE_ROWS',
  'FILE_TOO_LARGE',
  'FILE_NOT_FOUND',
  'FILE_NOT_PERMITTED',
  'UNREADABLE_FILE',
  'NOT_JSON',
  'NOT_A_CANDLE_LIST',
  'MISSING_COLUMNS',
  'INVALID_ROWS',
  'IMPOSSIBLE_BARS',
  'CONFLICTING_ROWS',
  'MIXED_TIMESTAMP_FORMATS',
  'MIXED_DECIMAL_MARKS',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/** What is wrong with one row; a refused file lists one of these per bad row. */
export const IMPORT_ROW_PROBLEM_CODES = [
  'ROW_UNCLOSED_QUOTE',
  'ROW_CELL_COUNT_DIFFERS',
  'ROW_CELL_COUNT_CHANGES',
  'ROW_TOO_FEW_CELLS',
  'ROW_NOT_A_CANDLE',
  'ROW_MISSING_FIELDS',
  'TIME_EMPTY',
  'TIME_UNREADABLE',
  'TIME_IMPLAUSIBLE',
  'TIME_NOT_A_REAL_DATE',
  'TIME_DATE_AMONG_UNIX_TIMES',
  'TIME_UNIX_AMONG_DATES',
  'VALUE_EMPTY',
  'VALUE_MISSING',
  'VALUE_NOT_A_NUMBER',
  'VALUE_NOT_FINITE',
  'VALUE_COMMA_IN_COMMA_FILE',
  'VALUE_THOUSANDS_SEPARATOR',
  'PRICE_NOT_POSITIVE',
  'VOLUME_NEGATIVE',
  'HIGH_BELOW_LOW',
  'HIGH_BELOW_OPEN',
  'HIGH_BELOW_CLOSE',
  'LOW_ABOVE_OPEN',
  'LOW_ABOVE_CLOSE',
  'SAME_TIME_DIFFERENT_VALUES',
  'DECIMAL_POINT_AMONG_COMMAS',
] as const;
export type ImportRowProblemCode = (typeof IMPORT_ROW_PROBLEM_CODES)[number];

/** Row problems that describe a bar no market can produce. */
export const IMPOSSIBLE_BAR_CODES: ReadonlySet<ImportRowProblemCode> = new Set([
  'VALUE_NOT_FINITE',
  'PRICE_NOT_POSITIVE',
  'VOLUME_NEGATIVE',
  'HIGH_BELOW_LOW',
  'HIGH_BELOW_OPEN',
  'HIGH_BELOW_CLOSE',
  'LOW_ABOVE_OPEN',
  'LOW_ABOVE_CLOSE',
]);

export interface ImportRowProblem {
  readonly code: ImportRowProblemCode;
  /** Always holds `row`, the 1-based row number. */
  readonly params: ImportParams & { readonly row: number };
}

/** How the rows of the file are numbered, so the wording can say so. */
export type RowNumbering = 'file-lines' | 'list-entries';

export interface ImportError {
  readonly code: ImportErrorCode;
  readonly params: ImportParams;
  /** One problem per bad row, in row order, at most `MAX_LISTED_PROBLEMS` of them. */
  readonly rowProblems: readonly ImportRowProblem[];
  /** Bad rows found but not listed. */
  readonly moreProblems: number;
  readonly rowNumbering: RowNumbering;
  /**
   * English renderings of `code` and `rowProblems` from messages.ts, kept for callers that
   * still print strings; new code renders with `describeImportProblem`.
   */
  readonly message: string;
  readonly problems: readonly string[];
}

export const MAX_LISTED_PROBLEMS = 20;

/** Files larger than this are refused before they are read (50 MB). */
export const MAX_IMPORT_FILE_BYTES = 50_000_000;
/** The same limit for text already in memory, counted in characters. */
export const MAX_IMPORT_FILE_CHARS = MAX_IMPORT_FILE_BYTES;
