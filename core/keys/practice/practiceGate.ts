import type { KeyEnvironment } from '../exchangeId.ts';
import type { PermissionReport } from '../permissions/permissionReport.ts';
import type { PracticeKeyAnswer } from './practiceKeyCheck.ts';
import type { PracticeSite } from './practiceSite.ts';

/**
 * The checklist for practice on an exchange's practice site (testnet, demo trading). Which of
 * the live checklist's items apply:
 * - test-key, practice-site, key-works: replace the live key checks; the key must be a test
 *   network key and the orders must go to the practice site, never the real account;
 * - withdraw-off: not applicable, virtual funds (the practice sites do not serve the permission
 *   check). The record names the practice site and the key, and only the practice gate reads it;
 * - risk-limits, strategy: apply as in live;
 * - no-futures-or-margin, key-age, confirmation, paper-record: not applicable to pretend money
 *   (the bot trades spot only whatever the key allows; live asks for all of them again).
 */
export type PracticeGateItemId =
  | 'test-key' | 'practice-site' | 'key-works' | 'withdraw-off' | 'risk-limits' | 'strategy'
  | 'no-futures-or-margin' | 'key-age' | 'confirmation' | 'paper-record';
export type PracticeGateItemStatus = 'pass' | 'fail' | 'unknown' | 'not_applicable';

export interface PracticeGateItem {
  readonly id: PracticeGateItemId;
  readonly status: PracticeGateItemStatus;
  readonly reason: string;
  readonly fix: string;
}

/**
 * "Withdrawals: not applicable, virtual funds", bound to the practice site and the key it was
 * found for. It is not a permission report and never becomes one: the live gate re-reads the
 * real account's permissions and needs withdraw explicitly false.
 */
export interface VirtualFundsRecord {
  readonly verdict: 'not_applicable_virtual_funds';
  readonly keyId: string;
  readonly environment: 'testnet';
  readonly exchange: PracticeSite['exchange'];
  readonly host: string;
  readonly checkedAtMs: number;
  /** What the practice site said to the permission check: nothing (not served) or an answer Ballast does not rely on. */
  readonly permissionCheck: 'not_served' | 'answered';
}

export interface PracticeGateInputs {
  readonly keyId: string;
  readonly environment: KeyEnvironment;
  readonly nowMs: number;
  /** The practice site of the key's exchange, or why there is none. */
  readonly site: { ok: true; site: PracticeSite } | { ok: false; reason: string };
  /** Whether the trading client is in the practice site's sandbox mode; undefined when no client was made. */
  readonly clientOnPracticeSite: boolean | undefined;
  /** The signed balance read on the practice site; undefined when none was sent. */
  readonly keyAnswer: PracticeKeyAnswer | undefined;
  /** The permission read on the practice site; undefined when none was sent. */
  readonly permissionReport: PermissionReport | undefined;
  readonly riskLimits: { readonly configured: boolean };
  readonly strategyChosen: boolean;
}

export interface PracticeGateResult {
  readonly allowed: boolean;
  readonly items: readonly PracticeGateItem[];
  readonly evaluatedAtMs: number;
  readonly withdrawRecord?: VirtualFundsRecord;
}

const item = (id: PracticeGateItemId, status: PracticeGateItemStatus, reason: string, fix = ''): PracticeGateItem => ({ id, status, reason, fix });

