import { scanClaims, type ClaimMatch, type ClaimScan } from '../keys/serviceCheck/index.ts';
import { EXIT } from './cliIo.ts';
import { cliCommand } from './cliProblem.ts';
import { parseFlags } from './flags.ts';
import { readTextFile } from './inputFiles.ts';
import { cliText } from './cliWords.ts';
import { renderCode } from './renderCodes.ts';

const CLAIMS_FLAGS = {
  file: { type: 'string', example: 'FILE', required: true },
  json: { type: 'boolean' },
} as const;

/** A match with where a person finds it in an editor (1-based line and column) and what it means. */
export interface PlacedClaim extends ClaimMatch {
  readonly line: number;
  readonly column: number;
  readonly explanation: string;
}

/** What `check-claims --json` prints. */
export interface ClaimsOutput {
  readonly matches: PlacedClaim[];
  readonly scannedChars: number;
  readonly truncated: boolean;
}

/** Start offsets of each line, for turning a match's offset into a line and column. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

export function claimsOutput(text: string, scan: ClaimScan): ClaimsOutput {
  const starts = lineStarts(text);
  let line = 0;
  const matches = scan.matches.map((match): PlacedClaim => {
    // Matches come in text order, so the line only moves forward.
    while (line + 1 < starts.length && (starts[line + 1] ?? Infinity) <= match.start) line++;
    return {
      ...match,
      line: line + 1,
      column: match.start - (starts[line] ?? 0) + 1,
      explanation: renderCode('serviceCheck', { code: match.explanationCode, params: match.params }),
    };
  });
  return { matches, scannedChars: scan.scannedChars, truncated: scan.truncated };
}

function claimsText(output: ClaimsOutput): string[] {
  const lines = output.matches.map((match) =>
    cliText('CLI_CLAIM_MATCH', { line: match.line, column: match.column, text: match.text, ruleId: match.ruleId, explanation: match.explanation }));
  lines.push(output.matches.length === 0 ? renderCode('serviceCheck', { code: 'REPORT_NO_CLAIMS_FOUND' }) : cliText('CLI_CLAIMS_FOUND', { count: output.matches.length }));
  if (output.truncated) lines.push(renderCode('serviceCheck', { code: 'REPORT_CLAIMS_TRUNCATED', params: { scannedChars: output.scannedChars } }));
  return lines;
}

/**
 * `ballast check-claims --file FILE`: the claim scanner over a service's marketing text, with
 * each match's rule and position. Finding claims is a result, not a failure: exit 0 either way.
 */
export const runCheckClaimsCommand = cliCommand((argv, io) => {
  const flags = parseFlags('check-claims', argv, CLAIMS_FLAGS);
  const text = readTextFile(io, flags.file);
  const output = claimsOutput(text, scanClaims(text));
  io.stdout(flags.json ? `${JSON.stringify(output, null, 2)}\n` : `${claimsText(output).join('\n')}\n`);
  return Promise.resolve(EXIT.ok);
});
