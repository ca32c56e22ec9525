import type { Exchange } from 'ccxt';
import { ContractError, type CommandHandlers, type PracticeGateView, type PracticeStatusView } from '../../contract/index.ts';
import {
  checkPracticeKey, evaluatePracticeGate, isOnPracticeSite, practiceSiteOf,
  type KeySummary, type PermissionReport, type PracticeGateResult, type PracticeKeyAnswer,
} from '../../keys/index.ts';
import type { KeysRuntime } from '../keys/keysRuntime.ts';
import type { LiveBotControl } from '../live/liveHandlers.ts';
import type { LiveBot } from '../live/liveBot.ts';

type PracticeCommand = 'getPracticeGate' | 'startPractice' | 'stopPractice' | 'getPracticeStatus';

const LOCKED = 'This key is protected by your passphrase. Enter your passphrase on the Keys & Exchanges screen first.';
const BACKEND_CHANGED = 'This key was saved with a different kind of encryption than this computer offers now, so Ballast will not read it. Delete it and add the key again.';

interface Evaluated {
  readonly result: PracticeGateResult;
  readonly host: string | null;
}

/**
 * Asks the practice site about the key and judges the practice checklist. A key for the real
 * account is refused before any client is made: nothing is sent with it.
 */
async function evaluate(keys: KeysRuntime, summary: KeySummary): Promise<Evaluated> {
  const site = practiceSiteOf(summary.exchange);
  const host = site.ok ? site.site.host : null;
  let client: Exchange | undefined;
  let keyAnswer: PracticeKeyAnswer | undefined;
  let permissionReport: PermissionReport | undefined;
  if (summary.environment === 'testnet' && site.ok) {
    client = await keys.tradingClientFor(summary.id);
    if (isOnPracticeSite(client, site.site)) {
      keyAnswer = await checkPracticeKey(client);
      // The practice sites do not serve it (ccxt: NotSupported); asked anyway so the record says what happened.
      permissionReport = await keys.permissionReaderFor(summary.id)().catch(() => undefined);
    }
  }
  const strategyId = await keys.readiness.liveStrategyId();
  const riskLimits = await keys.readiness.riskLimitsConfigured();
  const result = evaluatePracticeGate({
    keyId: summary.id, environment: summary.environment, nowMs: keys.nowMs(), site,
    clientOnPracticeSite: client === undefined ? undefined : site.ok && isOnPracticeSite(client, site.site),
    keyAnswer, permissionReport, riskLimits, strategyChosen: strategyId !== undefined,
  });
  return { result, host };
}

const gateView = (keyId: string, evaluated: Evaluated): PracticeGateView => ({
  keyId, allowed: evaluated.result.allowed, items: evaluated.result.items.map((entry) => ({ ...entry })), evaluatedAtMs: evaluated.result.evaluatedAtMs, host: evaluated.host,
});

/**
 * Practice on the exchange's practice site: the live bot (same checks, orders, stops and Kill)
 * on a test-network key, with its own journal folder, so practice orders never mix with the
 * record of the real account.
 */
export function practiceHandlers(keys: KeysRuntime, parts: { readonly bot: LiveBotControl; readonly liveBot: LiveBot }): Pick<CommandHandlers, PracticeCommand> {
  const { practice, live, log } = keys;
  const status = (): PracticeStatusView => {
    const running = practice.running();
    const summarySite = running === undefined ? undefined : running.record;
    return {
      on: running !== undefined,
      keyId: running?.keyId ?? null,
      exchange: summarySite?.exchange ?? null,
      host: summarySite?.host ?? null,
      startedAtMs: running?.startedAtMs ?? null,
      withdrawRecord: running === undefined ? null : { ...running.record },
      bot: parts.liveBot.view(),
    };
  };
  const refuseUnusable = (summary: KeySummary): void => {
    const storage = keys.ciphers.storageOf(summary);
    if (storage === 'locked') throw new ContractError('REFUSED', LOCKED);
    if (storage === 'backend-changed') throw new ContractError('REFUSED', BACKEND_CHANGED);
  };
  return {
    async getPracticeGate({ keyId }) {
      const summary = await keys.summaryOf(keyId);
      refuseUnusable(summary);
      return gateView(keyId, await evaluate(keys, summary));
    },

    async startPractice({ keyId, shareQuote }) {
      // Checked before and after every await, as for live: Stop, Kill or live mode in between wins.
      const generation = practice.generation();
      const liveGeneration = live.generation();
      const refuseIfOvertaken = (): void => {
        if (live.mode() === 'live') throw new ContractError('NOT_ALLOWED_NOW', 'Live trading is on. Stop it first; practice and live trading do not run together.');
        if (practice.isOn()) throw new ContractError('NOT_ALLOWED_NOW', 'Practice is already running. Stop it first to switch keys.');
        if (keys.tradingState.snapshot().state === 'KILLED') throw new ContractError('NOT_ALLOWED_NOW', 'The bot is stopped by Kill. Re-arm it first, then start practice.');
        if (practice.generation() !== generation || live.generation() !== liveGeneration) {
          throw new ContractError('NOT_ALLOWED_NOW', 'Something was stopped or started while Ballast was asking the practice site, so practice did not start. Start it again when you are ready.');
        }
      };
      refuseIfOvertaken();
      const summary = await keys.summaryOf(keyId);
      refuseIfOvertaken();
      refuseUnusable(summary);
      const evaluated = await evaluate(keys, summary);
      refuseIfOvertaken();
      const gate = gateView(keyId, evaluated);
      const record = evaluated.result.withdrawRecord;
      log.info({ keyId, allowed: evaluated.result.allowed, host: evaluated.host, failing: evaluated.result.items.filter((entry) => entry.status !== 'pass' && entry.status !== 'not_applicable').map((entry) => entry.id) }, 'practice gate evaluated');
      if (!evaluated.result.allowed || record === undefined) return { started: false, gate, practice: status() };
      practice.start(keyId, record, keys.nowMs());
      const started = practice.generation();
      try {
        await parts.bot.start(keyId, shareQuote, () => practice.generation() === started && practice.isOn() && live.mode() !== 'live');
      } catch (error) {
        if (practice.generation() === started) practice.stop();
        throw error;
      }
      log.info({ keyId, host: record.host, withdraw: record.verdict }, 'practice started');
      return { started: true, gate, practice: status() };
    },

    async stopPractice() {
      practice.stop();
      await parts.bot.stop();
      return status();
    },

    getPracticeStatus: () => status(),
  };
}
