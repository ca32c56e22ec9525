import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ContractError, type ReplayFileSummary } from '../../contract/index.ts';
import {
  countMissingBars,
  countOutageBars,
  describeImportNote,
  describeImportProblem,
  importCandlesFromCsv,
  importCandlesFromJson,
  validateCandles,
  type Candle,
  type CandleIssue,
  type Timeframe,
} from '../../market/index.ts';

/** Replay files the person imported, kept in the app's data folder (never shipped with the app). */
export interface ReplayLibrary {
  list(): ReplayFileSummary[];
  importFile(fileName: string, symbol: string, text: string): ReplayFileSummary;
  load(importId: string): { summary: ReplayFileSummary; candles: Candle[] };
}

const StoredReplay = z.object({
  summary: z.object({
    importId: z.string(),
    fileName: z.string(),
    symbol: z.string(),
    timeframe: z.string(),
    bars: z.number(),
    firstOpenTimeMs: z.number(),
    lastOpenTimeMs: z.number(),
    dataWarnings: z.array(z.string()),
    // Files imported before the report existed have none.
    importNotes: z.array(z.string()).default([]),
  }),
  columns: z.object({
    timeMs: z.array(z.number()),
    open: z.array(z.number()),
    high: z.array(z.number()),
    low: z.array(z.number()),
    close: z.array(z.number()),
    volume: z.array(z.number()),
  }),
});

const MAX_WARNINGS = 20;

/** The validator's findings as a few plain sentences: the bot still runs, but knowingly. */
export function dataWarningsFor(issues: readonly CandleIssue[]): string[] {
  const warnings: string[] = [];
  const gaps = issues.filter((issue) => issue.kind === 'gap').length;
  if (gaps > 0) warnings.push(`${gaps} gap(s) in the data, ${countMissingBars(issues)} bar(s) missing in total. The bot will treat a gap as a data problem and go into safe mode.`);
  const outages = issues.filter((issue) => issue.kind === 'exchange-outage').length;
  if (outages > 0) warnings.push(`${countOutageBars(issues)} bar(s) with no trading at all in ${outages} stretch(es), most likely exchange outages.`);
  const counts = new Map<string, number>();
  for (const issue of issues) {
    if (issue.kind !== 'gap' && issue.kind !== 'exchange-outage') counts.set(issue.kind, (counts.get(issue.kind) ?? 0) + 1);
  }
  const words: Record<string, string> = {
    duplicate: 'duplicated bar(s)',
    'out-of-order': 'bar(s) out of time order',
    misaligned: 'bar(s) not on the time grid',
    'impossible-bar': 'impossible bar(s) (e.g. high below low)',
    'outlier-jump': 'sudden jump(s) that reverted on the next bar',
    'stale-feed': 'stale feed warning(s)',
  };
  for (const [kind, count] of counts) warnings.push(`${count} ${words[kind] ?? kind}.`);
  return warnings.slice(0, MAX_WARNINGS);
}

export function createReplayLibrary(folder: string): ReplayLibrary {
  mkdirSync(folder, { recursive: true });
  const pathOf = (importId: string) => join(folder, `${importId}.json`);

  const read = (importId: string): z.infer<typeof StoredReplay> => {
    if (!/^[a-f0-9]{16}$/.test(importId)) throw new ContractError('INVALID_INPUT', 'There is no imported file with that id.');
    let raw: string;
    try {
      raw = readFileSync(pathOf(importId), 'utf8');
    } catch {
      throw new ContractError('REFUSED', 'That imported file is no longer in Ballast’s data folder. Import it again.');
    }
    const parsed = StoredReplay.safeParse(JSON.parse(raw));
    if (!parsed.success) throw new ContractError('REFUSED', 'That imported file is damaged. Import it again.');
    return parsed.data;
  };

  return {
    list() {
      return readdirSync(folder)
        .filter((name) => /^[a-f0-9]{16}\.json$/.test(name))
        .flatMap((name) => {
          try {
            return [read(name.slice(0, 16)).summary];
          } catch {
            return [];
          }
        })
        .sort((a, b) => a.fileName.localeCompare(b.fileName));
    },
    importFile(fileName, symbol, text) {
      const trimmed = text.trimStart();
      const result = trimmed.startsWith('[') || trimmed.startsWith('{') ? importCandlesFromJson(text) : importCandlesFromCsv(text);
      // One problem per line: the screen lists them under the Import button.
      if (!result.ok) throw new ContractError('REFUSED', describeImportProblem(result.error));
      const { candles, timeframe, report } = result.value;
      if (timeframe === null) {
        throw new ContractError('REFUSED', 'Ballast could not tell the bar length of this file (1 minute, 1 hour, 1 day…). Nothing was imported.');
      }
      if (candles.length < 100) {
        throw new ContractError('REFUSED', `This file has only ${candles.length} bars; a paper bot needs at least 100. Nothing was imported.`);
      }
      const importId = createHash('sha256').update(symbol).update('\0').update(text).digest('hex').slice(0, 16);
      const summary: ReplayFileSummary = {
        importId,
        fileName,
        symbol,
        timeframe,
        bars: candles.length,
        firstOpenTimeMs: candles[0]?.openTimeMs ?? 0,
        lastOpenTimeMs: candles.at(-1)?.openTimeMs ?? 0,
        dataWarnings: dataWarningsFor(validateCandles(candles, timeframe satisfies Timeframe)),
        // Every normalisation the importer made (sorting, merged repeats, units…); gaps are in the warnings.
        importNotes: report.notes.slice(0, MAX_WARNINGS).map(describeImportNote),
      };
      const columns = {
        timeMs: candles.map((c) => c.openTimeMs),
        open: candles.map((c) => c.open),
        high: candles.map((c) => c.high),
        low: candles.map((c) => c.low),
        close: candles.map((c) => c.close),
        volume: candles.map((c) => c.volumeBase),
      };
      // Write then rename: a crash mid-write never leaves a half file under the real name.
      const temporary = `${pathOf(importId)}.partial`;
      writeFileSync(temporary, JSON.stringify({ summary, columns }));
      renameSync(temporary, pathOf(importId));
      return summary;
    },
    load(importId) {
      const stored = read(importId);
      const { columns } = stored;
      const candles: Candle[] = columns.timeMs.map((openTimeMs, i) => ({
        openTimeMs,
        open: columns.open[i] ?? Number.NaN,
        high: columns.high[i] ?? Number.NaN,
        low: columns.low[i] ?? Number.NaN,
        close: columns.close[i] ?? Number.NaN,
        volumeBase: columns.volume[i] ?? Number.NaN,
      }));
      return { summary: stored.summary, candles };
    },
  };
}
