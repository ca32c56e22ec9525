import type { Candle } from '../../market/index.ts';
import { ATR } from '../indicators/index.ts';
import type { Stance } from '../signal.ts';
import type { Strategy, StrategyReading } from '../strategy.ts';
import { FEATURES_READY_AFTER_BARS } from './features.ts';
import type { ModelCard } from './modelCard.ts';
import { ModelPredictor, type LiveModel } from './predictor.ts';

export const AI_MODEL_STRATEGY_ID = 'ai-model';

/** What the strategy needs of a trained model: the model itself and, from its card, the threshold and the label's barriers. */
export interface ModelStrategyInput extends LiveModel {
  readonly card: Pick<ModelCard, 'entryThreshold' | 'labels'>;
}

const percent = (probability: number): string => `${(probability * 100).toFixed(1)}%`;

const WARMING_UP: StrategyReading = {
  score: undefined,
  confidence: 0,
  stance: 'neutral',
  features: {},
  overlayValues: [],
  stopDistanceQuote: Number.NaN,
  atrQuote: null,
  rationale: 'Warming up: the model needs more bars before its first reading.',
};

/**
 * The "AI model" strategy: bullish on a bar whose calibrated probability (that a long entry at
 * its close makes money after costs) clears the threshold chosen on the training folds when the
 * model was trained (the card's `entryThreshold`; never read from the data it trades on). It
 * stays in for the label's time limit after the last bar that cleared it, then turns bearish
 * (exit); its protective stop is the label's stop distance in ATRs. Without a threshold (none
 * made money after costs on the training folds) it never enters. A bar far outside anything in
 * training never counts as clearing it.
 *
 * It only proposes, like any strategy: its confidence is at most 1, so the policy never asks for
 * more than its usual entry, and the risk layer sizes or refuses the order as for every strategy.
 */
export function createModelStrategy(input: ModelStrategyInput): Strategy {
  const predictor = new ModelPredictor(input);
  const { labels } = input.card;
  const threshold = input.card.entryThreshold?.threshold ?? null;
  const atr = new ATR(labels.atrPeriod);
  let stance: Stance = 'neutral';
  let barsSinceClear = 0;
  const thresholdWords = threshold === null
    ? 'This model found no threshold at which its entries made money after costs on its training folds, so this strategy never enters.'
    : `It enters when the model puts the chance of a profit after costs at ${percent(threshold)} or more, the threshold chosen on its training folds.`;

  return {
    description: {
      id: AI_MODEL_STRATEGY_ID,
      name: 'AI model',
      summary: `${thresholdWords} It leaves after ${labels.horizonBars} bars without a new reading above the threshold, with a protective stop ${labels.stopAtr} ATR below the entry. Your risk limits size or refuse every order.`,
      parameters: { threshold: threshold ?? Number.NaN, horizonBars: labels.horizonBars, stopAtr: labels.stopAtr },
      overlays: [],
      warmUpBars: FEATURES_READY_AFTER_BARS,
    },
    update(candle: Candle): StrategyReading {
      const probability = predictor.onClosedBar(candle);
      const atrValue = atr.update(candle.high, candle.low, candle.close);
      if (!Number.isFinite(probability) || atrValue === undefined) return WARMING_UP;
      const outside = predictor.lastBarOutsideTraining().skipSignal;
      const clears = threshold !== null && !outside && probability >= threshold;
      let rationale: string;
      if (clears) {
        stance = 'bullish';
        barsSinceClear = 0;
        rationale = `The model puts the chance of a profit after costs at ${percent(probability)}, at or above its entry threshold of ${percent(threshold)} chosen on its training folds.`;
      } else if (stance === 'bullish') {
        barsSinceClear += 1;
        if (barsSinceClear >= labels.horizonBars) {
          stance = 'bearish';
          rationale = `${labels.horizonBars} bars passed without a reading above the threshold (now ${percent(probability)}): time to leave, as the model's trades were judged over that many bars.`;
        } else {
          rationale = `The model reads ${percent(probability)}; the position is held for up to ${labels.horizonBars} bars after the last reading above the threshold.`;
        }
      } else {
        rationale = threshold === null
          ? thresholdWords
          : outside
            ? 'This bar is far outside anything the model saw in training, so its reading does not count.'
            : `The model reads ${percent(probability)}, below its entry threshold of ${percent(threshold)}.`;
      }
      const stopDistanceQuote = labels.stopAtr * atrValue;
      return {
        score: Math.max(-1, Math.min(1, 2 * probability - 1)),
        confidence: 1,
        stance,
        features: { probability, threshold: threshold ?? Number.NaN, atr: atrValue },
        overlayValues: [],
        stopDistanceQuote,
        atrQuote: atrValue,
        rationale,
      };
    },
  };
}
