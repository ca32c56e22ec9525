import type { AdviceRecord } from './adviceRecord.ts';
import { AdviceAnswer } from './adviceSchema.ts';

/** What the second opinion needs from an advice record (or a replayed one). */
export type AdviceOutcome = Pick<AdviceRecord, 'verdict' | 'signal'>;

export interface SecondOpinionSettings {
  /** Share of the entry kept when the advisor is neutral, 0 < f ≤ 1. */
  readonly neutralShrinkFactor: number;
}

export const DEFAULT_SECOND_OPINION: SecondOpinionSettings = { neutralShrinkFactor: 0.5 };

export type SecondOpinionCode =
  | 'LLM_AGREES'
  | 'LLM_NEUTRAL_SHRINK'
  | 'LLM_BEARISH_VETO'
  | 'LLM_NO_ANSWER'
  | 'LLM_ANSWER_REJECTED'
  | 'ENTRY_SIZE_INVALID';

export interface SecondOpinion {
  readonly action: 'keep' | 'shrink' | 'veto';
  /** Never more than the entry's own size. */
  readonly sizeBase: number;
  /** sizeBase ÷ entry size (1 keep, 0 veto), for intents sized as a fraction of equity. */
  readonly factor: number;
  readonly reasonCode: SecondOpinionCode;
}

const keep = (sizeBase: number, reasonCode: SecondOpinionCode): SecondOpinion => ({ action: 'keep', sizeBase, factor: 1, reasonCode });

/**
 * The LLM's second opinion on an entry a rule strategy or the model proposed. It can only keep,
 * shrink or veto that entry: it never originates one, never enlarges one, never flips its side
 * (it returns a size for the same entry, nothing else). Spot is long-only, so every entry is a
 * buy: bearish vetoes, neutral shrinks, bullish keeps.
 *
 * A missing or rejected answer keeps the rule's decision unchanged. Fail-safe here means an
 * answer that did not pass the validator has no effect in either direction: if failures vetoed,
 * a provider outage, a budget running out or an answer crafted to fail validation would block
 * all trading, handing the LLM a lever the design denies it. The rule's entry still faces every
 * risk limit, and the refusal is journaled and shown.
 *
 * The stated confidence never scales the size: it is uncalibrated (see reliability.ts) until the
 * advisor's own record shows what it is worth.
 */
export function applySecondOpinion(entryIntentSizeBase: number, advice: AdviceOutcome | null | undefined, settings: SecondOpinionSettings): SecondOpinion {
  if (!(Number.isFinite(entryIntentSizeBase) && entryIntentSizeBase > 0)) {
    // Not the LLM's failure: a malformed entry is refused whatever the advisor said.
    return { action: 'veto', sizeBase: 0, factor: 0, reasonCode: 'ENTRY_SIZE_INVALID' };
  }
  if (advice === null || advice === undefined) return keep(entryIntentSizeBase, 'LLM_NO_ANSWER');
  // Checked again rather than trusted: a record from a file or a replay may not be what advise() made.
  const signal = advice.verdict === 'accepted' ? AdviceAnswer.safeParse(advice.signal) : null;
  if (signal === null || !signal.success) return keep(entryIntentSizeBase, 'LLM_ANSWER_REJECTED');
  switch (signal.data.stance) {
    case 'bearish':
      return { action: 'veto', sizeBase: 0, factor: 0, reasonCode: 'LLM_BEARISH_VETO' };
    case 'neutral': {
      const configured = settings.neutralShrinkFactor;
      const factor = Number.isFinite(configured) && configured > 0 && configured <= 1 ? configured : DEFAULT_SECOND_OPINION.neutralShrinkFactor;
      const sizeBase = Math.min(entryIntentSizeBase, entryIntentSizeBase * factor);
      return { action: sizeBase < entryIntentSizeBase ? 'shrink' : 'keep', sizeBase, factor: sizeBase / entryIntentSizeBase, reasonCode: 'LLM_NEUTRAL_SHRINK' };
    }
    case 'bullish':
      return keep(entryIntentSizeBase, 'LLM_AGREES');
  }
}
