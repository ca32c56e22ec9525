import type { LiveBotView, LiveNoticeView } from '../../contract/index.ts';
import type { ExchangePort, LiveCheckOutcome, LiveCheckReason, LiveExecution, LiveKillChoice, LiveKillReport, LiveNotice, OrderManager, ProtectionReport } from '../../execution/index.ts';
import type { Journal } from '../../journal/index.ts';
import type { Logger } from '../../log/index.ts';
import { fetchLiquidityView, type Candle, type CandleCache, type LiquidityView, type MarketDataPort, type MarketInfo, type Timeframe } from '../../market/index.ts';
import {
  accountViewForShare,
  decisionAuditPayload,
  entrySizeMultiplier,
  evaluate,
  isSendable,
  limitsForLadder,
  type EquityMarks,
  type EquityWatermarks,
  type LadderEvidence,
  type LadderState,
  type RiskLimits,
  type RiskMonitor,
  type ShareView,
  type TradingStateMachine,
} from '../../risk/index.ts';
import { intentFor, type Intent, type PolicyPosition, type Signal, type Strategy } from '../../signals/index.ts';
import { policyPositionOf } from '../paper/paperAccountView.ts';
import { acceptReview, type EntryReviewer } from '../paper/entryReview.ts';
import type { LiveFeed } from './liveFeed.ts';
import { averageSlippageBps, completedRoundTrips, journalDecisionPrice, LADDER_SLIPPAGE_LIMIT_BPS } from './liveLadder.ts';

const DAY_MS = 86_400_000;
const MAX_NOTICES = 50;
/** The trigger that holds safe mode after a live check found what it cannot explain. */
export const LIVE_CHECK_TRIGGER = 'live_check';
/** The trigger that holds safe mode while a position has no confirmed protective stop. */
export const LIVE_PROTECTION_TRIGGER = 'live_protection';

export interface LiveRunParts {
  readonly strategy: Strategy;
  readonly emitter: { next(candle: Candle): { readonly reading: { readonly atrQuote: number | null }; readonly signal: Signal | null } };
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly market: MarketInfo;
  readonly journal: Journal;
  readonly cache: CandleCache;
  readonly port: ExchangePort;
  readonly marketData: MarketDataPort;
  readonly manager: OrderManager;
  readonly live: LiveExecution;
  readonly feed: LiveFeed;
  readonly monitor: RiskMonitor;
  readonly watermarks: EquityWatermarks;
  readonly ladder: LadderState;
  readonly tradingState: TradingStateMachine;
  readonly limits: () => RiskLimits;
  readonly nowMs: () => number;
  readonly log: Logger;
  /** The latest mid of the market, kept for the protective stops' price band. */
  readonly marks: Map<string, number>;
  /**
   * The model filter and the LLM second opinion chosen on the AI screen, as on paper: they may
   * skip or shrink an entry, never more (`acceptReview` guards it). Null when both are off.
   */
  readonly entryReviewer?: EntryReviewer | null;
}

const noticeOf = (notice: LiveNotice, explained?: boolean): LiveNoticeView => ({ code: notice.code, params: { ...notice.params }, ...(explained === undefined ? {} : { explained }) });

/**
 * One live run on one market: each closed bar goes strategy → policy → risk (on Ballast's share
 * of the account, first-week sizes halved) → live execution (a confirmed stop after every entry
 * fill, exits that never leave a position naked). The same steps as the paper session, with the
 * ccxt exchange on the person's key and the wall clock.
 */
export class LiveRun {
  readonly parts: LiveRunParts;
  lastCheck: LiveCheckOutcome | null = null;
  lastKill: LiveKillReport | null = null;
  barsActedOn = 0;
  ordersSent = 0;
  lastBar: Candle | null = null;
  lastShare: ShareView | null = null;
  readonly notices: LiveNoticeView[] = [];
  /** The capital ladder as it stands: starts as the journal had it, moves with each raise or lowering. */
  ladder: LadderState;
  #atrQuote: number | null = null;
  #marks: EquityMarks | null = null;
  readonly #orderTimesMs: number[] = [];

  constructor(parts: LiveRunParts) {
    this.parts = parts;
    this.ladder = parts.ladder;
  }

  /** What the ladder weighs before offering more money: measured on the live record and the exchange, never typed. */
  async ladderEvidence(): Promise<LadderEvidence | null> {
    const { port, manager, journal, symbol, market, nowMs } = this.parts;
    const balances = await port.fetchBalances();
    if (balances.kind !== 'ok') return null;
    const fills = manager.fills();
    const check = this.lastCheck;
    const unresolvedFindings = check === null || check.verdict === 'no_trading' ? 1 : check.verdict === 'safe_mode' ? Math.max(1, check.findings.filter((finding) => !finding.explained).length) : 0;
    return {
      nowMs: Math.floor(nowMs()),
      completedRoundTrips: completedRoundTrips(fills, symbol, market.quote, market.precision.amountStepBase),
      unresolvedFindings,
      averageSlippageBps: averageSlippageBps(journal, fills),
      slippageLimitBps: LADDER_SLIPPAGE_LIMIT_BPS,
      quoteBalanceQuote: balances.value.get(market.quote)?.total ?? 0,
    };
  }

