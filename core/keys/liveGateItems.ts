import { keyAgeDays, rotationStatus, type RotationPolicy } from './keyAge.ts';
import type { PermissionReport } from './permissions/permissionReport.ts';

export type GateItemId =
  | 'withdraw-off'
  | 'trade-permission'
  | 'no-futures-or-margin'
  | 'risk-limits'
  | 'key-age'
  | 'confirmation'
  | 'paper-record'
  | 'ai-model'
  | 'exchange-stops';

export type GateItemStatus = 'pass' | 'fail' | 'unknown';

/** One line of the "Start live trading" checklist, in words for the person. */
export interface GateItem {
  readonly id: GateItemId;
  readonly status: GateItemStatus;
  readonly reason: string;
  /** What to do about it; empty when the item passes. */
  readonly fix: string;
}

const pass = (id: GateItemId, reason: string): GateItem => ({ id, status: 'pass', reason, fix: '' });

/** The three items that come from the exchange, when its fresh report could not be had. */
export function unreadablePermissionItems(reason: string): GateItem[] {
  const fix = 'Check your internet connection and the key on the exchange, then try again.';
  return (['withdraw-off', 'trade-permission', 'no-futures-or-margin'] as const).map((id) => ({ id, status: 'unknown', reason, fix }));
}

/**
 * `spotOnlyConfirmed`: the person confirms they created the key for spot trading only. It counts
 * only where the exchange's key endpoint cannot tell futures or margin at all (Kraken, Bybit,
 * Coinbase…); a key the exchange reports as able to trade them always fails.
 */
export function permissionItems(report: PermissionReport, spotOnlyConfirmed = false): GateItem[] {
  const detail = report.problems.length > 0 ? ` ${report.problems.join(' ')}` : '';
  const withdraw: GateItem =
    report.canWithdraw === false
      ? pass('withdraw-off', 'The exchange confirms this key cannot withdraw funds.')
      : report.canWithdraw === true
        ? { id: 'withdraw-off', status: 'fail', reason: 'This key can withdraw funds. Ballast will not use it for live trading.',
            fix: 'Turn off withdrawals for this key on the exchange, then verify again.' }
        : { id: 'withdraw-off', status: 'unknown', reason: `The exchange did not confirm that this key cannot withdraw funds.${detail}`,
            fix: 'Make sure withdrawals are off for this key on the exchange, then verify again.' };
  const trade: GateItem =
    report.canTrade === true
      ? pass('trade-permission', 'The key may place trades.')
      : report.canTrade === false
        ? { id: 'trade-permission', status: 'fail', reason: 'This key cannot place trades, so the bot could not work.',
            fix: 'Allow spot trading for this key on the exchange (keep withdrawals off), then verify again.' }
        : { id: 'trade-permission', status: 'unknown', reason: 'The exchange did not say whether this key may place trades.',
            fix: 'Check the key on the exchange, then verify again.' };
  const leveraged = [report.futuresEnabled, report.marginEnabled];
  const noLeverage: GateItem = leveraged.every((value) => value === false)
    ? pass('no-futures-or-margin', 'The key cannot trade futures or on margin.')
    : leveraged.some((value) => value === true)
      ? { id: 'no-futures-or-margin', status: 'fail',
          reason: 'This key can trade futures or on margin, where losses can be larger than the money you put in.',
          fix: 'Turn off futures and margin permissions for this key on the exchange, then verify again.' }
      : spotOnlyConfirmed
        ? pass('no-futures-or-margin', 'The exchange cannot say whether this key can trade futures or on margin; you confirmed that you created it for spot trading only.')
        : { id: 'no-futures-or-margin', status: 'unknown',
            reason: 'The exchange cannot say whether this key can trade futures or on margin.',
            fix: 'If you created this key for spot trading only, with futures and margin off, confirm it below. Otherwise create a spot-only key on the exchange.' };
  return [withdraw, trade, noLeverage];
}

export function riskLimitsItem(riskLimits: { configured: boolean; missing?: readonly string[] }): GateItem {
  if (riskLimits.configured) return pass('risk-limits', 'Risk limits are set.');
  const missing = riskLimits.missing && riskLimits.missing.length > 0 ? ` Missing: ${riskLimits.missing.join(', ')}.` : '';
  // One fix, the same one the missing items name: the review on the Risk limits screen.
  return { id: 'risk-limits', status: 'fail', reason: `Risk limits are not fully set.${missing}`,
    fix: 'Open Risk limits, check each limit and save them as reviewed.' };
}

/** "created today", "1 day old", "12 days old": never "0 days old". */
function keyAgeWords(days: number): string {
  if (days < 1) return 'This key was created today.';
  return days === 1 ? 'This key is 1 day old.' : `This key is ${days} days old.`;
}

