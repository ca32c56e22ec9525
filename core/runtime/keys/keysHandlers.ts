import { ContractError, type CommandHandlers, type PendingKeyView } from '../../contract/index.ts';
import { EXCHANGE_NAMES, KeysError, makeSecret, maskedKeyId, oldKeyFinding, withdrawVerdict } from '../../keys/index.ts';
import { credentialsFromPaste, refuseCredentialAsLabel } from './keysCredentialInput.ts';
import { withKeysRefusals } from './keysRefusals.ts';
import type { KeysRuntime } from './keysRuntime.ts';
import { keyCheckView } from './keysViews.ts';
import { liveHandlers, type LiveBotControl } from '../live/liveHandlers.ts';
import type { PendingKeyCheck } from './pendingKeyChecks.ts';

type KeysCommand =
  | 'getKeyEncryption' | 'setKeyPassphrase' | 'listKeys' | 'verifyNewKey' | 'recheckNewKey' | 'saveVerifiedKey'
  | 'discardNewKey' | 'reverifyKey' | 'setIpAllowlistDecision' | 'deleteKey' | 'checkOldKeyStopped'
  | 'getLiveGate' | 'startLive' | 'stopLive' | 'getLiveStatus';

function pendingView(held: PendingKeyCheck): PendingKeyView {
  const check = keyCheckView(held.report);
  return {
    verificationId: held.verificationId,
    expiresAtMs: held.expiresAtMs,
    exchange: held.exchange,
    environment: held.environment,
    label: held.label,
    maskedKeyId: held.maskedKeyId,
    ...(held.replacesKeyId === undefined ? {} : { replacesKeyId: held.replacesKeyId }),
    check,
    // Pretend money: a test-network key is kept when its practice site accepts it (withdrawals are not applicable there).
    canSave: held.environment === 'testnet' ? held.practice?.answer.kind === 'accepted' : check.verdict === 'safe',
    ...(held.practice === undefined ? {} : { practiceSite: { host: held.practice.host, answer: held.practice.answer.kind } }),
  };
}

/**
 * The key live mode trades with is never replaced under it: the new credentials would skip the
 * live gate. The person stops live trading, rotates the key, and passes the gate again.
 */
function refuseReplacingLiveKey(liveKeyId: string | undefined, replacesKeyId: string): void {
  if (liveKeyId === replacesKeyId) {
    throw new ContractError('NOT_ALLOWED_NOW', 'Live trading is using this key. Stop live trading first, replace the key, then start live trading again: the new key goes through every live check.');
  }
}

/**
 * Handlers of the Keys & Exchanges screen. Key material arrives only in `verifyNewKey`, becomes
 * `Secret`s on the first line, and from then on lives in main: held for a short while for
 * "Save", then encrypted in the keystore. No handler returns or logs it.
 */