  /** The fail-closed check against the exchange: trade, safe mode with the explanation, or no trading at all. */
  async check(reason: LiveCheckReason): Promise<LiveCheckOutcome> {
    const { live, tradingState, nowMs } = this.parts;
    await this.refreshMark();
    const outcome = await live.check(reason);
    this.lastCheck = outcome;
    if (outcome.verdict === 'safe_mode') {
      const atMs = nowMs();
      // Latched until the person reviews it: the reading is tripped, then cleared, so they can leave safe mode after reading the explanation.
      const cause = { code: 'LIVE_CHECK_FINDINGS', message: 'Ballast found differences between its record and your account on the exchange that it cannot explain. It only reduces positions until you review them.' };
      tradingState.report({ triggerId: LIVE_CHECK_TRIGGER, tripped: true, action: 'SAFE_MODE', cause, details: { findings: outcome.explanation.length, reason }, atMs });
      tradingState.report({ triggerId: LIVE_CHECK_TRIGGER, tripped: false, action: 'SAFE_MODE', cause, details: {}, atMs });
    }
    this.parts.journal.append({ atMs: nowMs(), kind: 'system', subject: this.parts.symbol, payload: { event: 'live_check_done', reason, verdict: outcome.verdict } });
    return outcome;
  }

  /** New closed bars: every one feeds the strategy; only the newest one's signal is acted on (older ones are stale). */
  async onBars(bars: readonly Candle[]): Promise<void> {
    const { feed, monitor, symbol, timeframe, emitter, journal, live } = this.parts;
    let signal: Signal | null = null;
    let signalBar: Candle | null = null;
    for (const bar of bars) {
      this.lastBar = bar;
      if (feed.isImpossible(bar)) {
        journal.append({ atMs: this.parts.nowMs(), kind: 'system', subject: symbol, payload: { event: 'impossible_bar_skipped', openTimeMs: bar.openTimeMs } });
        signal = null;
        continue;
      }
      monitor.onClosedCandle(symbol, timeframe, bar);
      const step = emitter.next(bar);
      if (step.reading.atrQuote !== null) this.#atrQuote = step.reading.atrQuote;
      this.parts.entryReviewer?.onClosedBar(bar, journal, this.parts.nowMs());
      signal = step.signal;
      signalBar = bar;
      this.barsActedOn += 1;
    }
    if (bars.length === 0) return;
    await this.refreshMark();
    // Fills since the last bar (a stop that triggered), then a confirmed stop for every position.
    const pass = await live.onBar();
    this.#noteProtection(pass.protection);
    this.#holdProtection(pass.requiresSafeMode);
    const share = await this.shareView();
    if (share?.ok === true) this.#marks = monitor.onEquity(share.account.equityQuote, this.parts.market.quote, this.parts.nowMs());
    if (signal !== null) {
      journal.append({ atMs: this.parts.nowMs(), kind: 'signal', subject: symbol, payload: signal });
      const intent = intentFor(signal, this.#policyPosition(), this.parts.nowMs());
      const reviewed = intent === null || signalBar === null ? null : await this.#review(intent, signalBar);
      if (reviewed !== null) await this.decide(reviewed);
    }
  }

  /** Warm-up history (no trading on it): the reviewer's model sees it like the strategy does. */
  warmUp(bar: Candle): void {
    this.parts.emitter.next(bar);
    this.parts.entryReviewer?.onClosedBar(bar, this.parts.journal, this.parts.nowMs());
  }

  /** Entries only: the AI review as on paper; what comes back must be the same entry, no larger, or it is skipped. */
  async #review(intent: Intent, bar: Candle): Promise<Intent | null> {
    const { entryReviewer, manager, symbol, journal, limits, tradingState, nowMs, feed } = this.parts;
    if (entryReviewer === undefined || entryReviewer === null || intent.purpose !== 'entry') return intent;
    const share = this.lastShare;
    const positions = manager.positions().filter((position) => position.amountBase > 0);
    const outcome = await entryReviewer.review(intent, bar, {
      candles: feed.bars.slice(-500),
      limits: limits(),
      tradingState: tradingState.snapshot().state,
      equityQuote: share?.ok === true ? share.account.equityQuote : 0,
      openPositions: positions.length,
      positionBase: positions.find((position) => position.symbol === symbol)?.amountBase ?? 0,
      journal,
      atMs: nowMs(),
    });
    if (outcome === null) return intent;
    const accepted = acceptReview(intent, outcome.intent);
    this.#notice({ code: accepted === null ? 'LIVE_AI_SKIPPED' : 'LIVE_AI_REVIEWED', params: { symbol, text: outcome.text } });
    return accepted;
  }

