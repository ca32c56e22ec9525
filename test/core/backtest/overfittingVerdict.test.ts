import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  BACKTEST_MESSAGES,
  assessOverfitting,
  createTrialRegistry,
  explainOverfitting,
  type OverfittingAssessment,
  type OverfittingCode,
  type OverfittingExplanation,
  type TrialRecord,
} from '../../../core/backtest/index.ts';
import { normalReturnsMatrix } from './support/seededNormal.ts';

const translator = i18next.createInstance();
await translator.init({ lng: 'en', resources: { en: { translation: BACKTEST_MESSAGES } }, interpolation: { escapeValue: false } });
const say = (explanation: OverfittingExplanation): string => translator.t(explanation.code, explanation.params);

const selected: TrialRecord = { trial: 0, params: {}, sharpe: 0.05, observations: 730, skewness: 0, kurtosis: 3 };
/** Findings as assessOverfitting would produce them, for steering explainOverfitting branch by branch. */
const findings = (overrides: Partial<Omit<OverfittingAssessment, 'explanations'>>): Omit<OverfittingAssessment, 'explanations'> => ({
  trials: 240,
  selected,
  sharpeAnnualised: 1.1,
  expectedMaxSharpeAnnualised: 1.3,
  probabilisticSharpe: 0.97,
  deflatedSharpe: 0.4,
  backtestYears: 2,
  minimumTrackRecordYears: 1,
  minimumBacktestYears: 1,
  backtestOverfitting: undefined,
  ...overrides,
});

function sweep(trials: number, periods: number, seed: number, meanOf?: (trial: number) => number) {
  const registry = createTrialRegistry();
  const matrix = normalReturnsMatrix(periods, trials, seed, meanOf);
  for (let trial = 0; trial < trials; trial++) registry.record({ trial }, matrix.map((row) => row[trial]!));
  return registry;
}

describe('explainOverfitting', () => {
  it('says a Sharpe within reach of luck is luck, in the words of the panel', () => {
    const [first] = explainOverfitting(findings({}));
    expect(first).toEqual({ code: 'LUCK_EXPLAINS_SHARPE', params: { trials: 240, sharpe: 1.1, expectedMaxSharpe: 1.3 } });
    expect(say(first!)).toContain('With 240 combinations tried, a Sharpe ratio of 1.10 is what luck alone would give');
  });

  it('grades a Sharpe above luck by its Deflated Sharpe Ratio against the 0.95 bar', () => {
    expect(explainOverfitting(findings({ sharpeAnnualised: 2, deflatedSharpe: 0.9 }))[0]!.code).toBe('LUCK_MAY_EXPLAIN_SHARPE');
    expect(explainOverfitting(findings({ sharpeAnnualised: 2, deflatedSharpe: 0.96 }))[0]!.code).toBe('SHARPE_SURVIVES_TRIALS');
    expect(explainOverfitting(findings({ sharpeAnnualised: -0.2 }))[0]!.code).toBe('NO_POSITIVE_SHARPE');
    expect(explainOverfitting(findings({ trials: 1 }))[0]!.code).toBe('SINGLE_TRIAL_SHARPE');
  });

  it('warns when the history is shorter than the track record or backtest length the Sharpe needs', () => {
    const codes = explainOverfitting(findings({ backtestYears: 0.5, minimumTrackRecordYears: 3, minimumBacktestYears: 6 })).map((e) => e.code);
    expect(codes).toContain('TRACK_RECORD_TOO_SHORT');
    expect(codes).toContain('BACKTEST_TOO_SHORT_FOR_TRIALS');
    expect(explainOverfitting(findings({})).map((e) => e.code)).not.toContain('TRACK_RECORD_TOO_SHORT');
  });

  it('grades PBO: below 0.1 held up, up to 0.5 often failed, from 0.5 likely overfit', () => {
    const withPbo = (probability: number): OverfittingCode =>
      explainOverfitting(findings({ backtestOverfitting: { probability, probabilityOfOutOfSampleLoss: 0, splits: 12_870, logits: new Float64Array(), rowsPerBlock: 1, droppedRows: 0 } })).at(-1)!.code;
    expect(withPbo(0.05)).toBe('SELECTION_HELD_UP');
    expect(withPbo(0.1)).toBe('SELECTION_OFTEN_FAILED');
    expect(withPbo(0.5)).toBe('SELECTION_LIKELY_OVERFIT');
  });
});