export function keysHandlers(keys: KeysRuntime, liveBot?: LiveBotControl): Pick<CommandHandlers, KeysCommand> {
  const { ciphers, pending, live, log } = keys;
  return {
    getKeyEncryption: () => ciphers.encryptionView(),

    async setKeyPassphrase({ passphrase }) {
      await ciphers.setPassphrase(makeSecret(passphrase));
      return ciphers.encryptionView();
    },

    async listKeys() {
      const listing = await withKeysRefusals(() => ciphers.records.list());
      return { keys: listing.keys.map((summary) => keys.view(summary)), damaged: listing.damaged.map(({ id, reason }) => ({ id, reason })) };
    },

    async verifyNewKey(input) {
      const credentials = credentialsFromPaste(input);
      refuseCredentialAsLabel(input.label, input);
      let label = input.label;
      if (input.replacesKeyId !== undefined) {
        refuseReplacingLiveKey(live.liveKeyId(), input.replacesKeyId);
        const old = await keys.summaryOf(input.replacesKeyId);
        if (old.exchange !== input.exchange || old.environment !== input.environment) {
          throw new ContractError('REFUSED', `The new key must be a ${EXCHANGE_NAMES[old.exchange]} ${old.environment} key, like the one it replaces.`);
        }
        label = old.label;
      } else {
        const { keys: saved } = await withKeysRefusals(() => ciphers.records.list());
        if (saved.some((key) => key.exchange === input.exchange && key.environment === input.environment && key.label === label)) {
          throw new ContractError('REFUSED', `You already have a ${EXCHANGE_NAMES[input.exchange]} ${input.environment} key called "${label}". Choose another name.`);
        }
      }
      const report = await keys.checkNewCredentials(input.exchange, input.environment, credentials);
      const practice = input.environment === 'testnet' ? await keys.checkNewPracticeKey(input.exchange, credentials) : undefined;
      const held = pending.hold({
        exchange: input.exchange,
        environment: input.environment,
        label,
        maskedKeyId: maskedKeyId(credentials.apiKey),
        credentials,
        report,
        ...(practice === undefined ? {} : { practice }),
        ...(input.replacesKeyId === undefined ? {} : { replacesKeyId: input.replacesKeyId }),
      });
      log.info({ exchange: held.exchange, environment: held.environment, maskedKeyId: held.maskedKeyId, canWithdraw: report.canWithdraw }, 'new key checked');
      return pendingView(held);
    },

    async recheckNewKey({ verificationId }) {
      const held = pending.get(verificationId);
      held.report = await keys.checkNewCredentials(held.exchange, held.environment, held.credentials);
      if (held.environment === 'testnet') held.practice = await keys.checkNewPracticeKey(held.exchange, held.credentials);
      log.info({ exchange: held.exchange, maskedKeyId: held.maskedKeyId, canWithdraw: held.report.canWithdraw }, 'new key checked again');
      return pendingView(held);
    },

    async saveVerifiedKey({ verificationId, ipAllowlistChoice }) {
      const held = pending.get(verificationId);
      if (held.environment === 'testnet') {
        // The stored permission report stays as the exchange gave it (withdraw unknown): it can never pass the live gate.
        if (held.practice?.answer.kind !== 'accepted') {
          throw new ContractError('REFUSED', 'The exchange’s practice site did not accept this key, so Ballast does not keep it. Keys for the practice site are made on the practice site itself.');
        }
      } else {
        const verdict = withdrawVerdict(held.report);
        if (!verdict.accepted) throw new ContractError('REFUSED', `${verdict.reason} ${verdict.fix}`);
      }
      // Live mode may have started since the check: the key it trades with is never swapped under it.
      if (held.replacesKeyId !== undefined) refuseReplacingLiveKey(live.liveKeyId(), held.replacesKeyId);
      // A refusal here (e.g. no real encryption for a live key) keeps the check open, so the
      // person can set a passphrase and press Save again without pasting the key again.
      const saved = await withKeysRefusals(() =>
        held.replacesKeyId === undefined
          ? ciphers.writer.save({ exchange: held.exchange, environment: held.environment, label: held.label, credentials: held.credentials })
          : ciphers.writer.replaceCredentials(held.replacesKeyId, held.credentials),
      );
      pending.forget(verificationId);
      await ciphers.records.recordPermissionReport(saved.id, held.report);
      const summary = await ciphers.records.recordIpAllowlistDecision(saved.id, ipAllowlistChoice);
      log.info({ keyId: summary.id, exchange: summary.exchange, environment: summary.environment, rotated: held.replacesKeyId !== undefined, ipAllowlist: summary.ipAllowlistDecision }, 'checked key saved');
      if (live.liveKeyId() === summary.id) live.observe(summary.id, held.report);
      return keys.view(summary);
    },

    discardNewKey: ({ verificationId }) => ({ discarded: pending.forget(verificationId) }),

    async reverifyKey({ keyId }) {
      const report = await withKeysRefusals(() => keys.permissionReaderFor(keyId)());
      const summary = await ciphers.records.recordPermissionReport(keyId, report);
      live.observe(keyId, report);
      log.info({ keyId, exchange: summary.exchange, canWithdraw: report.canWithdraw }, 'saved key checked again');
      return { key: keys.view(summary), check: keyCheckView(report) };
    },

    async setIpAllowlistDecision({ keyId, choice }) {
      const summary = await withKeysRefusals(() => ciphers.records.recordIpAllowlistDecision(keyId, choice));
      return keys.view(summary);
    },

    async deleteKey({ keyId }) {
      if (live.liveKeyId() === keyId) {
        throw new ContractError('NOT_ALLOWED_NOW', 'Live trading is using this key. Stop live trading first, then delete the key.');
      }
      if (keys.practice.keyId() === keyId) {
        throw new ContractError('NOT_ALLOWED_NOW', 'Practice is using this key. Stop practice first, then delete the key.');
      }
      await withKeysRefusals(async () => {
        try {
          await ciphers.records.delete(keyId);
        } catch (error) {
          // A damaged record cannot be parsed, so the keystore cannot wipe it field by field; the store drops it whole.
          if (!(error instanceof KeysError && error.code === 'STORE_DAMAGED')) throw error;
          await keys.store.delete(keyId);
        }
      });
      log.info({ keyId }, 'key deleted');
      return { deletedKeyId: keyId };
    },

    /**
     * Rotation, last step. The old key is asked once more, not for its permissions but for whether
     * the exchange still answers it. Only the exchange's refusal of the key counts as "no longer
     * works"; then Ballast's copy is wiped too. The key live trading uses is never asked to die.
     */
    async checkOldKeyStopped({ keyId }) {
      if (live.liveKeyId() === keyId) {
        throw new ContractError('NOT_ALLOWED_NOW', 'Live trading is using this key. Start live trading on the new key first, then delete this one on the exchange.');
      }
      const summary = await keys.summaryOf(keyId);
      const report = await withKeysRefusals(() => keys.permissionReaderFor(keyId)());
      const finding = oldKeyFinding(summary.exchange, report);
      let deleted = false;
      if (finding.outcome === 'refused') {
        await withKeysRefusals(() => ciphers.records.delete(keyId));
        deleted = true;
      } else if (finding.outcome === 'still-works') {
        // The exchange answered: what it said about the key is as good as a re-check.
        await ciphers.records.recordPermissionReport(keyId, report);
      }
      log.info({ keyId, exchange: summary.exchange, outcome: finding.outcome, deleted }, 'old key checked after rotation');
      return {
        keyId, label: summary.label, maskedKeyId: summary.maskedKeyId, outcome: finding.outcome,
        reason: deleted ? `${finding.reason} Ballast deleted its copy.` : finding.reason,
        deleted, checkedAtMs: report.checkedAtMs,
      };
    },

    ...liveHandlers(keys, liveBot),
  };
}
