import { createStrategy, STRATEGY_IDS } from '../../signals/index.ts';

/** Words and numbers for activity summaries: English, grouped digits, like the decision feed. */

const amountFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8 });
const moneyFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Amounts and prices: as precise as stored (up to 8 decimals), digits grouped. */
export const amount = (value: number): string => amountFormat.format(value);

export const money = (value: number, asset: string): string => `${moneyFormat.format(value)} ${asset}`.trim();

export const percentOf = (fraction: number): string => `${percentFormat.format(fraction * 100)}%`;

/** A strategy score in [-1, 1] with its sign and a real minus. */
export const signedScore = (score: number): string => `${score < 0 ? '−' : '+'}${Math.abs(score).toFixed(2)}`;

/** A long client order id keeps its first 9 characters and an ellipsis (`bl-123456…`); the full id stays in the subject column. */
export function shortOrderId(clientOrderId: string): string {
  return clientOrderId.length > 12 ? `${clientOrderId.slice(0, 9)}…` : clientOrderId;
}

/** `protective_stop_released_for_exit` → `protective stop released for exit`. */
export const words = (code: string): string => code.replaceAll('_', ' ').toLowerCase();

export const quoteOf = (symbol: string): string => symbol.split('/')[1] ?? '';
export const baseOf = (symbol: string): string => symbol.split('/')[0] ?? '';

const STATE_WORDS: Readonly<Record<string, string>> = { ACTIVE: 'Active', SAFE_MODE: 'Safe mode', PAUSED: 'Paused', KILLED: 'Killed' };
const TRANSITION_WORDS: Readonly<Record<string, string>> = { initial: 'at start', restored: 'restored after a restart' };
export const transitionWords = (transition: string): string => TRANSITION_WORDS[transition] ?? words(transition);

export const stateWords = (state: string): string => STATE_WORDS[state] ?? words(state);

const STATUS_WORDS: Readonly<Record<string, string>> = {
  PENDING_SUBMIT: 'waiting to be sent',
  OPEN: 'open, waiting to fill',
  PARTIALLY_FILLED: 'partly filled',
  FILLED: 'filled',
  CANCELED: 'cancelled',
  REJECTED: 'refused',
  EXPIRED: 'expired',
  UNKNOWN: 'status unknown',
};
export const statusWords = (status: string): string => STATUS_WORDS[status] ?? words(status);

const CALL_WORDS: Readonly<Record<string, string>> = {
  loadMarkets: 'the market rules request',
  fetchBalances: 'the balances request',
  createOrder: 'the new order',
  cancelOrder: 'the cancel request',
  fetchOrder: 'the order lookup',
  fetchOpenOrders: 'the open-orders request',
  fetchMyTrades: 'the trade history request',
};
export const callWords = (call: string): string => CALL_WORDS[call] ?? `the ${call} request`;

let strategyNames: ReadonlyMap<string, string> | undefined;
/** The AI's strategies are built on a model or an advisor; their names are fixed. */
const AI_STRATEGY_NAMES = [['ai-model', 'AI model'], ['llm-advisor', 'AI advisor proposes (paper only)']] as const;

/** The strategy's name as the Paper trading screen shows it, or the id for one Ballast no longer has. */
export function strategyName(strategyId: string): string {
  strategyNames ??= new Map([...STRATEGY_IDS.map((id) => [id, createStrategy(id).description.name] as const), ...AI_STRATEGY_NAMES]);
  return strategyNames.get(strategyId) ?? strategyId;
}

const MAX_SUMMARY_CHARS = 300;

/** One line: whitespace folded, cut with an ellipsis past the limit. */
export function oneLine(text: string): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  return folded.length > MAX_SUMMARY_CHARS ? `${folded.slice(0, MAX_SUMMARY_CHARS - 1)}…` : folded;
}