  /** The latest mid from the order book; without one, no stop or order is priced on a guess. */
  async refreshMark(): Promise<LiquidityView | null> {
    const { marketData, symbol, limits, marks } = this.parts;
    const liquidity = await fetchLiquidityView(marketData, symbol, { depthWithinBps: Math.min(limits().priceBandBps, 50) });
    if (!liquidity.ok) {
      marks.delete(symbol);
      return null;
    }
    marks.set(symbol, liquidity.value.midQuote);
    return liquidity.value;
  }

  /** Ballast's share of the account as the risk layer must see it (its positions, never the person's other coins). */
  async shareView(): Promise<ShareView | null> {
    const { port, manager, market, marks, symbol } = this.parts;
    const ladder = this.ladder;
    const balances = await port.fetchBalances();
    if (balances.kind !== 'ok') return null;
    const mark = marks.get(symbol) ?? this.lastBar?.close ?? 0;
    const totals = new Map([...balances.value].map(([asset, balance]) => [asset, balance.total]));
    const view = accountViewForShare({
      shareQuote: ladder.shareQuote,
      quoteAsset: market.quote,
      exchangeFreeQuote: balances.value.get(market.quote)?.free ?? 0,
      exchangeTotals: totals,
      book: {
        positions: manager.positions().filter((p) => p.amountBase > 0).map((p) => ({ symbol: p.symbol, base: p.base, amountBase: p.amountBase, costBasisQuote: p.costBasisQuote, markPriceQuote: mark })),
        openOrders: manager.openOrders().filter((o) => o.purpose !== 'protective_stop').map((o) => ({ symbol: o.symbol, side: o.side, purpose: o.purpose, remainingBase: o.amountBase - o.filledBase, priceQuote: o.limitPriceQuote ?? mark })),
        realisedPnlQuote: manager.positions().reduce((sum, p) => sum + p.realisedPnlQuote, 0),
        orderTimesMs: this.#orderTimesMs,
      },
      dayStartEquityQuote: this.#marks?.dayStartEquityQuote ?? null,
      highWaterMarkQuote: this.#marks?.highWaterMarkQuote ?? null,
    });
    this.lastShare = view;
    return view;
  }

