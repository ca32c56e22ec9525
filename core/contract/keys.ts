import { z } from 'zod';
import { EXCHANGE_IDS } from '../model/index.ts';
import { TradingMode } from './tradingState.ts';

/**
 * What the Keys & Exchanges screen may know about keys: exchange, label, masked key id,
 * permissions, dates, ages, decisions. No schema here has a field for key material, and every
 * object is strict, so an output carrying anything more fails the dispatcher's output check
 * instead of reaching the page.
 */

/** The exchanges whose key permissions Ballast can read. */
export const KeyExchange = z.enum(EXCHANGE_IDS);
export type KeyExchange = z.infer<typeof KeyExchange>;

export const KeyEnvironment = z.enum(['testnet', 'live']);
export type KeyEnvironment = z.infer<typeof KeyEnvironment>;

/** `false` only when the exchange said so explicitly. */
export const TriState = z.union([z.boolean(), z.literal('unknown')]);
export type TriState = z.infer<typeof TriState>;

export const IpAllowlistChoice = z.enum(['allowlist-set', 'declined']);
export type IpAllowlistChoice = z.infer<typeof IpAllowlistChoice>;

export const KeyPermissionsView = z.strictObject({
  checkedAtMs: z.number(),
  /** True only when the exchange reported withdrawals explicitly off. */
  withdrawOff: z.boolean(),
  canWithdraw: TriState,
  canTrade: TriState,
  marginEnabled: TriState,
  futuresEnabled: TriState,
  ipRestricted: TriState,
  ipAllowlist: z.array(z.string()).optional(),
  /** When the exchange says the key stops working (Binance: trading switched off), where it reports one. */
  keyExpiresAtMs: z.number().optional(),
  /** Plain-language findings from the exchange's answer. */
  problems: z.array(z.string()),
});
export type KeyPermissionsView = z.infer<typeof KeyPermissionsView>;

/**
 * Whether a saved key can be read with the encryption Ballast has now:
 * - ready: yes;
 * - backend-changed: it was encrypted by another backend than the computer offers now;
 * - locked: it is protected by the passphrase, which has not been entered since Ballast started;
 * - weak-for-live: a live key kept without real encryption; Ballast will not use it.
 */
export const KeyStorageState = z.enum(['ready', 'backend-changed', 'locked', 'weak-for-live']);
export type KeyStorageState = z.infer<typeof KeyStorageState>;

export const KeyView = z.strictObject({
  id: z.string(),
  exchange: KeyExchange,
  environment: KeyEnvironment,
  label: z.string(),
  maskedKeyId: z.string(),
  savedAtMs: z.number(),
  keyCreatedAtMs: z.number().optional(),
  verifiedAtMs: z.number().optional(),
  ageDays: z.number().int().nonnegative(),
  /** Whole days until the exchange's own end date for the key (negative once past), where it reports one. */
  expiresInDays: z.number().int().optional(),
  rotation: z.enum(['fresh', 'rotate-soon', 'rotate-now']),
  cipherBackend: z.string(),
  storage: KeyStorageState,
  permissions: KeyPermissionsView.optional(),
  /** `source`: the exchange reported it (wins), or the person answered where the exchange does not say. */
  ipAllowlistDecision: z.strictObject({ choice: IpAllowlistChoice, decidedAtMs: z.number(), source: z.enum(['exchange', 'person']) }).optional(),
  /** The key live trading runs with right now. */
  inLiveUse: z.boolean(),
});
export type KeyView = z.infer<typeof KeyView>;

export const KeyList = z.strictObject({
  keys: z.array(KeyView),
  /** Records that could not be read; listed so the person can delete them. */
  damaged: z.array(z.strictObject({ id: z.string(), reason: z.string() })),
});
export type KeyList = z.infer<typeof KeyList>;

/** safe: the exchange confirms no withdrawals; can-withdraw: it says withdrawals are on; unknown: not confirmed. */
export const KeyVerdict = z.enum(['safe', 'can-withdraw', 'unknown']);
export type KeyVerdict = z.infer<typeof KeyVerdict>;

/** One permission check of a key, as the result card shows it. */
export const KeyCheckView = z.strictObject({
  verdict: KeyVerdict,
  reason: z.string(),
  fix: z.string(),
  permissions: KeyPermissionsView,
  /** What was asked of the exchange, e.g. 'GET /sapi/v1/account/apiRestrictions'. */
  endpoint: z.string(),
  /** Redacted technical detail when the exchange could not be asked; shown one click away. */
  technicalDetail: z.string().optional(),
});
export type KeyCheckView = z.infer<typeof KeyCheckView>;

