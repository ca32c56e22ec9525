import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const TABLE = join(ROOT, 'docs', 'safety-invariants.md');
const NOT_COVERED = 'not yet covered';

interface Row {
  readonly line: number;
  readonly id: string;
  readonly file: string;
  readonly testName: string;
  readonly note: string;
}

/** The rows of every table in the document whose first cell is an ID such as `K1` or `O12`. */
export function parseInvariantTable(markdown: string): Row[] {
  const rows: Row[] = [];
  markdown.split('\n').forEach((text, index) => {
    if (!text.startsWith('| ')) return;
    const cells = text.slice(1, -1).split(' | ').map((cell) => cell.trim());
    if (cells.length !== 5 || !/^[A-Z]\d+$/.test(cells[0]!)) return;
    const [id, , file, name, note] = cells as [string, string, string, string, string];
    rows.push({ line: index + 1, id, file, testName: name.replace(/^`|`$/g, ''), note });
  });
  return rows;
}

/** The file's text with escaped quotes unescaped, as a test name reads when it runs. */
function sourceText(path: string): string {
  return readFileSync(path, 'utf8').replace(/\\(['"`])/g, '$1');
}

/** True when `name` opens a string in `source` (the first argument of `it`, `it.each(…)` or `test`). */
function declaresTest(source: string, name: string): boolean {
  return ["'", '"', '`'].some((quote) => source.includes(`${quote}${name}`));
}

describe('the safety invariant table (docs/safety-invariants.md)', () => {
  const rows = parseInvariantTable(readFileSync(TABLE, 'utf8'));

  it('lists the rules of every section, each with a test or an honest "not yet covered"', () => {
    expect(rows.length).toBeGreaterThan(50);
    for (const prefix of ['K', 'O', 'R', 'A', 'L', 'E', 'Y']) expect(rows.some((row) => row.id.startsWith(prefix)), prefix).toBe(true);
    for (const row of rows) {
      const where = `line ${String(row.line)} (${row.id})`;
      if (row.file === NOT_COVERED) {
        expect(row.testName, where).toBe('');
        expect(row.note.length, `${where} says why it is not covered`).toBeGreaterThan(20);
      } else {
        expect(row.file, where).toMatch(/^test\/.+\.ts$/);
        expect(row.testName.length, where).toBeGreaterThan(10);
      }
    }
  });

  it('names only test files that exist and tests they declare', () => {
    const missing: string[] = [];
    for (const row of rows) {
      if (row.file === NOT_COVERED) continue;
      const path = join(ROOT, row.file);
      if (!existsSync(path)) missing.push(`line ${String(row.line)}: no file ${row.file}`);
      else if (!declaresTest(sourceText(path), row.testName)) missing.push(`line ${String(row.line)}: ${row.file} has no test "${row.testName}"`);
    }
    expect(missing).toEqual([]);
  });

  it('would notice a renamed test or a moved file (the check itself works)', () => {
    const source = "  it('refuses a key that can withdraw', async () => {";
    expect(declaresTest(source, 'refuses a key that can withdraw')).toBe(true);
    expect(declaresTest(source, 'refuses a key that can trade')).toBe(false);
    const parsed = parseInvariantTable('| Z1 | Rule | test/nowhere.test.ts | `a name` | |\n| not | a | row |');
    expect(parsed).toEqual([{ line: 1, id: 'Z1', file: 'test/nowhere.test.ts', testName: 'a name', note: '' }]);
  });
});