  /** One intent through risk and, if approved, to the exchange: entries with their stop, exits without a gap. */
  async decide(intent: Intent): Promise<void> {
    const { journal, symbol, tradingState, live, limits, nowMs } = this.parts;
    const ladder = this.ladder;
    const atMs = nowMs();
    const liquidity = await this.refreshMark();
    const share = await this.shareView();
    if (liquidity === null || share === null || !share.ok) {
      const shareCode = share !== null && !share.ok ? share.reasons[0]?.code : undefined;
      const code = liquidity === null ? 'LIVE_NO_PRICE' : (shareCode ?? 'LIVE_BALANCES_UNREADABLE');
      journal.append({ atMs, kind: 'risk_decision', subject: symbol, payload: { intent, refused: code } });
      this.#notice({ code, params: { symbol } });
      return;
    }
    const sized = limitsForLadder(limits(), entrySizeMultiplier(ladder, atMs));
    const decision = evaluate(intent, share.account, { market: this.parts.market, liquidity, atrQuote: this.#atrQuote }, sized, tradingState.snapshot().state);
    journal.append({ atMs, kind: 'risk_decision', subject: symbol, payload: { intent, decision: decisionAuditPayload(decision), shareQuote: ladder.shareQuote, entrySizeMultiplier: entrySizeMultiplier(ladder, atMs) } });
    if (!isSendable(decision)) {
      this.#notice({ code: 'LIVE_RISK_REFUSED', params: { symbol, reasons: decision.reasons.map((reason) => reason.code).join(', ') } });
      return;
    }
    this.#orderTimesMs.push(atMs);
    this.ordersSent += 1;
    if (intent.purpose === 'exit') {
      const exit = await live.exit(decision.order);
      if (exit.exitOrder !== null) journalDecisionPrice(journal, atMs, { clientOrderId: exit.exitOrder.clientOrderId, side: 'sell', referencePriceQuote: liquidity.midQuote });
      this.#notice(exit.notice);
      if (exit.protection !== null) this.#noteProtection([exit.protection]);
      this.#holdProtection(exit.requiresSafeMode);
      await this.shareView();
      return;
    }
    const sent = await live.submit(decision.order, { referencePriceQuote: liquidity.midQuote, ...(intent.stopPriceQuote === undefined ? {} : { protectiveStopPriceQuote: intent.stopPriceQuote }) });
    if (sent.result.ok) journalDecisionPrice(journal, atMs, { clientOrderId: sent.result.value.clientOrderId, side: decision.order.side, referencePriceQuote: liquidity.midQuote });
    if (!sent.result.ok) this.#notice({ code: 'LIVE_ORDER_NOT_SENT', params: { symbol, reason: sent.result.error.reason } });
    else if (sent.result.value.status === 'REJECTED') this.#notice({ code: 'LIVE_ORDER_REJECTED', params: { symbol, reason: sent.result.value.statusReason ?? '' } });
    else this.#notice({ code: 'LIVE_ORDER_SENT', params: { symbol, side: decision.order.side, amountBase: decision.order.amountBase, asset: this.parts.market.base, status: sent.result.value.status } });
    if (sent.protection !== null) {
      this.#noteProtection([sent.protection]);
      this.#holdProtection(sent.protection.requiresSafeMode);
    }
    await this.shareView();
  }

  async kill(choice: LiveKillChoice): Promise<LiveKillReport> {
    await this.refreshMark();
    const report = await this.parts.live.kill(choice);
    this.lastKill = report;
    await this.shareView();
    return report;
  }

  view(): Pick<LiveBotView, 'shareQuote' | 'inUseQuote' | 'stopsOnExchange' | 'entrySizeMultiplier' | 'firstWeekEndsAtMs' | 'lastBarOpenTimeMs' | 'barsActedOn' | 'ordersSent' | 'lastCheck' | 'positions' | 'notices' | 'lastKill'> {
    const { live, symbol, nowMs } = this.parts;
    const ladder = this.ladder;
    const check = this.lastCheck;
    const protection = live.protection(symbol);
    const positionBase = live.positionBase(symbol);
    const kill = this.lastKill;
    return {
      shareQuote: ladder.shareQuote,
      inUseQuote: this.lastShare?.ok === true ? this.lastShare.inUseQuote : null,
      stopsOnExchange: this.parts.port.supportsNativeStops,
      entrySizeMultiplier: entrySizeMultiplier(ladder, nowMs()),
      firstWeekEndsAtMs: ladder.liveStartedAtMs + 7 * DAY_MS,
      lastBarOpenTimeMs: this.lastBar?.openTimeMs ?? null,
      barsActedOn: this.barsActedOn,
      ordersSent: this.ordersSent,
      lastCheck:
        check === null
          ? null
          : {
              verdict: check.verdict,
              reason: check.reason,
              atMs: check.atMs,
              findings: check.verdict === 'no_trading' ? [noticeOf(check.notice)] : check.findings.slice(0, 100).map((finding) => noticeOf(finding, finding.explained)),
            },
      // Fee residue below one lot step is no position: no order could sell it or protect it.
      positions: positionBase >= Math.max(this.parts.market.precision.amountStepBase, Number.MIN_VALUE) ? [{ symbol, amountBase: positionBase, protection: protection?.status ?? 'unknown', stopPriceQuote: protection?.stopPriceQuote ?? null }] : [],
      notices: this.notices.slice(-MAX_NOTICES),
      lastKill:
        kill === null
          ? null
          : {
              choice: kill.choice,
              atMs: kill.atMs,
              done: kill.done,
              remainingOrders: kill.remaining.length,
              remainingStops: kill.remaining.filter((order) => order.owner === 'protective_stop').length,
              externalOrders: kill.remaining.filter((order) => order.owner === 'external').length,
              notices: kill.notices.slice(0, 50).map((notice) => noticeOf(notice)),
            },
    };
  }

  /** Ballast's own position only (its fills), as the paper bot's policy sees it. */
  #policyPosition(): PolicyPosition {
    const { manager, market, marks, symbol, limits } = this.parts;
    return policyPositionOf(manager.positions(), market, limits().dustPositionQuote, marks.get(symbol) ?? this.lastBar?.close ?? 0);
  }

  #noteProtection(reports: readonly ProtectionReport[]): void {
    for (const report of reports) for (const notice of report.notices) this.#notice(notice);
  }

  /** A position without a confirmed stop holds safe mode; the trigger clears once every position has one again. */
  #holdProtection(requiresSafeMode: boolean): void {
    const cause = { code: 'LIVE_POSITION_UNPROTECTED', message: 'A position of Ballast’s has no confirmed protective stop on the exchange, so it only reduces positions until it has one.' };
    this.parts.tradingState.report({ triggerId: LIVE_PROTECTION_TRIGGER, tripped: requiresSafeMode, action: 'SAFE_MODE', cause, details: {}, atMs: this.parts.nowMs() });
  }

  #notice(notice: LiveNotice): void {
    this.notices.push(noticeOf(notice));
    if (this.notices.length > MAX_NOTICES * 2) this.notices.splice(0, this.notices.length - MAX_NOTICES);
  }
}
