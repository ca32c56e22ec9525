import type { AccountView, OpenOrderView, PositionView } from './accountView.ts';

/** The default share: the smaller of this much quote currency… */
export const DEFAULT_SHARE_CAP_QUOTE = 100;
/** …and this fraction of the quote balance on the exchange. */
export const DEFAULT_SHARE_FRACTION_OF_BALANCE = 0.1;

export const CAPITAL_SHARE_CODES = ['SHARE_INVALID', 'ACCOUNT_UNREADABLE', 'SHARE_USED_UP', 'POSITION_FIGURES_INVALID'] as const;
export type CapitalShareCode = (typeof CAPITAL_SHARE_CODES)[number];

export interface CapitalShareReason {
  readonly code: CapitalShareCode;
  readonly params: Readonly<Record<string, number | string>>;
}

/**
 * The share Ballast may use when the person has not set one: the smaller of 100 and 10 % of the
 * quote balance. Null when the balance cannot be read: nothing is guessed.
 */
export function defaultCapitalShareQuote(quoteBalanceQuote: number): number | null {
  if (!Number.isFinite(quoteBalanceQuote) || quoteBalanceQuote < 0) return null;
  return Math.min(DEFAULT_SHARE_CAP_QUOTE, quoteBalanceQuote * DEFAULT_SHARE_FRACTION_OF_BALANCE);
}

/** One position Ballast opened itself (from its own fills), valued at the current mark. */
export interface BallastPosition {
  readonly symbol: string;
  readonly base: string;
  readonly amountBase: number;
  /** Quote paid for what is still held, fees included. */
  readonly costBasisQuote: number;
  readonly markPriceQuote: number;
}

/** What Ballast itself holds and has open, and only that: the person's other coins and orders are not in it. */
export interface BallastBook {
  readonly positions: readonly BallastPosition[];
  /** Ballast's resting orders, protective stops left out (an exit lifts the stop first). */
  readonly openOrders: readonly OpenOrderView[];
  /** Closed P&L of Ballast's trades since live trading began, fees included. */
  readonly realisedPnlQuote: number;
  readonly orderTimesMs: readonly number[];
}

export interface ShareInputs {
  /** The most quote currency Ballast may use, as the person set it (after the ladder). */
  readonly shareQuote: number;
  readonly quoteAsset: string;
  /** The account's free quote balance on the exchange. */
  readonly exchangeFreeQuote: number;
  /** Each asset's total on the exchange: a position is never counted above what the account holds. */
  readonly exchangeTotals: ReadonlyMap<string, number>;
  readonly book: BallastBook;
  /** Ballast's equity at the start of the day and its highest, if known (both capped at the share). */
  readonly dayStartEquityQuote: number | null;
  readonly highWaterMarkQuote: number | null;
}

export type ShareView =
  | {
      readonly ok: true;
      /** The account as `evaluate` must see it: Ballast's share and Ballast's positions, never more. */
      readonly account: AccountView;
      readonly shareQuote: number;
      /** Value of Ballast's positions at their marks plus its resting buys. */
      readonly inUseQuote: number;
    }
  | { readonly ok: false; readonly reasons: readonly CapitalShareReason[] };

const finiteAtLeast = (value: number, least: number): boolean => Number.isFinite(value) && value >= least;

/**
 * The account view for the risk layer in live trading. Every limit then applies to Ballast's
 * share and the positions it opened, not to the whole account:
 * - equity is the share plus Ballast's P&L, but never above the share (gains do not raise what
 *   may be used: only the ladder does);
 * - free cash is what is left of that after Ballast's positions and resting buys, and never more
 *   than the exchange says is free;
 * - positions are Ballast's own, each capped to what the account actually holds, so an exit sized
 *   from them can never sell coins the person holds outside Ballast.
 * Fails closed: an unusable figure refuses, with a reason code.
 */
export function accountViewForShare(inputs: ShareInputs): ShareView {
  const { shareQuote, book } = inputs;
  if (!finiteAtLeast(shareQuote, 0) || shareQuote === 0) return refuse('SHARE_INVALID', { shareQuote: String(shareQuote) });
  if (!finiteAtLeast(inputs.exchangeFreeQuote, 0) || !Number.isFinite(book.realisedPnlQuote)) {
    return refuse('ACCOUNT_UNREADABLE', { freeQuote: String(inputs.exchangeFreeQuote), realisedPnlQuote: String(book.realisedPnlQuote) });
  }
  const positions: PositionView[] = [];
  let unrealisedQuote = 0;
  let markValueQuote = 0;
  for (const position of book.positions) {
    if (!finiteAtLeast(position.amountBase, 0) || !finiteAtLeast(position.costBasisQuote, 0) || !finiteAtLeast(position.markPriceQuote, 0) || position.markPriceQuote === 0) {
      return refuse('POSITION_FIGURES_INVALID', { symbol: position.symbol });
    }
    if (position.amountBase === 0) continue;
    const held = inputs.exchangeTotals.get(position.base) ?? 0;
    const amountBase = Math.min(position.amountBase, Math.max(0, held));
    const costBasisQuote = (position.costBasisQuote * amountBase) / position.amountBase;
    unrealisedQuote += amountBase * position.markPriceQuote - costBasisQuote;
    markValueQuote += amountBase * position.markPriceQuote;
    if (amountBase > 0) positions.push({ symbol: position.symbol, amountBase, averageEntryQuote: costBasisQuote / amountBase, markPriceQuote: position.markPriceQuote });
  }
  let restingBuysQuote = 0;
  for (const order of book.openOrders) {
    if (!finiteAtLeast(order.remainingBase, 0) || !finiteAtLeast(order.priceQuote, 0)) return refuse('POSITION_FIGURES_INVALID', { symbol: order.symbol });
    if (order.side === 'buy') restingBuysQuote += order.remainingBase * order.priceQuote;
  }
  const equityQuote = Math.min(shareQuote, shareQuote + book.realisedPnlQuote + unrealisedQuote);
  if (!(equityQuote > 0)) return refuse('SHARE_USED_UP', { shareQuote, lossQuote: -(book.realisedPnlQuote + unrealisedQuote) });
  const freeQuote = Math.max(0, Math.min(inputs.exchangeFreeQuote, equityQuote - markValueQuote - restingBuysQuote));
  const capped = (value: number | null): number => (value === null || !(value > 0) || !Number.isFinite(value) ? equityQuote : Math.min(shareQuote, value));
  const account: AccountView = {
    quoteAsset: inputs.quoteAsset,
    equityQuote,
    freeQuote,
    positions,
    openOrders: book.openOrders,
    dayStartEquityQuote: capped(inputs.dayStartEquityQuote),
    highWaterMarkQuote: Math.max(capped(inputs.highWaterMarkQuote), equityQuote),
    orderTimesMs: book.orderTimesMs,
  };
  return { ok: true, account, shareQuote, inUseQuote: markValueQuote + restingBuysQuote };
}

function refuse(code: CapitalShareCode, params: CapitalShareReason['params']): ShareView {
  return { ok: false, reasons: [{ code, params }] };
}