export function keyAgeItem(keyCreatedAtMs: number, nowMs: number, policy: RotationPolicy): GateItem {
  const days = keyAgeDays(keyCreatedAtMs, nowMs);
  switch (rotationStatus(days, policy)) {
    case 'rotate-now':
      return { id: 'key-age', status: 'fail',
        reason: `${keyAgeWords(days)} Keys older than ${policy.limitDays} days are not used for live trading.`,
        fix: 'Create a new key on the exchange (withdrawals off) and replace this one in Ballast.' };
    case 'rotate-soon':
      return pass('key-age', `${keyAgeWords(days)} Plan to replace it before day ${policy.limitDays}.`);
    case 'fresh':
      return pass('key-age', keyAgeWords(days));
  }
}

export function confirmationItem(typed: string, phrase: string): GateItem {
  // Surrounding spaces and line breaks from pasting are forgiven; the words themselves are not.
  return typed.trim() === phrase
    ? pass('confirmation', 'You confirmed that Ballast will trade with real money.')
    : { id: 'confirmation', status: 'fail', reason: 'You have not typed the confirmation yet.', fix: `Type exactly: ${phrase}` };
}

export interface PaperRecordSummary {
  readonly strategyId: string;
  readonly paperDays: number;
  readonly paperTrades: number;
}

export function paperRecordItem(
  strategy: { readonly id: string; readonly name: string },
  record: PaperRecordSummary | undefined,
  minimum: { days: number; trades: number },
): GateItem {
  const fix = `Paper trade ${strategy.name} on live prices for at least ${minimum.days} days or ${minimum.trades} trades first.`;
  if (record?.strategyId !== strategy.id) {
    return { id: 'paper-record', status: 'fail', reason: `${strategy.name} has no paper trading record on live prices yet. Replays of past or generated prices do not count.`, fix };
  }
  if (record.paperDays >= minimum.days || record.paperTrades >= minimum.trades) {
    return pass('paper-record', `${strategy.name} paper traded for ${record.paperDays} days and ${record.paperTrades} trades.`);
  }
  return { id: 'paper-record', status: 'fail',
    reason: `${strategy.name} has paper traded for only ${record.paperDays} days and ${record.paperTrades} trades.`, fix };
}

/** Whether the exchange holds Ballast's protective stops itself, and whether the person accepted that it does not. */
export interface ExchangeStopsGateInput {
  readonly exchangeName: string;
  readonly heldByExchange: boolean;
  readonly watchedStopsAccepted: boolean;
}

/**
 * Where the exchange's spot API holds no stop order for Ballast, its stops are watched by Ballast
 * itself: a position is then protected only while Ballast runs. The person must accept that
 * before live trading starts.
 */
export function exchangeStopsItem(input: ExchangeStopsGateInput): GateItem {
  const { exchangeName } = input;
  if (input.heldByExchange) return pass('exchange-stops', `${exchangeName} holds Ballast’s protective stops itself: they sell even when this computer is off.`);
  const risk = `${exchangeName} does not hold stop orders for Ballast on spot, so Ballast watches each stop itself: a position is protected only while Ballast runs, not while this computer sleeps, is off or offline.`;
  if (input.watchedStopsAccepted) return pass('exchange-stops', `You accepted this: ${risk}`);
  return { id: 'exchange-stops', status: 'fail', reason: risk, fix: 'Accept this warning below to trade anyway, or use an exchange that holds stop orders for Ballast (Binance).' };
}

/**
 * The trained model, when it filters the strategy's entries. A model whose card shows no
 * reliable edge (out-of-sample Brier skill ≤ 0, or a deflated Sharpe below 0.95 or not measured)
 * stays in paper trading: `reasons` are the card's own plain sentences.
 */
export interface AiModelGateInput {
  readonly present: boolean;
  readonly usableLive: boolean;
  readonly reasons: readonly string[];
}

export function aiModelItem(model: AiModelGateInput): GateItem {
  const fix = 'Turn the model filter off on the AI screen to trade live on the rules alone, or train a model whose card shows a reliable edge.';
  if (!model.present) {
    return { id: 'ai-model', status: 'fail', reason: 'The model filter is on, but no trained model is in use.', fix };
  }
  if (model.usableLive) return pass('ai-model', 'The model’s card shows an edge on data it never saw and a backtest that passed the luck test.');
  const because = model.reasons.length > 0 ? ` ${model.reasons.join(' ')}` : '';
  return { id: 'ai-model', status: 'fail', reason: `The model filter is on, and the model shows no reliable edge, so it may be used for paper trading only.${because}`, fix };
}
