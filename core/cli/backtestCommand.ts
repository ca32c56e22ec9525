/**
 * `ballast backtest`: a backtest, a parameter sweep or a walk-forward test of a candle file, as a
 * readable summary or (with --json) one JSON object. Bad input gets one plain sentence on stderr
 * naming the problem (row numbers for file problems) and exit code 1; nothing is run.
 *
 *   --data FILE  --symbol BASE/QUOTE  --strategy ID  [--param name=value]…  [--cash N]
 *   [--size-fraction F] [--amount-step S] [--fees TAKER[,MAKER]] [--slippage S]
 *   [--fill realistic|next-open] [--risk on|off] [--close-at-end] [--json]
 *   [--sweep name=from:to:step | name=a|b|c]…   (every combination; the best by in-sample Sharpe)
 *   [--walk-forward anchored|rolling,train=BARS,test=BARS[,purge=BARS][,embargo=BARS]]
 */
import i18next, { type TFunction } from 'i18next';
import {
  BACKTEST_MESSAGES,
  BACKTEST_RUN_MESSAGES,
  BacktestInputError,
  BacktestRequestSchema,
  backtestBars,
  backtestReport,
  costsForJson,
  reportStatisticsJson,
  resolveRequest,
  runSweep,
  runWalkForward,
  statisticsForJson,
  sweepForJson,
  tradesForJson,
  valueRange,
  walkForwardForJson,
  type BacktestReport,
  type BacktestRequestInput,
  type SweepResult,
  type WalkForwardResult,
} from '../backtest/index.ts';
import { describeImportProblem, describeImportReport, importCandlesFromCsv, importCandlesFromJson, type ImportReport } from '../market/index.ts';
import { resolveStrategyParameters } from '../signals/index.ts';
import { EXIT, type CliIo } from './cliIo.ts';

/** What the backtest needs of the command line's I/O. */
export type CommandIo = Pick<CliIo, 'stdout' | 'stderr' | 'readFile'>;

/** Problems with the file itself (exit 65); every other refusal is about the command line (exit 64). */
const INPUT_PROBLEMS = new Set(['FILE_MISSING', 'FILE_NOT_PERMITTED', 'FILE_UNREADABLE', 'TOO_FEW_BARS']);

type Problem = { readonly code: string; readonly params: Readonly<Record<string, string | number>> };
class CommandRefusal extends Error {
  readonly problem: Problem;
  constructor(code: string, params: Readonly<Record<string, string | number>> = {}) {
    super(code);
    this.problem = { code, params };
  }
}

const VALUE_OPTIONS = ['--data', '--symbol', '--strategy', '--param', '--cash', '--size-fraction', '--amount-step', '--fees', '--slippage', '--fill', '--risk', '--walk-forward', '--sweep'] as const;
const FLAG_OPTIONS = ['--close-at-end', '--json'] as const;
const REPEATABLE = new Set(['--param', '--sweep']);
const EXAMPLES: Readonly<Record<string, string>> = {
  '--data': '--data prices.csv', '--symbol': '--symbol BTC/USDT', '--strategy': '--strategy sma-cross', '--param': '--param fast=10', '--cash': '--cash 10000',
  '--size-fraction': '--size-fraction 0.01', '--amount-step': '--amount-step 0.00001', '--fees': '--fees 0.001', '--slippage': '--slippage 0.0001',
  '--fill': '--fill realistic', '--risk': '--risk on', '--walk-forward': '--walk-forward rolling,train=8760,test=2190', '--sweep': '--sweep fast=5:50:5',
};

function parseArguments(argv: readonly string[]): { values: Map<string, string[]>; flags: Set<string> } {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] as string;
    const equals = argument.startsWith('--') ? argument.indexOf('=') : -1;
    const option = equals > 0 ? argument.slice(0, equals) : argument;
    if ((FLAG_OPTIONS as readonly string[]).includes(option) && equals < 0) {
      flags.add(option);
      continue;
    }
    if (!(VALUE_OPTIONS as readonly string[]).includes(option)) throw new CommandRefusal('UNKNOWN_OPTION', { option, known: [...VALUE_OPTIONS, ...FLAG_OPTIONS].join(', ') });
    const value = equals > 0 ? argument.slice(equals + 1) : argv[++i];
    if (value === undefined || (equals < 0 && value.startsWith('--'))) throw new CommandRefusal('OPTION_NEEDS_VALUE', { option, example: EXAMPLES[option] ?? option });
    const list = values.get(option) ?? [];
    if (list.length > 0 && !REPEATABLE.has(option)) throw new CommandRefusal('OUT_OF_RANGE', { option, value, rule: 'given once' });
    values.set(option, [...list, value]);
  }
  return { values, flags };
}

