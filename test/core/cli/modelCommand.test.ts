import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../core/cli/index.ts';
import { modelCardText, runModelCommand } from '../../../core/cli/modelCommand.ts';
import { fileHash, readTrainedModel, type ModelCard } from '../../../core/signals/model/index.ts';
import { barsIn, btcCsvSlice, tempFolder, testIo, type TestIoOptions } from './support/cliTestKit.ts';

/**
 * About 3,200 hourly bars: just over the 3,000 labelled samples five purged folds need
 * (MIN_SAMPLES_PER_FOLD 500 × 6 blocks), so training stays quick.
 */
const FROM = '2019-12-01T00:00:00Z';
const TO = '2020-04-14T00:00:00Z';

const folder = tempFolder();
let data = '';
let bars = 0;
const trained = { code: -1, out: '', err: '' };

async function model(argv: string[], options: TestIoOptions = {}) {
  const io = testIo(options);
  const code = await runModelCommand(argv, io);
  return { code, out: io.out(), err: io.err(), io };
}

beforeAll(async () => {
  const csv = btcCsvSlice(FROM, TO);
  bars = barsIn(csv);
  data = folder.write('btc-1h.csv', csv);
  Object.assign(trained, await model(['train', '--data', data, '--symbol', 'BTC/USDT', '--json', '--out', folder.path('model.json')]));
});
afterAll(() => {
  folder.remove();
});

describe('ballast model train', () => {
  it('prints the model card as JSON, trained on the whole file', () => {
    expect(trained.code).toBe(EXIT.ok);
    const card = JSON.parse(trained.out) as ModelCard;
    expect(card).toMatchObject({ cardVersion: 1, symbol: 'BTC/USDT', timeframe: '1h', modelKind: 'logistic' });
    expect(card.trainingWindow).toMatchObject({ fromMs: Date.parse(FROM), bars });
    expect(card.trainingWindow.toMs).toBe(Date.parse(TO) - 3_600_000);
    // No backtest has judged the model, so the live gate refuses it whatever its forecasts.
    expect(card.verdict.usableLive).toBe(false);
    expect(card.verdict.reasons.map((reason) => reason.code)).toContain('MODEL_DEFLATED_SHARPE_MISSING');
  });

  it('reports progress on stderr, ending at 100%, and where the model was saved', () => {
    const lines = trained.err.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^Training: \d{1,3}% \((features|evaluation|final|drift|done)\)$/);
    expect(lines.at(-2)).toBe('Training: 100% (done)');
    const bytes = readFileSync(folder.path('model.json'));
    expect(lines.at(-1)).toBe(`Saved to ${folder.path('model.json')} (file hash ${fileHash(bytes)}).`);
  });

  it('saves a model file that reads back as the model on the card', () => {
    const read = readTrainedModel(readFileSync(folder.path('model.json')));
    if (!read.ok) throw new Error(read.detail);
    expect(read.value.card).toEqual(JSON.parse(trained.out));
    expect(read.value.modelHash).toBe((JSON.parse(trained.out) as ModelCard).modelHash);
  });

  it('words the card plainly: the window, the out-of-sample Brier skill, and the live verdict', () => {
    const card = JSON.parse(trained.out) as ModelCard;
    const text = modelCardText(card).join('\n');
    expect(text).toContain('Model card: BTC/USDT, 1h bars, logistic regression');
    expect(text).toContain(`Training window: 2019-12-01 00:00 UTC to 2020-04-13 23:00 UTC (${String(bars)} bars, ${String(card.trainingWindow.samples)} labelled samples)`);
    expect(text).toMatch(/Brier skill out of sample: -?[\d.e-]+ over \d+ forecasts/);
    expect(text).toContain('Live trading with this model: not allowed. Paper trading: allowed.');
    expect(text).toContain('This model has not been backtested yet');
    // The card's own verdict decides the sentence: no edge out of sample → it says so.
    const noEdge = card.verdict.reasons.some((reason) => reason.code === 'MODEL_NO_EDGE_BRIER');
    expect(noEdge).toBe(!(card.outOfSample.brierSkill > 0));
    expect(text.includes('This model shows no reliable edge')).toBe(noEdge);
  });

  it('prints the same card in words without --json (same data, same model), even when the file cannot be saved', async () => {
    const { code, out, err } = await model(['train', '--data', data, '--symbol', 'BTC/USDT', '--out', folder.path('no-such-folder/model.json')]);
    expect(out).toBe(`${modelCardText(JSON.parse(trained.out) as ModelCard).join('\n')}\n`);
    expect(code).toBe(EXIT.input);
    expect(err.trim().split('\n').at(-1)).toBe(
      `Ballast could not write the model file ${folder.path('no-such-folder/model.json')}, so nothing was saved. Check the folder exists and may be written to.`,
    );
  });
});

describe('ballast model train refuses bad input plainly', () => {
  it('a history too short to train and test honestly (exit 65)', async () => {
    const short = folder.write('short.csv', btcCsvSlice(FROM, '2020-01-15T00:00:00Z'));
    const { code, out, err } = await model(['train', '--data', short, '--symbol', 'BTC/USDT']);
    expect({ code, out }).toEqual({ code: EXIT.input, out: '' });
    expect(err).toMatch(/There is not enough price history to train and test a model honestly\. Use a longer history and train again\.\n$/);
  });

  it('a missing or unreadable file (exit 65)', async () => {
    const missing = await model(['train', '--data', folder.path('absent.csv'), '--symbol', 'BTC/USDT']);
    expect(missing.code).toBe(EXIT.input);
    expect(missing.err).toContain('Ballast could not find this file');
    const directory = await model(['train', '--data', folder.path(''), '--symbol', 'BTC/USDT']);
    expect(directory.code).toBe(EXIT.input);
    expect(directory.err).toContain('Ballast could not read this file.');
  });

  it('no subcommand, an unknown one, a bad symbol, an unknown flag (exit 64)', async () => {
    expect(await model([])).toMatchObject({ code: EXIT.usage, err: expect.stringMatching(/^"ballast model" needs what to do with the model/) as unknown });
    expect((await model(['fit', '--data', data])).code).toBe(EXIT.usage);
    expect(await model(['train', '--data', data, '--symbol', 'BTCUSDT'])).toMatchObject({ code: EXIT.usage, err: '--symbol must be a market written as two coin codes with a slash, such as BTC/USDT.\n' });
    expect(await model(['train', '--data', data, '--symbol', 'BTC/USDT', '--epochs', '3'])).toMatchObject({ code: EXIT.usage, err: expect.stringContaining('has no flag --epochs') as unknown });
  });

  it('--out where nothing may be written is said before training', async () => {
    const { code, err, io } = await model(['train', '--data', folder.path('absent.csv'), '--symbol', 'BTC/USDT', '--out', 'm.json'], { canWrite: false });
    expect(code).toBe(EXIT.input);
    expect(err).toBe('This command line cannot write files, so the model was not saved.\n');
    expect(io.out()).toBe('');
  });
});
