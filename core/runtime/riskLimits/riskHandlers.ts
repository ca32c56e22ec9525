import { ContractError, type CommandHandlers, type HighWaterMarkReset, type RiskLimitRow, type RiskLimitsView, type TradingMode } from '../../contract/index.ts';
import { limitUsage, money, percent, type LimitChangeContext, type LimitField, type RiskLimits, type TradingStateMachine } from '../../risk/index.ts';
import type { PaperRiskDesk } from '../paper/paperRiskDesk.ts';
import { RISK_LIMIT_FIELDS, RISK_LIMIT_FIELD_ORDER } from './riskLimitFields.ts';
import type { RiskLimitsStore } from './riskLimitsStore.ts';

type RiskCommand = 'getRiskLimits' | 'proposeRiskLimits' | 'applyRiskLimits' | 'getTradingStatus' | 'placeManualOrder' | 'proposeHighWaterMarkReset' | 'resetHighWaterMark';

/** What a person types to loosen a limit. Typing it is the point: a click is too easy. */
export const LOOSEN_PHRASE = 'ALLOW MORE RISK';

/** Money figures need an account; before any paper run they are priced on this example balance. */
const EXAMPLE_EQUITY_QUOTE = 10_000;
const EXAMPLE_QUOTE_ASSET = 'USDT';

export interface RiskContext {
  readonly store: RiskLimitsStore;
  readonly tradingState: TradingStateMachine;
  readonly mode: () => TradingMode;
  /** The paper account the use is measured on and manual orders go to; null when none is open. */
  readonly paperDesk: () => PaperRiskDesk | null;
  /** The last paper run's starting balance, for money figures before its first bar. */
  readonly paperStartingBalance: () => { readonly amountQuote: number; readonly quoteAsset: string } | null;
}

const valueOf = (limits: RiskLimits, field: LimitField): RiskLimitRow['value'] => {
  const value = limits[field];
  return Array.isArray(value) ? [...(value as readonly string[])] : (value as number | boolean | string);
};

function moneyBasis(context: RiskContext): LimitChangeContext & { readonly basis: string } {
  const account = context.paperDesk()?.account() ?? null;
  if (account !== null) {
    const { equityQuote, quoteAsset } = account.view;
    return { equityQuote, quoteAsset, basis: `Money figures use your paper account’s equity now: ${money(equityQuote, quoteAsset)}.` };
  }
  const starting = context.paperStartingBalance();
  if (starting !== null) {
    return { equityQuote: starting.amountQuote, quoteAsset: starting.quoteAsset, basis: `Money figures use your paper account’s starting balance: ${money(starting.amountQuote, starting.quoteAsset)}.` };
  }
  return {
    equityQuote: EXAMPLE_EQUITY_QUOTE,
    quoteAsset: EXAMPLE_QUOTE_ASSET,
    basis: `There is no paper account yet, so money figures are for an example account of ${money(EXAMPLE_EQUITY_QUOTE, EXAMPLE_QUOTE_ASSET)}.`,
  };
}

export function riskLimitsView(context: RiskContext): RiskLimitsView {
  const readout = context.store.readout();
  const account = context.paperDesk()?.account() ?? null;
  const uses = account === null ? [] : limitUsage(account.view, readout.limits, account.atMs);
  const limits = RISK_LIMIT_FIELD_ORDER.map((field): RiskLimitRow => {
    const use = uses.find((entry) => entry.field === field);
    return {
      field,
      label: RISK_LIMIT_FIELDS[field].label,
      unit: RISK_LIMIT_FIELDS[field].unit,
      value: valueOf(readout.limits, field),
      use: use === undefined ? null : { usedFraction: Number.isFinite(use.usedFraction) ? use.usedFraction : 0, text: use.text },
    };
  });
  return {
    source: readout.source,
    problem: readout.problem,
    account: account === null
      ? null
      : { equityQuote: account.view.equityQuote, quoteAsset: account.view.quoteAsset, symbol: account.symbol, priceQuote: account.markQuote, label: 'Paper account' },
    useNote: account === null
      ? 'No paper account yet, so nothing is in use. Once a paper bot has run, each limit shows how much of it the account is using.'
      : 'Use is measured on your paper account at the latest replayed price.',
    limits,
  };
}

/**
 * Measuring drawdown from the equity now, in money: where the limit stands, and where it will
 * stand afterwards. Refused when there is nothing to reset.
 */