function numberOf(option: string, text: string): number {
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text.trim())) throw new CommandRefusal('NOT_A_NUMBER', { option, value: text });
  return Number(text);
}

function requireRange(option: string, value: number, ok: boolean, rule: string): number {
  if (!ok) throw new CommandRefusal('OUT_OF_RANGE', { option, value, rule });
  return value;
}

function nameValue(option: string, text: string, code: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0 || at === text.length - 1) throw new CommandRefusal(code, { option, value: text });
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

function sweepValues(text: string): number[] {
  const range = /^([^:]+):([^:]+):([^:]+)$/.exec(text);
  if (range !== null) {
    const values = valueRange(numberOf('--sweep', range[1] as string), numberOf('--sweep', range[2] as string), numberOf('--sweep', range[3] as string));
    if (values.length === 0) throw new CommandRefusal('BAD_SWEEP', { value: text });
    return values;
  }
  return text.split('|').map((part) => numberOf('--sweep', part));
}

function walkForwardOf(text: string): NonNullable<BacktestRequestInput['walkForward']> {
  const [scheme, ...parts] = text.split(',').map((part) => part.trim());
  const fields = new Map(parts.map((part) => nameValue('--walk-forward', part, 'BAD_WALK_FORWARD')));
  const bars = (name: string, fallback?: number): number => {
    const raw = fields.get(name);
    if (raw === undefined && fallback !== undefined) return fallback;
    const value = raw === undefined ? Number.NaN : Number(raw);
    if (!Number.isSafeInteger(value) || value < 0) throw new CommandRefusal('BAD_WALK_FORWARD', { value: text });
    return value;
  };
  if ((scheme !== 'anchored' && scheme !== 'rolling') || [...fields.keys()].some((name) => !['train', 'test', 'purge', 'embargo'].includes(name))) {
    throw new CommandRefusal('BAD_WALK_FORWARD', { value: text });
  }
  return { scheme, trainBars: bars('train'), testBars: bars('test'), purgeBars: bars('purge', 0), embargoBars: bars('embargo', 0) };
}

function requestOf(values: Map<string, string[]>, flags: Set<string>): BacktestRequestInput {
  const one = (option: string): string | undefined => values.get(option)?.[0];
  const required = (option: string): string => {
    const value = one(option);
    if (value === undefined) throw new CommandRefusal('MISSING_OPTION', { option, example: EXAMPLES[option] ?? option });
    return value;
  };
  required('--data');
  const symbol = required('--symbol').trim().toUpperCase();
  if (!/^[A-Z0-9]{1,20}\/[A-Z0-9]{1,20}$/.test(symbol)) throw new CommandRefusal('BAD_SYMBOL', { value: symbol });
  const strategy = required('--strategy').trim();
  const parameters = Object.fromEntries((values.get('--param') ?? []).map((text) => {
    const [name, value] = nameValue('--param', text, 'BAD_PARAMETER');
    return [name, numberOf(`--param ${name}`, value)];
  }));
  const known = resolveStrategyParameters(strategy, parameters);
  if (!known.ok) throw new CommandRefusal(known.problem.code, known.problem.params);
  const choice = <const T extends string>(option: string, choices: readonly T[], fallback: T): T => {
    const value = one(option) ?? fallback;
    if (!(choices as readonly string[]).includes(value)) throw new CommandRefusal('BAD_CHOICE', { option, value, choices: choices.join(' or ') });
    return value as T;
  };
  const optionalNumber = (option: string, ok: (value: number) => boolean, rule: string): number | undefined => {
    const text = one(option);
    if (text === undefined) return undefined;
    const value = numberOf(option, text);
    return requireRange(option, value, ok(value), rule);
  };
  const fees = one('--fees')?.split(',').map((text) => requireRange('--fees', numberOf('--fees', text), true, ''));
  for (const fee of fees ?? []) requireRange('--fees', fee, fee >= 0 && fee < 0.1, 'a fraction from 0 up to 0.1 (0.001 is 0.1 %)');
  const sweep = values.get('--sweep')?.map((text) => nameValue('--sweep', text, 'BAD_SWEEP'));
  const walkForward = one('--walk-forward');
  const cashQuote = optionalNumber('--cash', (value) => value > 0 && Number.isFinite(value), 'above 0');
  const sizeFraction = optionalNumber('--size-fraction', (value) => value > 0 && value <= 1, 'above 0 and at most 1 (0.01 is 1 % of the account)');
  const amountStepBase = optionalNumber('--amount-step', (value) => value > 0 && Number.isFinite(value), 'above 0');
  const slippage = optionalNumber('--slippage', (value) => value >= 0 && value < 0.1, 'a fraction from 0 up to 0.1 (0.0001 is 0.01 %)');
  return {
    symbol, strategy, parameters,
    fill: choice('--fill', ['realistic', 'next-open'] as const, 'realistic'),
    risk: choice('--risk', ['on', 'off'] as const, 'on'),
    closeAtEnd: flags.has('--close-at-end'),
    ...(cashQuote === undefined ? {} : { cashQuote }),
    ...(sizeFraction === undefined ? {} : { sizeFraction }),
    ...(amountStepBase === undefined ? {} : { amountStepBase }),
    ...(slippage === undefined ? {} : { slippage }),
    ...(fees?.[0] === undefined ? {} : { takerFeeRate: fees[0] }),
    ...(fees?.[1] === undefined ? {} : { makerFeeRate: fees[1] }),
    ...(sweep === undefined ? {} : { sweep: Object.fromEntries(sweep.map(([name, text]) => [name, sweepValues(text)])) }),
    ...(walkForward === undefined ? {} : { walkForward: walkForwardOf(walkForward) }),
  };
}

