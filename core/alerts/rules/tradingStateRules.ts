import type { AlertDraft, AlertSeverity } from '../alert.ts';

export type TradingStateLabel = 'ACTIVE' | 'SAFE_MODE' | 'PAUSED' | 'KILLED';

/** A trading state as the risk layer's snapshot carries it, reduced to what an alert needs. */
export interface TradingStateView {
  readonly state: TradingStateLabel;
  readonly sinceMs: number;
  /** Why: a code (`DAILY_LOSS_LIMIT`, `PERSON_PAUSED`…) and the risk layer's plain sentence. */
  readonly cause: { readonly code: string; readonly message: string };
}

const CODE_OF_STATE = {
  ACTIVE: 'TRADING_STATE_ACTIVE',
  SAFE_MODE: 'TRADING_STATE_SAFE_MODE',
  PAUSED: 'TRADING_STATE_PAUSED',
  KILLED: 'TRADING_STATE_KILLED',
} as const;

/** The person's own actions carry causes named `PERSON_…`; they need no urgency, they know. */
function severityOf(next: TradingStateView): AlertSeverity {
  const byPerson = next.cause.code.startsWith('PERSON_');
  switch (next.state) {
    case 'KILLED':
      return byPerson ? 'warning' : 'critical';
    case 'SAFE_MODE':
      return 'warning';
    case 'PAUSED':
      return byPerson ? 'info' : 'warning';
    case 'ACTIVE':
      return 'info';
  }
}

/**
 * Every change of trading state, with why. A kill the bot decided on its own is critical: the
 * person must look now. The state Ballast starts in (`previous` null) and a trigger tripping inside
 * the same state are not changes; the risk screen shows those.
 */
export function tradingStateAlerts(previous: TradingStateView | null, next: TradingStateView): AlertDraft[] {
  if (previous === null || previous.state === next.state) return [];
  return [
    {
      code: CODE_OF_STATE[next.state],
      severity: severityOf(next),
      params: { previousState: previous.state, causeCode: next.cause.code, causeMessage: next.cause.message.slice(0, 500) },
      occurrenceKey: `state:${next.state}:${next.sinceMs}`,
      groupKey: 'trading-state',
      atMs: next.sinceMs,
    },
  ];
}
