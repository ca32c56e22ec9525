import { type Strategy, type StrategyReading } from '../strategy.ts';

const reading: StrategyReading = {
  score: 0,
  confidence: 0,
  stance: 'neutral',
  features: {},
  overlayValues: [],
  stopDistanceQuote: Number.NaN,
  atrQuote: null,
  rationale: 'Do nothing: this strategy never trades. Useful to watch the market and test the app.',
};

/** Never trades: a baseline, and a safe choice while learning the app. */
export function createDoNothing(): Strategy {
  return {
    description: {
      id: 'do-nothing',
      name: 'Do nothing',
      summary: 'Watches the market and never trades.',
      parameters: {},
      overlays: [],
      warmUpBars: 0,
    },
    update: () => reading,
  };
}