function readData(io: CommandIo, path: string): string {
  try {
    return io.readFile(path);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CommandRefusal('FILE_MISSING', { path });
    if (code === 'EACCES' || code === 'EPERM') throw new CommandRefusal('FILE_NOT_PERMITTED', { path });
    throw new CommandRefusal('FILE_UNREADABLE', { path });
  }
}

const utc = (atMs: number): string => new Date(atMs).toISOString().slice(0, 16).replace('T', ' ');
const list = (parameters: Readonly<Record<string, number>>): string => Object.entries(parameters).map(([name, value]) => `${name}=${value}`).join(', ') || 'no parameters';

type Outcome = { report: BacktestReport; sweep?: SweepResult } | { walkForward: WalkForwardResult; report?: undefined };

function summary(t: TFunction, outcome: Outcome, importReport: ImportReport, bars: { length: number; from: number; to: number }): string[] {
  const main = outcome.report ?? outcome.walkForward;
  const settings = outcome.report?.settings;
  const lines: string[] = [];
  if (settings !== undefined) lines.push(t('HEADER', { strategy: settings.strategy.id, parameters: list(settings.strategy.parameters), symbol: settings.symbol, bars: bars.length, from: utc(bars.from), to: utc(bars.to) }));
  lines.push(t(main.sample === 'in-sample' ? 'SAMPLE_IN_SAMPLE' : 'SAMPLE_OUT_OF_SAMPLE'));
  if (outcome.report !== undefined) {
    const { report } = outcome;
    lines.push(t(report.settings.risk === 'on' ? 'RISK_ON' : 'RISK_OFF'), t(report.settings.fillModel.name === 'realistic' ? 'FILL_REALISTIC' : 'FILL_NEXT_OPEN', { volumeShare: report.settings.fillModel.volumeShare }));
    if (outcome.sweep !== undefined) {
      lines.push(t('SWEEP_SUMMARY', { trials: outcome.sweep.trials.length, skipped: outcome.sweep.skippedCombinations, parameters: list(outcome.sweep.best.parameters) }));
      for (const explanation of outcome.sweep.overfitting?.explanations ?? []) lines.push(t(explanation.code, explanation.params));
    }
  } else {
    for (const fold of outcome.walkForward.folds) {
      lines.push(t('WALK_FORWARD_FOLD', { fold: fold.fold + 1, parameters: list(fold.parameters), sharpe: fold.inSampleSharpe, returnPercent: fold.outOfSampleReturnPercent, bars: fold.test.endBar - fold.test.startBar }));
    }
  }
  lines.push(t('STATISTICS'));
  for (const [name, value] of Object.entries(statisticsForJson(main.statistics))) lines.push(`  ${name.padEnd(26)} ${value === null ? '—' : typeof value === 'number' ? String(Number(value.toPrecision(8))) : value}`);
  const quote = (outcome.report?.settings.market.quote) ?? '';
  const cash = outcome.report?.settings.cashQuote ?? 1;
  lines.push(t('FEES_PAID', { fees: main.feesQuote, slippage: main.slippageQuote, turnover: main.turnoverQuote, times: main.turnoverQuote / cash, quote }));
  for (const scenario of main.costs) lines.push(t('COSTS_AT', { multiple: scenario.multiple, returnPercent: scenario.returnPercent, sharpe: scenario.sharpeRatio, equity: scenario.equityFinalQuote, quote }));
  if (outcome.report !== undefined) {
    lines.push(t('DECISIONS', { ...outcome.report.decisions }));
    if (outcome.report.openPositionBase > 0) lines.push(t('OPEN_AT_END', { amount: outcome.report.openPositionBase, base: outcome.report.settings.market.base }));
    lines.push(t('TIMING', { ...outcome.report.timing }));
  }
  const notes = describeImportReport(importReport);
  if (notes.length > 0) lines.push(t('IMPORT_NOTES'), ...notes.map((note) => `  ${note}`));
  if (importReport.gaps.length > 0) lines.push(t('GAPS_NOT_FILLED'));
  lines.push(t('FINGERPRINT', { fingerprint: main.fingerprint }));
  return lines;
}

