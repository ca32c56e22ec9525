import { ContractError, type ManualOrderRequest, type ManualOrderResult, type StateCause } from '../../contract/index.ts';
import type { Candle } from '../../market/index.ts';
import {
  describeDecision,
  isSendable,
  type AccountView,
  type Intent,
  type RiskDecision,
} from '../../risk/index.ts';
import type { PaperSession } from './paperSession.ts';

/** The paper account as the Risk limits screen and manual orders see it. */
export interface PaperRiskDesk {
  /** The account as `evaluate` sees it at the latest replayed price, or null before the first bar. */
  account(): { readonly view: AccountView; readonly atMs: number; readonly markQuote: number; readonly symbol: string } | null;
  /** A person's order: built into an intent with origin `manual`, then the same risk gate as the bot's own. */
  placeManualOrder(request: ManualOrderRequest): Promise<ManualOrderResult>;
  /** The high the drawdown limit measures from and the equity now, or null before the first bar. */
  highWaterMark(): { readonly highWaterMarkQuote: number; readonly equityQuote: number; readonly quoteAsset: string } | null;
  /** Measures drawdown from the equity now (the person's audited decision); null before the first bar. */
  resetHighWaterMark(cause: StateCause): { readonly fromQuote: number | null; readonly toQuote: number } | null;
}

export interface PaperRiskDeskOptions {
  readonly session: PaperSession;
  /** Wall-clock time, so two identical orders clicked in the same replay second are two orders. */
  readonly wallNowMs: () => number;
  /**
   * True while the replay steps bars. Manual orders wait until it stops: the session keeps its
   * cash and open-order flags up to date between bars, and an order slipped in mid-bar would
   * leave them stale for the bot's next decision.
   */
  readonly replayRunning: () => boolean;
}
let manualSequence = 0;

function lastCandle(session: PaperSession): Candle | null {
  return session.barsProcessed > 0 ? session.candles[session.barsProcessed - 1] ?? null : null;
}

export function manualIntent(request: ManualOrderRequest, atMs: number, id: string, equityQuote: number): Intent {
  const buying = request.side === 'buy';
  const size = request.amountBase !== undefined
    ? { desiredAmountBase: request.amountBase }
    : buying
      ? { desiredFractionOfEquity: request.fractionOfEquity as number }
      // Selling a share of equity: the amount worth that share at the limit price.
      : { desiredAmountBase: ((request.fractionOfEquity as number) * equityQuote) / request.limitPriceQuote };
  return {
    intentId: `manual:${id}`,
    origin: 'manual',
    // Spot: a buy opens or adds, a sell reduces what is held (the risk layer refuses selling more).
    purpose: buying ? 'entry' : 'exit',
    symbol: request.symbol,
    side: request.side,
    atMs,
    orderType: 'limit',
    limitPriceQuote: request.limitPriceQuote,
    ...size,
    rationale: 'Placed by you on the Risk limits screen.',
  };
}

function resultOf(decision: RiskDecision, sent: ManualOrderResult['sent']): ManualOrderResult {
  return {
    decision: decision.kind,
    text: describeDecision(decision),
    reasons: decision.reasons.map((reason) => ({ code: reason.code, message: reason.message })),
    order: isSendable(decision)
      ? { side: decision.order.side, symbol: decision.order.symbol, amountBase: decision.order.amountBase, limitPriceQuote: decision.order.limitPriceQuote ?? null, notionalQuote: decision.notionalQuote }
      : null,
    sent,
  };
}

export function paperRiskDesk(options: PaperRiskDeskOptions): PaperRiskDesk {
  const { session } = options;
  const accountNow = (withoutStopsOf: string | null = null): { view: AccountView; atMs: number; markQuote: number } | null => {
    const candle = lastCandle(session);
    if (candle === null) return null;
    return { view: session.accountView(candle.close, withoutStopsOf), atMs: session.exchange.nowMs(), markQuote: candle.close };
  };

  return {
    account() {
      const now = accountNow();
      return now === null ? null : { view: now.view, atMs: now.atMs, markQuote: now.markQuote, symbol: session.config.symbol };
    },
    async placeManualOrder(request) {
      if (options.replayRunning()) {
        throw new ContractError('NOT_ALLOWED_NOW', 'The paper bot is replaying prices right now. Stop it (or let the replay finish) and then place your order; nothing was sent.');
      }
      // A sell replaces the position's protective stop, as the bot's own exits do.
      const now = accountNow(request.side === 'sell' ? request.symbol : null);
      if (now === null) {
        return { decision: 'rejected', text: 'Not sent. The paper account has no prices yet: start the paper bot and let it run for a moment first.', reasons: [], order: null, sent: null };
      }
      manualSequence += 1;
      const intent = manualIntent(request, now.atMs, `${String(options.wallNowMs())}:${String(manualSequence)}`, now.view.equityQuote);
      if (request.symbol !== session.market.symbol) {
        return { decision: 'rejected', text: `Not sent. This paper account trades ${session.market.symbol} only.`, reasons: [], order: null, sent: null };
      }
      // The very path the bot's own intents take: same views, same evaluate, same journal rows.
      const outcome = await session.decideManual(intent);
      if (outcome === null) {
        return { decision: 'rejected', text: 'Not sent. The paper account has no prices yet: start the paper bot and let it run for a moment first.', reasons: [], order: null, sent: null };
      }
      const { decision, submitted } = outcome;
      if (submitted === null) return resultOf(decision, null);
      if (!submitted.ok) return resultOf(decision, { ok: false, status: submitted.error.code, message: `The order was not sent: ${submitted.error.reason}` });
      const { value: order } = submitted;
      if (order.status === 'REJECTED') {
        return resultOf(decision, { ok: false, status: order.status, message: `The paper exchange refused the order: ${order.statusReason ?? 'no reason given'}` });
      }
      return resultOf(decision, { ok: true, status: order.status, message: `Sent to the paper exchange: ${order.status.toLowerCase().replace(/_/g, ' ')}.` });
    },
    highWaterMark() {
      const mark = session.highWaterMark();
      return mark === null ? null : { highWaterMarkQuote: mark.highWaterMarkQuote, equityQuote: mark.equityQuote, quoteAsset: session.market.quote };
    },
    resetHighWaterMark: (cause) => session.resetHighWaterMark(cause),
  };
}
