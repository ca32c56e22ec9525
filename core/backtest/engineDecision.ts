import type { OrderManager } from '../execution/index.ts';
import { evaluate, isSendable, type Intent, type SizedOrder } from '../risk/index.ts';
import type { BacktestBars } from './backtestBars.ts';
import type { BacktestSettings } from './backtestSettings.ts';
import { decisionAccountView, decisionMarketView, type Holdings } from './decisionViews.ts';
import type { DecisionTally } from './decisionTally.ts';
import { researchSizing } from '../risk/index.ts';
import type { WatermarkFeed } from './watermarkFeed.ts';

export interface DecisionContext {
  readonly settings: BacktestSettings;
  readonly bars: BacktestBars;
  readonly orders: OrderManager;
  readonly tally: DecisionTally;
  /** Null in research mode (risk off). */
  readonly watermarks: WatermarkFeed | null;
  /** When orders were submitted, ascending. */
  readonly orderTimesMs: number[];
  holdings(): Holdings;
}

/**
 * One intent through the same gate as paper and live: the risk layer's `evaluate` on the account
 * and market as they are at the decision point (or research sizing with risk off), then the
 * OrderManager. An exit first cancels the position's resting protective stop, which holds the
 * coins the exit sells; risk judges the exit as if that stop were already gone.
 */
export async function decideIntent(context: DecisionContext, intent: Intent, bar: number, phase: 'open' | 'close', atrQuote: number | null): Promise<void> {
  const { settings, bars, orders, tally } = context;
  const markQuote = phase === 'open' ? (bars.open[bar] as number) : (bars.close[bar] as number);
  const atMs = intent.atMs;
  tally.intents++;
  const holdings = context.holdings();
  const marks = context.watermarks?.observe(holdings.cashQuote + holdings.base * markQuote, atMs) ?? null;
  const replacesStop = intent.purpose === 'exit';
  const openOrders = orders.openOrders();
  const account = decisionAccountView({
    market: settings.market,
    holdings,
    positions: orders.positions(),
    openOrders: replacesStop ? openOrders.filter((order) => !(order.purpose === 'protective_stop' && order.symbol === intent.symbol)) : openOrders,
    markQuote,
    marks,
    orderTimesMs: context.orderTimesMs,
  });
  const view = decisionMarketView({ market: settings.market, bars, bar, phase, atMs, model: settings.fillModel, priceBandBps: settings.riskLimits.priceBandBps, atrQuote });
  let order: SizedOrder;
  if (settings.risk === 'on') {
    const decision = evaluate(intent, account, view, settings.riskLimits, 'ACTIVE');
    tally.decision(decision);
    if (!isSendable(decision)) return;
    order = decision.order;
  } else {
    const sized = researchSizing(intent, account, view);
    tally.research(typeof sized === 'string' ? sized : null);
    if (typeof sized === 'string') return;
    order = sized;
  }
  if (replacesStop) {
    for (const stop of openOrders) if (stop.purpose === 'protective_stop' && stop.symbol === intent.symbol) await orders.cancel(stop.clientOrderId);
  }
  context.orderTimesMs.push(atMs);
  const submitted = await orders.submit(order, {
    referencePriceQuote: markQuote,
    ...(intent.stopPriceQuote === undefined ? {} : { protectiveStopPriceQuote: intent.stopPriceQuote }),
  });
  tally.submitted(submitted);
}
