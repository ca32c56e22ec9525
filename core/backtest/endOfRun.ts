import type { ExecutionClock } from '../execution/index.ts';
import type { Intent } from '../risk/index.ts';
import { policyPositionOf } from './decisionViews.ts';
import { decideIntent, type DecisionContext } from './engineDecision.ts';
import type { BacktestVenue } from './simulatedExchange.ts';

export interface EndOfRun {
  readonly context: DecisionContext;
  readonly exchange: BacktestVenue;
  readonly clock: ExecutionClock & { set(atMs: number): void };
  readonly bar: number;
  readonly atrQuote: number | null;
}

/**
 * `--close-at-end`: resting entries are cancelled and the open position is sold at the last
 * bar's close, through risk and the OrderManager like any exit, so it counts as a finished trade.
 */
export async function closeAtEnd(end: EndOfRun): Promise<void> {
  const { context, exchange, clock, bar } = end;
  const { orders, settings, bars } = context;
  clock.set((bars.timeMs[bar] as number) + bars.intervalMs);
  exchange.moveTo(bar, 'final');
  for (const order of orders.openOrders()) if (order.purpose !== 'protective_stop') await orders.cancel(order.clientOrderId);
  const lastClose = bars.close[bar] as number;
  const position = policyPositionOf(orders.positions(), settings.market, settings.riskLimits.dustPositionQuote, lastClose);
  if (!(position.amountBase > 0)) return;
  const intent: Intent = {
    intentId: `backtest-end:${settings.symbol}:${String(bars.timeMs[bar])}:exit`,
    origin: 'strategy',
    purpose: 'exit',
    symbol: settings.symbol,
    side: 'sell',
    atMs: clock.nowMs(),
    orderType: 'market',
    desiredAmountBase: position.amountBase,
    rationale: 'The backtest ended: the open position is sold at the last close.',
  };
  await decideIntent(context, intent, bar, 'close', end.atrQuote);
}
