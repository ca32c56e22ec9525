import { approvedForTest } from '../../../support/approvedOrder.ts';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACTIVITY_KINDS } from '../../../../core/contract/index.ts';
import { AUDIT_KINDS, canonicalJson } from '../../../../core/journal/index.ts';
import { SecretRedactor } from '../../../../core/log/index.ts';
import { approved, decisionAuditPayload, rejectedFor, riskReason, type SizedOrder } from '../../../../core/risk/index.ts';
import { summarizeActivity } from '../../../../core/runtime/activity/activitySummary.ts';

const order: SizedOrder = approvedForTest({
  intentId: 'trend-follower:BTC/USDT:1:entry',
  origin: 'strategy',
  purpose: 'entry',
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  amountBase: 0.008,
  limitPriceQuote: 43_120,
  reduceOnly: false,
  atMs: 1,
});

const redactor = new SecretRedactor();
const stored = (payload: unknown): string => canonicalJson(payload, redactor);

const summary = (kind: (typeof AUDIT_KINDS)[number], payload: unknown, subject: string | null = null): string =>
  summarizeActivity(kind, subject, stored(payload));

describe('activity summaries', () => {
  it('names the same kinds as the journal', () => {
    expect([...ACTIVITY_KINDS]).toEqual([...AUDIT_KINDS]);
  });

  it('says how risk shrank an order, with the amount wanted, the amount sent and the reason', () => {
    const decision = approved(order, 344.96, [riskReason('DAILY_LOSS_BUDGET', { scaledPerTradeFraction: 0.005, usedFraction: 0.8 })]);
    const intent = { side: 'buy', symbol: 'BTC/USDT', desiredAmountBase: 0.012 };
    expect(summary('risk_decision', { intent, decision: decisionAuditPayload(decision) }, 'BTC/USDT')).toBe(
      'Risk shrank buy 0.012 BTC/USDT to 0.008 at 43,120 (worth 344.96 USDT): Risk shrank to 0.50% of equity per trade: the daily loss budget is 80% used.',
    );
  });

  it('says what an entry wanted as a share of equity when it named no amount', () => {
    const decision = approved(order, 344.96, [riskReason('PER_TRADE_SIZE', { limitFraction: 0.01, capQuote: 344.96, quoteAsset: 'USDT' })]);
    const intent = { side: 'buy', symbol: 'BTC/USDT', desiredFractionOfEquity: 0.02 };
    expect(summary('risk_decision', { intent, decision: decisionAuditPayload(decision) })).toMatch(/^Risk shrank buy BTC\/USDT worth 2% of equity to 0\.008 at 43,120 \(worth 344\.96 USDT\): One trade may use at most 1/);
  });

  it('says what risk approved and what it blocked, with the reason in words', () => {
    const intent = { side: 'buy', symbol: 'BTC/USDT', desiredFractionOfEquity: 0.003 };
    expect(summary('risk_decision', { intent, decision: decisionAuditPayload(approved(order, 344.96, [])) })).toBe('Risk approved buy 0.008 BTC/USDT at 43,120 (worth 344.96 USDT).');
    const blocked = decisionAuditPayload(rejectedFor(order.intentId, 'STATE_PAUSED'));
    expect(summary('risk_decision', { intent, decision: blocked })).toBe(
      'Risk blocked buy BTC/USDT worth 0.3% of equity: Trading is paused: Pause holds back new positions and the strategy\'s own sales too; only protective stops and their exits are sent. Press Resume to trade again.',
    );
  });

  it('says which order filled, how much, at what price and what the fee was', () => {
    const fill = { clientOrderId: 'bl-MNlSc8ZBGj2y46jmFwyfRAylAS5dUCn4', side: 'buy', symbol: 'BTC/USDT', amountBase: 0.008, priceQuote: 43_120, fee: { amount: 0.000008, asset: 'BTC' }, tradeId: '1' };
    expect(summary('fill', fill, fill.clientOrderId)).toBe('Order bl-MNlSc8… filled: bought 0.008 BTC at 43,120 USDT, fee 0.000008 BTC.');
  });

  it('tells the strategy, its score and its reason', () => {
    const signal = { strategyId: 'trend-follower', symbol: 'BTC/USDT', score: 0.62, stance: 'bullish', rationale: 'The 20-bar average is above the 50-bar average.' };
    expect(summary('signal', signal, 'BTC/USDT')).toBe('Trend follower scored BTC/USDT +0.62 (bullish): The 20-bar average is above the 50-bar average.');
  });

  it('tells a trading state change with its cause', () => {
    const change = { transition: 'kill', from: 'ACTIVE', to: 'KILLED', cause: { code: 'PERSON_KILL', message: 'Stopped by you with Kill.' } };
    expect(summary('state_change', change, 'trading_state')).toBe('Trading state Active → Killed: Stopped by you with Kill.');
  });

  it('follows an order through its life in plain words', () => {
    const id = 'bl-KY6VWbBhDqMU7a3hSb_pvk2VVWDbd2Rq';
    const journaled = { event: 'journaled', status: 'PENDING_SUBMIT', order: { side: 'sell', symbol: 'BTC/USDT', amountBase: 0.001, type: 'stop_limit', purpose: 'protective_stop', limitPriceQuote: 27_858.8, stopPriceQuote: 27_998.9 } };
    expect(summary('order', journaled, id)).toBe('Protective stop bl-KY6VWb… recorded before sending: sell 0.001 BTC/USDT once the price reaches 27,998.9 (limit 27,858.8).');
    expect(summary('order', { event: 'accepted', status: 'OPEN', from: 'PENDING_SUBMIT', filledBase: 0 }, id)).toBe('Order bl-KY6VWb… accepted by the exchange: open, waiting to fill.');
    expect(summary('order', { event: 'status_unknown', status: 'UNKNOWN' }, id)).toMatch(/no clear answer.*looks it up before doing anything else/);
    expect(summary('exchange_response', { call: 'createOrder', kind: 'rate_limited', retryAfterMs: 1500, detail: '429' }, id)).toBe('The exchange asked Ballast to slow down (the new order for bl-KY6VWb…); retry after 2 s.');
  });

  it('says which strategy a paper run started and on what prices', () => {
    expect(summary('system', { event: 'paper_session_started', strategyId: 'rsi-mean-reversion', prices: 'replay' })).toMatch(/^Paper run started: .+ on replayed past prices, with pretend money\.$/);
    expect(summary('system', { event: 'paper_session_started', strategyId: 'do-nothing', prices: 'synthetic' })).toContain('on generated demo prices');
  });

  it('falls back to a generic line for shapes it does not know, and says when details are not JSON', () => {
    expect(summary('order', { something: 'else' }, 'bl-x')).toBe('Order event (bl-x). See the details.');
    expect(summary('system', { event: 'new_kind_of_check' })).toBe('new kind of check.');
    expect(summarizeActivity('fill', null, '{"amountBase": 1,')).toMatch(/not valid JSON/);
  });

  it('never throws and always gives one non-empty line, whatever the details hold', () => {
    fc.assert(
      fc.property(fc.constantFrom(...AUDIT_KINDS), fc.jsonValue(), fc.option(fc.string({ maxLength: 200 })), (kind, payload, subject) => {
        const line = summarizeActivity(kind, subject, stored(payload));
        expect(line.length).toBeGreaterThan(0);
        expect(line.length).toBeLessThanOrEqual(300);
        expect(line).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 500 },
    );
  });
});