export async function runBacktestCommand(argv: string[], io: CommandIo): Promise<number> {
  const translator = i18next.createInstance();
  await translator.init({ lng: 'en', resources: { en: { translation: { ...BACKTEST_MESSAGES, ...BACKTEST_RUN_MESSAGES } } }, interpolation: { escapeValue: false } });
  const t = translator.t.bind(translator) as TFunction;
  try {
    const { values, flags } = parseArguments(argv);
    const parsed = BacktestRequestSchema.safeParse(requestOf(values, flags));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CommandRefusal('OUT_OF_RANGE', { option: `--${issue?.path.join('.') ?? ''}`, value: 'given', rule: issue?.message ?? 'valid' });
    }
    const request = parsed.data;
    const path = values.get('--data')?.[0] ?? '';
    const text = readData(io, path);
    const imported = path.toLowerCase().endsWith('.json') || /^\s*[[{]/.test(text) ? importCandlesFromJson(text) : importCandlesFromCsv(text);
    if (!imported.ok) {
      io.stderr(`${describeImportProblem(imported.error)}\n`);
      return EXIT.input;
    }
    const { candles, report: importReport } = imported.value;
    if (candles.length < 2) throw new CommandRefusal('TOO_FEW_BARS', { bars: candles.length });
    const bars = backtestBars(request.symbol, candles);
    const resolved = resolveRequest(request, bars);
    if (!resolved.ok) throw new CommandRefusal(resolved.problem.code, resolved.problem.params);
    let outcome: Outcome;
    if (resolved.walkForward !== undefined) outcome = { walkForward: await runWalkForward(bars, resolved.settings, resolved.walkForward) };
    else if (resolved.sweep !== undefined) {
      const sweep = await runSweep(bars, resolved.settings, resolved.sweep);
      outcome = { sweep, report: await backtestReport(bars, { ...resolved.settings, strategy: { id: resolved.settings.strategy.id, parameters: sweep.best.parameters } }) };
    } else outcome = { report: await backtestReport(bars, resolved.settings) };
    const span = { length: bars.length, from: bars.timeMs[0] ?? 0, to: bars.timeMs[bars.length - 1] ?? 0 };
    io.stdout(`${flags.has('--json') ? JSON.stringify(jsonOf(outcome, importReport)) : summary(t, outcome, importReport, span).join('\n')}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommandRefusal) {
      io.stderr(`${t(error.problem.code, error.problem.params)}\n`);
      return INPUT_PROBLEMS.has(error.problem.code) ? EXIT.input : EXIT.usage;
    }
    if (error instanceof BacktestInputError) {
      io.stderr(`${t('RUN_FAILED', { detail: error.message })}\n`);
      return EXIT.input;
    }
    throw error;
  }
}

function jsonOf(outcome: Outcome, importReport: ImportReport): object {
  if (outcome.report === undefined) {
    const result = outcome.walkForward;
    const doubled = result.costs.find((scenario) => scenario.multiple === 2);
    return {
      stats: { ...statisticsForJson(result.statistics), 'Sample': result.sample, 'Fees Paid [$]': result.feesQuote, 'Slippage Paid [$]': result.slippageQuote, 'Turnover [$]': result.turnoverQuote, 'Return at 2× Costs [%]': doubled?.returnPercent ?? null },
      trades: tradesForJson(result.trades),
      timing: { bars: result.curve.timeMs.length, seconds: result.seconds, barsPerSecond: result.curve.timeMs.length / result.seconds },
      fingerprint: result.fingerprint,
      importReport,
      walkForward: walkForwardForJson(result),
    };
  }
  const { report } = outcome;
  return {
    stats: reportStatisticsJson(report),
    trades: tradesForJson(report.trades),
    timing: report.timing,
    fingerprint: report.fingerprint,
    importReport,
    risk: report.settings.risk === 'on' ? 'on' : 'off (research mode: no risk limits)',
    fill: report.settings.fillModel.name,
    costs: costsForJson(report),
    decisions: report.decisions,
    journal: report.journal,
    ...(outcome.sweep === undefined ? {} : { sweep: sweepForJson(outcome.sweep) }),
  };
}
