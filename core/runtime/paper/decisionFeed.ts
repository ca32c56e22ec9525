import type { DecisionView } from '../../contract/index.ts';
import type { Intent, Signal } from '../../signals/index.ts';
import type { RiskDecision } from '../../risk/index.ts';

const MAX_DECISIONS = 200;

const formats = new Map<number, Intl.NumberFormat>();
const number = (value: number, digits = 2): string => {
  let format = formats.get(digits);
  if (format === undefined) {
    format = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits });
    formats.set(digits, format);
  }
  return format.format(value);
};
const pct = (fraction: number): string => `${number(fraction * 100, 2)}%`;

const STANCE_WORDS: Record<Signal['stance'], string> = { bullish: 'leaning to buy', neutral: 'no clear view', bearish: 'leaning to sell' };

const PURPOSE_WORDS: Record<Intent['purpose'], string> = {
  entry: '',
  exit: ' to close the position',
  protective_stop: ' as a protective stop',
  flatten: ' to sell everything (Kill)',
};

/** The decision feed: what each strategy wanted, what risk did with it, what happened, newest first. */
export class DecisionFeed {
  readonly #items: DecisionView[] = [];

  add(item: DecisionView): void {
    this.#items.unshift(item);
    if (this.#items.length > MAX_DECISIONS) this.#items.length = MAX_DECISIONS;
  }

  list(): DecisionView[] {
    return [...this.#items];
  }

  signal(strategyName: string, signal: Signal, atMs: number): void {
    const sign = signal.score >= 0 ? '+' : '';
    this.add({
      atMs,
      outcome: 'signal',
      // The score's scale is said every time: a bare "+0.20" means nothing to a beginner.
      text: `${strategyName} scored ${signal.symbol} ${sign}${signal.score.toFixed(2)} on a scale from −1 (sell) to +1 (buy): ${STANCE_WORDS[signal.stance]}. ${signal.rationale}`,
      reasonCodes: [],
    });
  }

  decision(decision: RiskDecision, intent: Intent, equityQuote: number, quoteAsset: string, atMs: number): void {
    const purpose = PURPOSE_WORDS[intent.purpose];
    const wanted = intent.desiredFractionOfEquity !== undefined
      ? `Wanted to ${intent.side} ${pct(intent.desiredFractionOfEquity)} of equity in ${intent.symbol}${purpose} → `
      : `Wanted to ${intent.side} ${intent.desiredAmountBase === undefined ? '' : `${number(intent.desiredAmountBase, 8)} `}${intent.symbol}${purpose} → `;
    const codes = decision.reasons.map((reason) => reason.code);
    const because = decision.reasons.map((reason) => reason.message).join(' ');
    if (decision.kind === 'rejected') {
      // A closing sale that is held back is not "no new trade": say which it was.
      const verdict = intent.purpose === 'entry' ? 'risk blocked it' : 'the sale was held back';
      this.add({ atMs, outcome: 'rejected', text: `${wanted}${verdict}: ${because}`, reasonCodes: codes });
      return;
    }
    const { order } = decision;
    const share = equityQuote > 0 ? decision.notionalQuote / equityQuote : 0;
    const price = order.limitPriceQuote === undefined ? 'at market' : `at ${number(order.limitPriceQuote, 8)} ${quoteAsset}`;
    const head = `${wanted}${decision.kind === 'shrunk' ? `risk shrank it to ${pct(share)}` : `approved at ${pct(share)}`}`;
    this.add({
      atMs,
      outcome: decision.kind,
      text: `${head}: ${order.side} ${number(order.amountBase, 8)} ${order.symbol} ${price}.${because ? ` ${because}` : ''}`,
      reasonCodes: codes,
    });
  }

  refusal(text: string, code: string, atMs: number): void {
    this.add({ atMs, outcome: 'rejected', text, reasonCodes: [code] });
  }

  state(text: string, atMs: number): void {
    this.add({ atMs, outcome: 'state', text, reasonCodes: [] });
  }
}
