import { ContractError, type ManualOrderRequest, type ManualOrderResult } from '../contract/index.ts';
import type { Candle } from '../market/index.ts';
import { DEFAULT_FILL_MODEL } from '../paper/index.ts';
import {
  decisionAuditPayload,
  describeDecision,
  evaluate,
  isSendable,
  type AccountView,
  type Intent,
  type RiskDecision,
  type RiskLimits,
  type TradingStateMachine,
} from '../risk/index.ts';
import type { PaperSession } from './paper/paperSession.ts';
import { createRollingQuoteVolume, replayMarketView } from './paper/replayMarketView.ts';

/** The paper account as the Risk limits screen and manual orders see it. */
export interface PaperRiskDesk {
  /** The account as `evaluate` sees it at the latest replayed price, or null before the first bar. */
  account(): { readonly view: AccountView; readonly atMs: number; readonly markQuote: number; readonly symbol: string } | null;
  /** A person's order: built into an intent with origin `manual`, then the same risk gate as the bot's own. */
  placeManualOrder(request: ManualOrderRequest): Promise<ManualOrderResult>;
}

export interface PaperRiskDeskOptions {
  readonly session: PaperSession;
  /** The same limits the session's strategy intents are judged by. */
  readonly limits: () => RiskLimits;
  readonly tradingState: TradingStateMachine;
  /** Wall-clock time, so two identical orders clicked in the same replay second are two orders. */
  readonly wallNowMs: () => number;
  /**
   * True while the replay steps bars. Manual orders wait until it stops: the session keeps its
   * cash and open-order flags up to date between bars, and an order slipped in mid-bar would
   * leave them stale for the bot's next decision.
   */
  readonly replayRunning: () => boolean;
}

const DAY_MS = 86_400_000;

/**
 * Manual orders count towards the order-rate limits of the manual orders after them, per session.
 * (The session's own order times are private to it; see the report on wiring.)
 */
const manualOrderTimes = new WeakMap<PaperSession, number[]>();
let manualSequence = 0;

function lastCandle(session: PaperSession): Candle | null {
  return session.barsProcessed > 0 ? session.candles[session.barsProcessed - 1] ?? null : null;
}

/** Traded value over the day before `index`, with the same rolling sum the session keeps. */
function quoteVolume24h(candles: readonly Candle[], endIndex: number): number {
  const first = candles[0];
  const second = candles[1];
  const intervalMs = first !== undefined && second !== undefined ? second.openTimeMs - first.openTimeMs : DAY_MS;
  const barsPerDay = Math.max(1, Math.round(DAY_MS / Math.max(1, intervalMs)));
  const rolling = createRollingQuoteVolume(barsPerDay);
  let sum = 0;
  for (let index = Math.max(0, endIndex - barsPerDay); index < endIndex; index += 1) sum = rolling.push(candles[index] as Candle);
  return sum;
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

/** A resting protective stop holds the coins a sell needs: cancelled (and journaled) once the sell is approved. */
async function releaseProtectiveStops(session: PaperSession, symbol: string, atMs: number): Promise<void> {
  for (const stop of session.openOrders().filter((order) => order.symbol === symbol && order.purpose === 'protective_stop')) {
    const result = await session.orders.cancel(stop.clientOrderId);
    session.journal.append({ atMs, kind: 'order', subject: stop.clientOrderId, payload: { event: 'protective_stop_released_for_exit', result: result ?? null } });
  }
}

export function paperRiskDesk(options: PaperRiskDeskOptions): PaperRiskDesk {
  const { session, tradingState } = options;
  const accountNow = (withoutStopsOf: string | null = null): { view: AccountView; atMs: number; markQuote: number; candle: Candle } | null => {
    const candle = lastCandle(session);
    if (candle === null) return null;
    const atMs = session.exchange.nowMs();
    const view = session.accountView(candle.close, withoutStopsOf);
    const manual = (manualOrderTimes.get(session) ?? []).filter((t) => t >= atMs - DAY_MS);
    const orderTimesMs = [...view.orderTimesMs, ...manual].sort((a, b) => a - b);
    return { view: { ...view, orderTimesMs }, atMs, markQuote: candle.close, candle };
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
      // As for the bot's own exits: a sell replaces the position's protective stop, so risk judges
      // it as if the stop were cancelled, and the stop is cancelled only if the sell is approved.
      const replacesStop = request.side === 'sell';
      const now = accountNow(replacesStop ? request.symbol : null);
      if (now === null) {
        return { decision: 'rejected', text: 'Not sent. The paper account has no prices yet: start the paper bot and let it run for a moment first.', reasons: [], order: null, sent: null };
      }
      const limits = options.limits();
      const { atMs, view: account, candle } = now;
      manualSequence += 1;
      const intent = manualIntent(request, atMs, `${String(options.wallNowMs())}:${String(manualSequence)}`, account.equityQuote);
      // The market as the session's strategy intents see it at this bar: same builder, same fill model, same depth band.
      const market = replayMarketView({
        market: session.market,
        candle,
        closeTimeMs: atMs,
        quoteVolume24h: quoteVolume24h(session.candles, session.barsProcessed),
        atrQuote: null,
        fillModel: DEFAULT_FILL_MODEL,
        depthWithinBps: Math.min(limits.priceBandBps, 50),
      });
      const decision = evaluate(intent, account, request.symbol === session.market.symbol ? market : null, limits, tradingState.snapshot().state);
      session.journal.append({ atMs, kind: 'risk_decision', subject: intent.symbol, payload: { intent, decision: decisionAuditPayload(decision) } });
      session.feed.decision(decision, intent, account.equityQuote, account.quoteAsset, atMs);
      if (!isSendable(decision)) return resultOf(decision, null);

      if (replacesStop) await releaseProtectiveStops(session, decision.order.symbol, atMs);
      const times = manualOrderTimes.get(session) ?? [];
      times.push(atMs);
      manualOrderTimes.set(session, times);
      const submitted = await session.orders.submit(decision.order, { referencePriceQuote: candle.close });
      if (!submitted.ok) {
        session.feed.refusal(`The order was not sent: ${submitted.reason}`, submitted.code, atMs);
        return resultOf(decision, { ok: false, status: submitted.code, message: `The order was not sent: ${submitted.reason}` });
      }
      // Brings the session's cash, holdings and open-order flags in step with the fill, as after any bar.
      await session.settle();
      const { order } = submitted;
      if (order.status === 'REJECTED') {
        const message = `The paper exchange refused the order: ${order.statusReason ?? 'no reason given'}`;
        session.feed.refusal(message, 'EXCHANGE_REJECTED', atMs);
        return resultOf(decision, { ok: false, status: order.status, message });
      }
      return resultOf(decision, { ok: true, status: order.status, message: `Sent to the paper exchange: ${order.status.toLowerCase().replace(/_/g, ' ')}.` });
    },
  };
}
