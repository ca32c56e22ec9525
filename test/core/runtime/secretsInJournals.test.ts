import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeSecret } from '../../../core/keys/index.ts';
import { createLogger } from '../../../core/log/index.ts';
import { createBallastCore } from '../../../core/runtime/index.ts';
import { removeTempDirs, tempDir } from '../../support/tempDirs.ts';

// Runs after the hooks below (they close what uses the folders), then removes the folders.
afterEach(removeTempDirs);

const CANARY = 'FAKE-SECRET-CANARY-journal-9c1e';

describe('key material in the journals', () => {
  it('is masked even inside free text, in the app journal and in paper run journals', async () => {
    const dataDir = tempDir('secret-journals');
    const core = createBallastCore({ version: 't', log: createLogger({ level: 'silent' }), dataDir });
    makeSecret(CANARY); // as the keys layer does with every key it reads or is given
    await core.dispatch('startPaperBot', { source: { kind: 'synthetic' }, symbol: 'DEMO/USDT', strategyId: 'do-nothing', barsPerSecond: 100, startingBalanceQuote: 1_000 });
    // A cause that quotes the secret in free text, as a careless error message might; the run
    // journals every state change, so the text reaches the run's journal too.
    core.tradingState.pause({ code: 'TEST', message: `exchange said: bad signature for ${CANARY}` });
    await core.dispatch('stopPaperBot', undefined);
    const runJournal = core.bot.sessionJournalPath();
    if (runJournal === null) throw new Error('no run journal');
    core.dispose();
    const files = [join(dataDir, 'journal.sqlite'), ...readdirSync(join(dataDir, 'paper')).filter((name) => name.endsWith('.sqlite') || name.endsWith('-wal')).map((name) => join(dataDir, 'paper', name))];
    for (const file of files) expect(readFileSync(file).includes(CANARY), file).toBe(false);
    expect(readFileSync(join(dataDir, 'journal.sqlite')).includes('exchange said: bad signature for')).toBe(true);
    const runFiles = files.filter((file) => file.startsWith(runJournal));
    expect(runFiles.some((file) => readFileSync(file).includes('exchange said: bad signature for'))).toBe(true);
  });
});
