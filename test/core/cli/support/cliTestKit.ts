import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeIo, type CliIo } from '../../../../core/cli/index.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../../support/sharedData.ts';

/** A CliIo over the real file system that records what a command writes and serves scripted input. */
export interface TestIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
  /** Prompts passed to readStdin, and how often it was called. */
  readonly stdinReads: (string | undefined)[];
}

export interface TestIoOptions {
  readonly stdin?: string;
  readonly env?: Record<string, string | undefined>;
  /** false: an io without writeFile. */
  readonly canWrite?: boolean;
}

export function testIo(options: TestIoOptions = {}): TestIo {
  const real = createNodeIo();
  let out = '';
  let err = '';
  const stdinReads: (string | undefined)[] = [];
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    readFile: (path) => real.readFile(path),
    readStdin: (prompt) => {
      stdinReads.push(prompt);
      return Promise.resolve(options.stdin ?? '');
    },
    ...(options.canWrite === false ? {} : { writeFile: (path: string, bytes: Uint8Array) => real.writeFile?.(path, bytes) }),
    env: options.env ?? {},
    out: () => out,
    err: () => err,
    stdinReads,
  };
}

/** A temporary folder; `remove` deletes it with everything in it. */
export function tempFolder(): { readonly path: (name: string) => string; readonly write: (name: string, text: string) => string; readonly remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'ballast-cli-'));
  return {
    path: (name) => join(root, name),
    write: (name, text) => {
      const file = join(root, name);
      writeFileSync(file, text);
      return file;
    },
    remove: () => {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

let btcLines: string[] | null = null;

/** The shared BTC/USDT 1h file's lines (header first), read once. */
function btcHourlyLines(): string[] {
  btcLines ??= readFileSync(sharedDataPath(BTC_USDT_1H_CSV), 'utf8').split('\n').filter((line) => line.trim() !== '');
  return btcLines;
}

/**
 * A CSV slice of the shared BTC/USDT 1h file: the header, then the bars whose open time is in
 * [fromIso, toIso). The shared file is ascending, one bar per line.
 */
export function btcCsvSlice(fromIso: string, toIso: string): string {
  const [header, ...rows] = btcHourlyLines();
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  const kept = rows.filter((row) => {
    const openTimeMs = Number(row.slice(0, row.indexOf(',')));
    return openTimeMs >= from && openTimeMs < to;
  });
  return `${[header, ...kept].join('\n')}\n`;
}

/** Bars in a slice (lines minus the header). */
export const barsIn = (csv: string): number => csv.trim().split('\n').length - 1;
