import { ContractError, type CommandHandlers, type KeyStorageState } from '../../contract/index.ts';
import { exchangeHoldsSpotStops } from '../../execution/index.ts';
import { isStrategyId } from '../../model/index.ts';
import { createStrategy } from '../../signals/index.ts';
import { evaluateLiveGate, type KeySummary, type LiveGateResult } from '../../keys/index.ts';
import type { KeysRuntime } from '../keys/keysRuntime.ts';
import { liveGateView } from '../keys/keysViews.ts';
import { NO_STRATEGY_CHOSEN } from './liveReadiness.ts';
import { paperOnlyRefusal } from './paperOnlyStrategies.ts';

type LiveCommand = 'getLiveGate' | 'startLive' | 'stopLive' | 'getLiveStatus';

/** The bot on the real account, started and stopped with live mode. */
export interface LiveBotControl {
  /** Runs the start-up check and starts trading; throws a ContractError when it refuses. */
  start(keyId: string, shareQuote: number | undefined, stillWanted: () => boolean): Promise<void>;
  /** Stops it; protective stops stay on the exchange. */
  stop(): Promise<void>;
}

const UNUSABLE: Readonly<Record<Exclude<KeyStorageState, 'ready'>, string>> = {
  'locked': 'This key is protected by your passphrase. Enter your passphrase on the Keys & Exchanges screen first.',
  'backend-changed':
    'This key was saved with a different kind of encryption than this computer offers now, so Ballast will not read it. Delete it and add the key again.',
  'weak-for-live':
    'This live key is stored without real encryption on this computer, so Ballast will not use it. Set a passphrase, then add the key again.',
};

/** Refusals that come before the checklist: they are about which key was picked, not about the key's permissions. */
function refuseUnusable(keys: KeysRuntime, summary: KeySummary): void {
  if (summary.environment !== 'live') {
    throw new ContractError('REFUSED', 'This is a test-network key. Live trading needs a key for your real exchange account.');
  }
  const storage = keys.ciphers.storageOf(summary);
  if (storage !== 'ready') throw new ContractError('REFUSED', UNUSABLE[storage]);
}

const EXCHANGE_NAMES: Readonly<Record<string, string>> = { binance: 'Binance', kraken: 'Kraken', bybit: 'Bybit', coinbase: 'Coinbase', okx: 'OKX' };

async function evaluate(keys: KeysRuntime, summary: KeySummary, typedConfirmation: string, spotOnlyConfirmed: boolean, watchedStopsAccepted = false): Promise<LiveGateResult> {
  const strategyId = (await keys.readiness.liveStrategyId()) ?? NO_STRATEGY_CHOSEN;
  const paperRecord = strategyId === NO_STRATEGY_CHOSEN ? undefined : await keys.readiness.paperRecordFor(strategyId);
  const riskLimits = await keys.readiness.riskLimitsConfigured();
  const aiModel = await keys.readiness.aiModelInUse?.();
  const paperOnly = paperOnlyRefusal(strategyId);
  const result = await evaluateLiveGate({
    strategyId,
    ...(isStrategyId(strategyId) ? { strategyName: createStrategy(strategyId).description.name } : {}),
    ...(paperOnly === null ? {} : { strategyName: paperOnly.name, paperOnly }),
    readPermissions: keys.permissionReaderFor(summary.id),
    nowMs: keys.nowMs(),
    keyCreatedAtMs: summary.keyCreatedAtMs ?? summary.savedAtMs,
    riskLimits,
    typedConfirmation,
    spotOnlyConfirmed,
    paperRecord,
    ...(aiModel === undefined ? {} : { aiModel }),
    exchangeStops: { exchangeName: EXCHANGE_NAMES[summary.exchange] ?? summary.exchange, heldByExchange: exchangeHoldsSpotStops(summary.exchange), watchedStopsAccepted },
  });
  // The fresh read also updates what the key list shows.
  if (result.permissionReport !== undefined) await keys.ciphers.records.recordPermissionReport(summary.id, result.permissionReport);
  return result;
}

/**
 * The "Start live trading" checklist and live mode. Every evaluation re-reads the key's
 * permissions from the exchange; live mode starts only when every item passes.
 */
export function liveHandlers(keys: KeysRuntime, bot?: LiveBotControl): Pick<CommandHandlers, LiveCommand> {
  const { live, log } = keys;
  return {
    async getLiveGate({ keyId, typedConfirmation, spotOnlyConfirmed, watchedStopsAccepted }) {
      const summary = await keys.summaryOf(keyId);
      refuseUnusable(keys, summary);
      return liveGateView(keyId, await evaluate(keys, summary, typedConfirmation, spotOnlyConfirmed === true, watchedStopsAccepted === true), !exchangeHoldsSpotStops(summary.exchange));
    },

    async startLive({ keyId, typedConfirmation, spotOnlyConfirmed, watchedStopsAccepted, shareQuote }) {
      // Checked before and again after every await: Stop or Kill pressed while the exchange is
      // being read (up to its timeout) must win over a start that was decided before it.
      const generation = live.generation();
      const refuseIfOvertaken = (): void => {
        if (live.mode() === 'live') {
          throw new ContractError('NOT_ALLOWED_NOW', 'Live trading is already on. Stop it first to switch keys.');
        }
        if (keys.practice.isOn()) {
          throw new ContractError('NOT_ALLOWED_NOW', 'Practice on the exchange’s practice site is running. Stop practice first, then start live trading.');
        }
        if (keys.tradingState.snapshot().state === 'KILLED') {
          throw new ContractError('NOT_ALLOWED_NOW', 'The bot is stopped by Kill. Re-arm it first, then start live trading.');
        }
        if (live.generation() !== generation) {
          throw new ContractError('NOT_ALLOWED_NOW', 'Live trading was stopped while Ballast was checking the key, so it did not start. Start it again when you are ready.');
        }
      };
      refuseIfOvertaken();
      const summary = await keys.summaryOf(keyId);
      refuseIfOvertaken();
      refuseUnusable(keys, summary);
      const result = await evaluate(keys, summary, typedConfirmation, spotOnlyConfirmed === true, watchedStopsAccepted === true);
      refuseIfOvertaken();
      const gate = liveGateView(keyId, result, !exchangeHoldsSpotStops(summary.exchange));
      log.info({ keyId, allowed: result.allowed, spotOnlyConfirmed: spotOnlyConfirmed === true, failing: result.items.filter((item) => item.status !== 'pass').map((item) => item.id) }, 'live gate evaluated');
      if (!result.allowed) return { started: false, gate, live: live.status() };
      const status = live.start(keyId, keys.permissionReaderFor(keyId), result.permissionReport);
      if (bot === undefined) return { started: true, gate, live: status };
      const started = live.generation();
      try {
        await bot.start(keyId, shareQuote, () => live.generation() === started && live.mode() === 'live');
      } catch (error) {
        // The bot refused (its check, the share, the market): live mode does not stay on without it.
        if (live.generation() === started) live.stop();
        throw error;
      }
      return { started: true, gate, live: live.status() };
    },

    async stopLive() {
      const status = live.stop();
      await bot?.stop();
      return status;
    },
    getLiveStatus: () => live.status(),
  };
}
