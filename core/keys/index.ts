export { Secret, makeSecret, watchNewSecrets, revealSecret, isSecret } from './secret.ts';
export {
  CipherError, WEAK_CIPHER_BACKENDS, isCipherStrong,
  type CipherBackend, type CipherErrorCode, type SecretCipher,
} from './secretCipher.ts';
export { PassphraseCipher, DEFAULT_SCRYPT_COST, MIN_PASSPHRASE_LENGTH, type PassphraseCipherOptions } from './passphraseCipher.ts';
export type { ScryptCost } from './passphraseEnvelope.ts';
export { judgeNewPassphrase, MIN_DIFFERENT_CHARACTERS, type PassphraseRefusal } from './passphraseStrength.ts';
export { PASSPHRASE_MESSAGES, passphraseRefusalWords } from './passphraseMessages.ts';
export {
  EXCHANGE_IDS, EXCHANGE_NAMES, KEY_ENVIRONMENTS, exchangeIdSchema, keyEnvironmentSchema,
  type ExchangeId, type KeyEnvironment,
} from './exchangeId.ts';
export { KeysError, type KeysErrorCode } from './keysError.ts';
export {
  permissionReportSchema, triStateSchema, withdrawVerdict, unreadableReport,
  type PermissionReport, type PermissionReadFailureCode, type TriState, type WithdrawVerdict,
} from './permissions/permissionReport.ts';
export {
  verifyKeyPermissions, PERMISSION_VERIFIERS, DEFAULT_VERIFY_TIMEOUT_MS,
  type ExchangeApiClient, type VerifyOptions,
} from './permissions/verifyKeyPermissions.ts';
export type { PermissionVerifier } from './permissions/permissionVerifier.ts';
export {
  createExchangeClient, type ExchangeClientOptions, type ExchangeCredentials,
} from './permissions/exchangeClient.ts';
export { Keystore, type KeystoreOptions, type SaveKeyInput, type KeyListing } from './keystore.ts';
export type { KeySummary, PermissionsSummary } from './keySummary.ts';
export {
  storedKeyRecordSchema, ipAllowlistDecisionSchema,
  type KeyRecordStore, type StoredKeyRecord, type IpAllowlistDecision,
} from './keyRecord.ts';
export { InMemoryKeyRecordStore, JsonFileKeyRecordStore } from './keyRecordStores.ts';
export { maskedKeyId } from './maskedKeyId.ts';
export {
  DEFAULT_ROTATION_POLICY, keyAgeDays, rotationStatus, type RotationPolicy, type RotationStatus,
} from './keyAge.ts';
export {
  evaluateLiveGate, LIVE_CONFIRMATION_PHRASE, DEFAULT_LIVE_GATE_POLICY,
  type LiveGateInputs, type LiveGatePolicy, type LiveGateResult, type PermissionReader,
} from './liveGate.ts';
export type { AiModelGateInput, GateItem, GateItemId, GateItemStatus, PaperRecordSummary } from './liveGateItems.ts';
export {
  PermissionWatch, realWatchScheduler,
  type PermissionWatchOptions, type WatchScheduler, type WatchOutcome,
} from './permissionWatch.ts';
export { keyPermissionReader, type KeyPermissionReaderOptions } from './keyPermissionReader.ts';
export { PRACTICE_EXCHANGES, practiceSiteOf, isOnPracticeSite, type PracticeExchangeId, type PracticeSite } from './practice/practiceSite.ts';
export { checkPracticeKey, type PracticeKeyAnswer } from './practice/practiceKeyCheck.ts';
export {
  evaluatePracticeGate,
  type PracticeGateInputs, type PracticeGateItem, type PracticeGateItemId, type PracticeGateItemStatus, type PracticeGateResult, type VirtualFundsRecord,
} from './practice/practiceGate.ts';
export { oldKeyFinding, type OldKeyFinding, type OldKeyOutcome } from './oldKeyCheck.ts';