describe('assessOverfitting', () => {
  it('flags the best of a pure-noise sweep as luck', () => {
    const assessment = assessOverfitting(sweep(40, 480, 11), { periodsPerYear: 365, overfitting: { blocks: 8 } });
    expect(assessment.trials).toBe(40);
    expect(assessment.explanations[0]!.code).toBe('LUCK_EXPLAINS_SHARPE');
    expect(assessment.sharpeAnnualised).toBeCloseTo(assessment.selected.sharpe * Math.sqrt(365), 12);
    expect(assessment.backtestYears).toBeCloseTo(480 / 365, 12);
    expect(assessment.backtestOverfitting?.splits).toBe(70);
  });

  it('lets a real edge through and shows that its selection held up out-of-sample', () => {
    // Trial 3 earns 0.003 a period over noise with spread 0.01 for 1,600 periods.
    const assessment = assessOverfitting(sweep(20, 1_600, 5, (trial) => (trial === 3 ? 0.003 : 0)), { periodsPerYear: 365 });
    expect(assessment.selected.trial).toBe(3);
    expect(assessment.explanations.map((e) => e.code)).toEqual(['SHARPE_SURVIVES_TRIALS', 'SELECTION_HELD_UP']);
    expect(assessment.deflatedSharpe).toBeGreaterThan(0.95);
  });

  it('skips PBO when the sweep is too short to cut into blocks', () => {
    expect(assessOverfitting(sweep(3, 10, 1), { periodsPerYear: 365 }).backtestOverfitting).toBeUndefined();
  });
});

describe('BACKTEST_MESSAGES', () => {
  /** One explanation of every code, as the functions above emit them. */
  const emitted: OverfittingExplanation[] = [
    ...explainOverfitting(findings({ backtestYears: 0.5, minimumTrackRecordYears: 3, minimumBacktestYears: 6 })),
    ...explainOverfitting(findings({ sharpeAnnualised: 2, deflatedSharpe: 0.9 })),
    ...explainOverfitting(findings({ sharpeAnnualised: 2, deflatedSharpe: 0.96 })),
    ...explainOverfitting(findings({ sharpeAnnualised: -0.2 })),
    ...explainOverfitting(findings({ trials: 1 })),
    ...[0.05, 0.3, 0.7].map((probability) =>
      explainOverfitting(findings({ backtestOverfitting: { probability, probabilityOfOutOfSampleLoss: 0.2, splits: 12_870, logits: new Float64Array(), rowsPerBlock: 1, droppedRows: 0 } })).at(-1)!,
    ),
  ];

  it('has a template for every code, and every code is reachable', () => {
    expect(new Set(emitted.map((e) => e.code))).toEqual(new Set(Object.keys(BACKTEST_MESSAGES)));
  });

  it('fills every placeholder from the parameters each code carries', () => {
    for (const explanation of emitted) {
      const placeholders = [...BACKTEST_MESSAGES[explanation.code].matchAll(/\{\{(\w+)/g)].map((match) => match[1]!);
      for (const name of placeholders) expect(explanation.params, `${explanation.code} needs ${name}`).toHaveProperty(name);
      const text = say(explanation);
      expect(text).not.toMatch(/\{\{|NaN|undefined|Infinity/);
    }
  });

  it('formats numbers for people and avoids promises', () => {
    const pbo = emitted.find((e) => e.code === 'SELECTION_LIKELY_OVERFIT')!;
    expect(say(pbo)).toContain('In 70% of 12,870 ways');
    for (const template of Object.values(BACKTEST_MESSAGES)) expect(template).not.toMatch(/guarantee|win rate|risk-free|sure thing/i);
  });
});