/**
 * A key that was checked but not saved yet. Its credentials stay in the main process under
 * `verificationId` until they are saved, discarded or expire; the page never gets them back.
 */
export const PendingKeyView = z.strictObject({
  verificationId: z.string(),
  expiresAtMs: z.number(),
  exchange: KeyExchange,
  environment: KeyEnvironment,
  label: z.string(),
  maskedKeyId: z.string(),
  /** Set when this key replaces (rotates) a saved one. */
  replacesKeyId: z.string().optional(),
  check: KeyCheckView,
  /** Saving is possible only when the verdict is safe (test-network keys: when the practice site accepts the key). */
  canSave: z.boolean(),
  /**
   * Test-network keys: the practice site asked with a signed balance read. Withdrawals there are
   * not applicable (pretend money), so this, not the withdraw verdict, decides whether it is kept.
   */
  practiceSite: z.strictObject({ host: z.string(), answer: z.enum(['accepted', 'refused', 'unknown']) }).optional(),
});
export type PendingKeyView = z.infer<typeof PendingKeyView>;

/**
 * How saved keys are protected on this computer:
 * - os-strong: the operating system's keychain/keyring encrypts them;
 * - os-weak: the computer offers no real encryption (Linux 'basic_text'); live keys need a passphrase;
 * - passphrase-active: the person's passphrase protects new keys;
 * - passphrase-locked: keys are protected by a passphrase that must be entered after each start.
 */
export const KeyEncryptionState = z.enum(['os-strong', 'os-weak', 'passphrase-active', 'passphrase-locked']);
export type KeyEncryptionState = z.infer<typeof KeyEncryptionState>;

export const KeyEncryptionView = z.strictObject({
  state: KeyEncryptionState,
  /** What the operating system reports, e.g. 'keychain', 'gnome_libsecret', 'basic_text'. */
  osBackend: z.string(),
  osStrong: z.boolean(),
  /** The backend new keys are encrypted with. */
  activeBackend: z.string(),
  liveKeysAllowed: z.boolean(),
  /** Saved keys that need the passphrase before they can be used. */
  lockedKeyCount: z.number().int().nonnegative(),
  /** Saved keys encrypted by another backend than the one this computer offers now. */
  backendChangedKeyCount: z.number().int().nonnegative(),
  passphraseMinLength: z.number().int().positive(),
});
export type KeyEncryptionView = z.infer<typeof KeyEncryptionView>;

export const GateItemView = z.strictObject({
  id: z.enum(['withdraw-off', 'trade-permission', 'no-futures-or-margin', 'risk-limits', 'key-age', 'confirmation', 'paper-record', 'ai-model', 'exchange-stops']),
  status: z.enum(['pass', 'fail', 'unknown']),
  reason: z.string(),
  fix: z.string(),
});
export type GateItemView = z.infer<typeof GateItemView>;

export const LiveGateView = z.strictObject({
  keyId: z.string(),
  allowed: z.boolean(),
  items: z.array(GateItemView),
  evaluatedAtMs: z.number(),
  /** The words to type, shown next to the input. */
  confirmationPhrase: z.string(),
  /** The exchange cannot tell futures or margin for this key: the person may confirm a spot-only key. */
  canConfirmSpotOnly: z.boolean(),
  /** The exchange does not hold stop orders for Ballast: the person must accept that positions are protected only while Ballast runs. */
  mustAcceptWatchedStops: z.boolean().optional(),
});
export type LiveGateView = z.infer<typeof LiveGateView>;

export const LiveStatusView = z.strictObject({
  mode: TradingMode,
  keyId: z.string().optional(),
  startedAtMs: z.number().optional(),
  lastCheckAtMs: z.number().optional(),
  lastCheck: z.enum(['withdraw-off', 'withdraw-enabled', 'unknown']).optional(),
  /** How often the live key's permissions are re-read. */
  watchIntervalMs: z.number().int().positive(),
});
export type LiveStatusView = z.infer<typeof LiveStatusView>;

export const StartLiveResult = z.strictObject({
  started: z.boolean(),
  gate: LiveGateView,
  live: LiveStatusView,
});
export type StartLiveResult = z.infer<typeof StartLiveResult>;

/**
 * The last step of a rotation: the old key asked once more. `refused` only on the exchange's own
 * refusal of the key; then Ballast has deleted its copy (`deleted`). No answer is `unknown`.
 */
export const OldKeyCheckView = z.strictObject({
  keyId: z.string(),
  label: z.string(),
  maskedKeyId: z.string(),
  outcome: z.enum(['refused', 'still-works', 'unknown']),
  reason: z.string(),
  deleted: z.boolean(),
  checkedAtMs: z.number(),
});
export type OldKeyCheckView = z.infer<typeof OldKeyCheckView>;
