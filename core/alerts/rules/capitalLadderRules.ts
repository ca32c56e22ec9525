import type { AlertDraft } from '../alert.ts';

/** A step of the live capital ladder: proposed (waiting for the person's typed confirmation), taken, or lowered. */
export interface CapitalLadderStep {
  readonly kind: 'ready' | 'stepped-up' | 'stepped-down';
  readonly fromQuote: number;
  readonly toQuote: number;
  readonly quoteAsset: string;
  /** Why it moved down (a reconciliation difference, slippage…), as a reason code. */
  readonly reasonCode: string | null;
  readonly atMs: number;
}

const CODE_OF_KIND = {
  ready: 'CAPITAL_LADDER_STEP_READY',
  'stepped-up': 'CAPITAL_LADDER_STEPPED_UP',
  'stepped-down': 'CAPITAL_LADDER_STEPPED_DOWN',
} as const;

/** The ladder only grows with the person's confirmation, which is given in the app, never from an alert. */
export function capitalLadderAlert(step: CapitalLadderStep): AlertDraft {
  return {
    code: CODE_OF_KIND[step.kind],
    severity: step.kind === 'stepped-down' ? 'warning' : 'info',
    params: { fromQuote: step.fromQuote, toQuote: step.toQuote, quoteAsset: step.quoteAsset, reasonCode: step.reasonCode },
    occurrenceKey: `ladder:${step.kind}:${step.atMs}`,
    groupKey: 'capital-ladder',
    atMs: step.atMs,
  };
}
