import { z } from 'zod';
import { DEFAULT_BOOSTED_TREES } from './boostedTrees.ts';
import { DEFAULT_TRIPLE_BARRIER } from './labels.ts';
import { DEFAULT_LOGISTIC } from './logisticRegression.ts';
import { DEFAULT_REGIME_DEFINITION } from './regimes.ts';

const modelKindSchema = z.enum(['logistic', 'boostedTrees']);
const fraction = z.number().min(0).max(0.1);

/**
 * Training settings, parsed at the edge (CLI flags, the training screen). Defaults are the
 * shipped model: an L2 logistic regression, which scored the better out-of-sample Brier on the
 * hourly BTC/USDT and ETH/USDT histories (the evidence is on every card, under `candidates`).
 */
export const trainingConfigSchema = z.object({
  symbol: z.string().min(1),
  timeframe: z.string().min(1),
  modelKind: modelKindSchema.default('logistic'),
  /** Kinds evaluated on the same folds for the card's comparison (the shipped kind always is). */
  candidates: z.array(modelKindSchema).default(['logistic', 'boostedTrees']),
  labels: z
    .object({
      takeProfitAtr: z.number().positive().max(20),
      stopAtr: z.number().positive().max(20),
      horizonBars: z.number().int().min(1).max(1000),
      atrPeriod: z.number().int().min(1).max(500),
      feeRate: fraction,
      slippageRate: fraction,
    })
    .default(DEFAULT_TRIPLE_BARRIER),
  folds: z.number().int().min(2).max(20).default(5),
  logistic: z.object({ l2: z.number().positive(), maxIterations: z.number().int().min(1).max(500) }).default(DEFAULT_LOGISTIC),
  boostedTrees: z
    .object({
      trees: z.number().int().min(1).max(2000),
      maxDepth: z.number().int().min(1).max(8),
      learningRate: z.number().positive().max(1),
      l2: z.number().nonnegative(),
      minSamplesLeaf: z.number().int().min(1),
      minGain: z.number().nonnegative(),
      maxBins: z.number().int().min(2).max(256),
      rowSampleFraction: z.number().positive().max(1),
    })
    .default(DEFAULT_BOOSTED_TREES),
  seed: z.number().int().nonnegative().default(1),
  /** Bars in each live drift check's recent window. */
  driftRecentBars: z.number().int().min(10).max(5000).default(48),
  regimes: z.object({ lookbackBars: z.number().int().min(2), threshold: z.number().positive() }).default(DEFAULT_REGIME_DEFINITION),
  /** From the backtest lab, when known; without it the card's verdict blocks live use. */
  deflatedSharpe: z.number().nullable().default(null),
});

export type TrainingConfigInput = z.input<typeof trainingConfigSchema>;
export type TrainingConfig = z.output<typeof trainingConfigSchema>;