function highWaterMarkReset(context: RiskContext, done: boolean): HighWaterMarkReset {
  if (context.mode() !== 'paper') {
    throw new ContractError('NOT_ALLOWED_NOW', 'The high-water mark can be reset for the paper account only in this version of Ballast. Nothing was changed.');
  }
  const mark = context.paperDesk()?.highWaterMark() ?? null;
  if (mark === null) {
    throw new ContractError('NOT_ALLOWED_NOW', 'There is no paper account with prices yet, so there is no high-water mark to reset. Nothing was changed.');
  }
  const { highWaterMarkQuote, equityQuote, quoteAsset } = mark;
  const limit = context.store.readout().limits.maxDrawdownFraction;
  const fall = highWaterMarkQuote > 0 ? Math.max(0, (highWaterMarkQuote - equityQuote) / highWaterMarkQuote) : 0;
  const consequence = done
    ? `The drawdown limit now measures from ${money(equityQuote, quoteAsset)}. New positions stop again if the account falls to ${money(equityQuote * (1 - limit), quoteAsset)}.`
    : `Your account is ${money(equityQuote, quoteAsset)}, ${percent(fall)} below its highest value of ${money(highWaterMarkQuote, quoteAsset)}. ` +
      `After the reset the ${percent(limit)} drawdown limit measures from ${money(equityQuote, quoteAsset)}: the account may lose another ` +
      `${money(equityQuote * limit, quoteAsset)}, down to ${money(equityQuote * (1 - limit), quoteAsset)}, before new positions stop again.`;
  return { highWaterMarkQuote: done ? equityQuote : highWaterMarkQuote, equityQuote, quoteAsset, consequence, confirmationText: LOOSEN_PHRASE, done };
}

/** Handlers behind the Risk limits screen. */
export function riskHandlers(context: RiskContext): Pick<CommandHandlers, RiskCommand> {
  const { store, tradingState } = context;
  const review = (changes: Readonly<Record<string, unknown>>) => {
    const basis = moneyBasis(context);
    return { basis: basis.basis, reviewed: store.review(changes, basis) };
  };
  return {
    getRiskLimits: () => riskLimitsView(context),
    proposeRiskLimits: ({ changes }) => {
      const { basis, reviewed } = review(changes);
      const { review: comparison } = reviewed;
      return {
        changes: comparison.changes.map((change) => ({
          field: change.field,
          label: RISK_LIMIT_FIELDS[change.field].label,
          direction: change.direction,
          from: Array.isArray(change.from) ? [...(change.from as readonly string[])] : (change.from as number | boolean | string),
          to: Array.isArray(change.to) ? [...(change.to as readonly string[])] : (change.to as number | boolean | string),
          consequence: change.consequence,
        })),
        needsConfirmation: comparison.needsConfirmation,
        consequence: comparison.confirmationText,
        confirmationText: comparison.needsConfirmation ? LOOSEN_PHRASE : '',
        basis,
      };
    },
    applyRiskLimits: ({ changes, confirmation }) => {
      const { reviewed } = review(changes);
      const confirmed = confirmation !== undefined && confirmation.trim() === LOOSEN_PHRASE;
      if (reviewed.review.needsConfirmation && !confirmed) {
        throw new ContractError('CONFIRMATION_MISMATCH', `This change allows more risk. To save it, type ${LOOSEN_PHRASE} exactly. Nothing was changed.`);
      }
      store.apply(reviewed, confirmed);
      return riskLimitsView(context);
    },
    getTradingStatus: () => {
      const status = tradingState.status();
      return {
        snapshot: { ...status.snapshot, activeTriggers: status.activeTriggers.map((trigger) => trigger.cause) },
        safeModeCause: status.safeMode,
        activeTriggers: status.activeTriggers.map((trigger) => ({ triggerId: trigger.triggerId, action: trigger.action, cause: trigger.cause, sinceMs: trigger.sinceMs })),
        persistenceProblem: status.persistenceProblem,
      };
    },
    proposeHighWaterMarkReset: () => {
      const proposal = highWaterMarkReset(context, false);
      if (proposal.equityQuote >= proposal.highWaterMarkQuote) {
        throw new ContractError('NOT_ALLOWED_NOW', 'Your paper account is at its highest value, so there is nothing to reset.');
      }
      return proposal;
    },
    resetHighWaterMark: ({ confirmation }) => {
      const proposal = highWaterMarkReset(context, false);
      if (confirmation.trim() !== LOOSEN_PHRASE) {
        throw new ContractError('CONFIRMATION_MISMATCH', `Resetting the high-water mark allows more loss. To do it, type ${LOOSEN_PHRASE} exactly. Nothing was changed.`);
      }
      if (proposal.equityQuote >= proposal.highWaterMarkQuote) {
        throw new ContractError('NOT_ALLOWED_NOW', 'Your paper account is at its highest value, so there is nothing to reset.');
      }
      context.paperDesk()?.resetHighWaterMark({
        code: 'HIGH_WATER_MARK_RESET',
        message: `You chose to measure drawdown from ${money(proposal.equityQuote, proposal.quoteAsset)} instead of ${money(proposal.highWaterMarkQuote, proposal.quoteAsset)}.`,
      });
      return highWaterMarkReset(context, true);
    },
    placeManualOrder: (request) => {
      if (context.mode() !== 'paper') {
        throw new ContractError('NOT_ALLOWED_NOW', 'Manual orders are for the paper account only in this version of Ballast. Nothing was sent.');
      }
      const desk = context.paperDesk();
      if (desk === null) {
        throw new ContractError('NOT_ALLOWED_NOW', 'There is no paper account yet. Start a paper bot on the Paper trading screen first; manual orders go to its account.');
      }
      return desk.placeManualOrder(request);
    },
  };
}
