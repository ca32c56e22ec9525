import type { SubmitResult } from '../execution/index.ts';
import type { RiskDecision } from '../risk/index.ts';
import type { ResearchRefusal } from '../risk/index.ts';

/** How the run's signals fared on their way to the exchange: counts, by outcome and by reason code. */
export interface DecisionSummary {
  /** Stance changes the strategy emitted after its warm-up. */
  readonly signals: number;
  /** Signals the policy turned into an intent (the others needed no action, e.g. bearish while flat). */
  readonly intents: number;
  readonly approved: number;
  /** Approved smaller than asked; the reasons are counted in `reasons`. */
  readonly shrunk: number;
  readonly rejected: number;
  /** Risk reason codes (and research-mode refusals), each with how often it applied. */
  readonly reasons: Readonly<Record<string, number>>;
  /** Orders the OrderManager sent. */
  readonly ordersSent: number;
  /** Orders refused before sending (precision, minimums) or by the exchange. */
  readonly ordersRefused: number;
}

export class DecisionTally {
  signals = 0;
  intents = 0;
  approved = 0;
  shrunk = 0;
  rejected = 0;
  ordersSent = 0;
  ordersRefused = 0;
  readonly #reasons = new Map<string, number>();

  reason(code: string): void {
    this.#reasons.set(code, (this.#reasons.get(code) ?? 0) + 1);
  }

  decision(decision: RiskDecision): void {
    if (decision.kind === 'approved') this.approved++;
    else if (decision.kind === 'shrunk') this.shrunk++;
    else this.rejected++;
    for (const reason of decision.reasons) this.reason(reason.code);
  }

  research(outcome: ResearchRefusal | null): void {
    if (outcome === null) this.approved++;
    else {
      this.rejected++;
      this.reason(outcome);
    }
  }

  submitted(result: SubmitResult): void {
    if (result.ok && result.value.status !== 'REJECTED') this.ordersSent++;
    else {
      this.ordersRefused++;
      this.reason(result.ok ? 'EXCHANGE_REJECTED' : result.error.code);
    }
  }

  summary(): DecisionSummary {
    return {
      signals: this.signals,
      intents: this.intents,
      approved: this.approved,
      shrunk: this.shrunk,
      rejected: this.rejected,
      reasons: Object.fromEntries(this.#reasons),
      ordersSent: this.ordersSent,
      ordersRefused: this.ordersRefused,
    };
  }
}
