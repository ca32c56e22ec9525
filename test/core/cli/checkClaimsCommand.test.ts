import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../core/cli/index.ts';
import { runCheckClaimsCommand } from '../../../core/cli/checkClaimsCommand.ts';
import { tempFolder, testIo } from './support/cliTestKit.ts';

const folder = tempFolder();
afterAll(() => {
  folder.remove();
});

async function checkClaims(argv: string[]) {
  const io = testIo();
  const code = await runCheckClaimsCommand(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** Three lines; the claims sit on the second and third. */
const MARKETING = [
  'Welcome to AlphaBot, the smart way to trade.',
  'Our AI delivers guaranteed profits with a 95% win rate!',
  'Only 3 spots left — join today.',
].join('\n');

describe('ballast check-claims', () => {
  it('prints each red-flag claim with its rule, offsets, line and column, and its explanation', async () => {
    const file = folder.write('alphabot.txt', MARKETING);
    const { code, out, err } = await checkClaims(['--file', file, '--json']);
    expect({ code, err }).toEqual({ code: EXIT.ok, err: '' });
    const printed = JSON.parse(out) as { matches: { ruleId: string; start: number; end: number; line: number; column: number; text: string; explanation: string }[]; scannedChars: number; truncated: boolean };
    expect(printed.scannedChars).toBe(MARKETING.length);
    expect(printed.truncated).toBe(false);
    const byRule = new Map(printed.matches.map((match) => [match.ruleId, match]));
    expect([...byRule.keys()]).toEqual(expect.arrayContaining(['guarantee', 'win_rate', 'urgency']));
    for (const match of printed.matches) {
      // Offsets are into the whole text; line and column say the same thing the way an editor does.
      expect(MARKETING.slice(match.start, match.end)).toBe(match.text);
      const lines = MARKETING.split('\n');
      expect(lines[match.line - 1]?.slice(match.column - 1, match.column - 1 + match.text.length)).toBe(match.text);
      expect(match.explanation.length).toBeGreaterThan(20);
    }
    // "guaranteed" starts at column 17 of line 2: "Our AI delivers " is 16 characters.
    expect(byRule.get('guarantee')).toMatchObject({ line: 2, column: 17 });
    expect(byRule.get('guarantee')?.explanation).toMatch(/^This promises a sure result\./);
    expect(byRule.get('win_rate')?.explanation).toContain('about 95% of trades end in profit');
    expect(byRule.get('urgency')?.line).toBe(3);
  });

  it('says in plain words what it found, and that finding nothing is not a clean bill', async () => {
    const flagged = await checkClaims(['--file', folder.write('alphabot.txt', MARKETING)]);
    expect(flagged.code).toBe(EXIT.ok);
    expect(flagged.out).toMatch(/^Line 2, column 17: "guaranteed[^"]*" \(guarantee\)\. This promises a sure result\./m);
    expect(flagged.out).toMatch(/^\d+ red-flag claim\(s\) found\.$/m);
    const clean = await checkClaims(['--file', folder.write('plain.txt', 'We trade BTC with small positions and publish our fees and our losses.')]);
    expect(clean).toEqual({
      code: EXIT.ok,
      out: 'The claim scanner found none of the warning phrases it knows in their marketing text. It reads fixed patterns only, so read the text yourself too.\n',
      err: '',
    });
  });

  it('refuses a missing or unreadable file and wrong flags plainly', async () => {
    const absent = folder.path('absent.txt');
    expect(await checkClaims(['--file', absent])).toEqual({ code: EXIT.input, out: '', err: `Ballast could not find the file ${absent}. Check the path and try again.\n` });
    const directory = await checkClaims(['--file', folder.path('')]);
    expect(directory.code).toBe(EXIT.input);
    expect(directory.err).toMatch(/^Ballast could not read .* as a text file \(it may be a folder\)\./);
    expect(await checkClaims(['--text', 'Guaranteed!'])).toMatchObject({ code: EXIT.usage, err: expect.stringMatching(/^"ballast check-claims" has no flag --text\./) as unknown });
    expect((await checkClaims([])).err).toBe('"ballast check-claims" needs --file FILE. Run "ballast help check-claims" to see its flags.\n');
  });
});