/** Whether the pieces above let practice start; every item passes or is marked not applicable. */
export function evaluatePracticeGate(inputs: PracticeGateInputs): PracticeGateResult {
  const testKey = inputs.environment === 'testnet';
  const site = inputs.site.ok ? inputs.site.site : undefined;
  const onSite = testKey && site !== undefined && inputs.clientOnPracticeSite === true;
  const items: PracticeGateItem[] = [
    testKey
      ? item('test-key', 'pass', 'This is a key for the exchange’s practice site (test network).')
      : item('test-key', 'fail', 'This is a key for your real exchange account. Practice runs only with a practice-site key, so real money can never be used by mistake.',
          'Create a key on the exchange’s practice site and add it as a Test network key.'),
    !inputs.site.ok
      ? item('practice-site', 'fail', inputs.site.reason, 'Use paper trading, or a key for Binance, Bybit or OKX’s practice site.')
      : onSite
        ? item('practice-site', 'pass', `Orders go to the practice site (${inputs.site.site.host}), with pretend money.`)
        : item('practice-site', testKey ? 'unknown' : 'fail', 'Ballast could not confirm that orders would go to the practice site, so it will not send any.',
            testKey ? 'Try again; if it keeps failing, delete the key and add it again as a Test network key.' : 'Use a Test network key.'),
    keyWorksItem(onSite ? inputs.keyAnswer : undefined),
  ];
  let withdrawRecord: VirtualFundsRecord | undefined;
  if (onSite && inputs.keyAnswer?.kind === 'accepted') {
    withdrawRecord = {
      verdict: 'not_applicable_virtual_funds', keyId: inputs.keyId, environment: 'testnet', exchange: site.exchange, host: site.host, checkedAtMs: inputs.nowMs,
      permissionCheck: inputs.permissionReport === undefined || inputs.permissionReport.readFailure !== undefined ? 'not_served' : 'answered',
    };
    items.push(item('withdraw-off', 'not_applicable',
      `Not applicable: virtual funds. The practice site ${site.host} has only pretend money, and it does not answer the withdrawal check. This counts for practice with this key only; live trading always asks your real account again.`));
  } else {
    items.push(item('withdraw-off', 'unknown', 'Ballast decides about withdrawals once the practice site has accepted this key.', 'Fix the items above first.'));
  }
  items.push(
    inputs.riskLimits.configured
      ? item('risk-limits', 'pass', 'Your risk limits are set; practice uses them as live trading would.')
      : item('risk-limits', 'fail', 'Your risk limits are not set yet.', 'Review and save your risk limits on the Risk screen.'),
    inputs.strategyChosen
      ? item('strategy', 'pass', 'A strategy is chosen.')
      : item('strategy', 'fail', 'No strategy is chosen yet.', 'Choose a strategy and run it on paper first.'),
    item('no-futures-or-margin', 'not_applicable', 'Not checked: the practice site cannot be asked, and the bot trades spot only whatever the key allows. Live trading checks your real key.'),
    item('key-age', 'not_applicable', 'Not needed for pretend money.'),
    item('confirmation', 'not_applicable', 'No real money is used, so nothing needs to be typed.'),
    item('paper-record', 'not_applicable', 'Not needed for practice. Live trading still asks for 7 days and 20 trades on paper.'),
  );
  const allowed = items.every((entry) => entry.status === 'pass' || (entry.status === 'not_applicable' && NOT_APPLICABLE_IN_PRACTICE.has(entry.id)));
  return { allowed, items, evaluatedAtMs: inputs.nowMs, ...(allowed && withdrawRecord !== undefined ? { withdrawRecord } : {}) };
}

/** The only items practice may skip; anything else not passing refuses. */
const NOT_APPLICABLE_IN_PRACTICE: ReadonlySet<PracticeGateItemId> = new Set(['withdraw-off', 'no-futures-or-margin', 'key-age', 'confirmation', 'paper-record']);

function keyWorksItem(answer: PracticeKeyAnswer | undefined): PracticeGateItem {
  if (answer === undefined) return item('key-works', 'unknown', 'Ballast did not ask the practice site about this key.', 'Fix the items above first.');
  if (answer.kind === 'accepted') return item('key-works', 'pass', 'The practice site accepts this key (it showed the pretend balances).');
  if (answer.kind === 'refused') {
    return item('key-works', 'fail', 'The practice site refuses this key. Keys for the practice site are made on the practice site itself, not on your real account.',
      'Create a key on the exchange’s practice site, then add it as a Test network key.');
  }
  return item('key-works', 'unknown', 'The practice site did not answer just now.', 'Check your internet connection and try again.');
}
