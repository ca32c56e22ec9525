import { z } from 'zod';
import { command, NoInput } from '../command.ts';
import {
  IpAllowlistChoice, KeyCheckView, KeyEncryptionView, KeyEnvironment, KeyExchange, KeyList, KeyView, LiveGateView,
  LiveStatusView, OldKeyCheckView, PendingKeyView, StartLiveResult,
} from '../keys.ts';

const KeyId = z.string().min(1).max(100);
const VerificationId = z.string().min(1).max(100);
const Label = z.string().trim().min(1).max(64);
const Confirmation = z.string().max(200);

/**
 * Key material crosses from the page to main exactly once, in `verifyNewKey`. The handler wraps
 * each field in a `Secret` before doing anything else. These schemas never echo a value in
 * their error messages (zod reports types and lengths only; a test checks it).
 */
const ApiKeyText = z.string().trim().min(1).max(512);
const ApiSecretText = z.string().trim().min(1).max(4096);
const ExchangePassphraseText = z.string().min(1).max(256);

/** The Keys & Exchanges screen: the key wizard, saved keys, key encryption and the live gate. */
export const keysCommands = {
  getKeyEncryption: command({
    summary: 'How saved keys are protected on this computer, and whether live keys may be kept.',
    input: NoInput,
    output: KeyEncryptionView,
  }),
  setKeyPassphrase: command({
    summary: 'Set (or, after a restart, enter) the passphrase that protects keys where the computer offers no real encryption.',
    input: z.strictObject({ passphrase: z.string().max(1024) }),
    output: KeyEncryptionView,
  }),
  listKeys: command({
    summary: 'Saved keys: exchange, label, masked key id, permissions, age, last check. Never key material.',
    input: NoInput,
    output: KeyList,
  }),
  verifyNewKey: command({
    summary: 'Ask the exchange what a pasted key may do. The key is held in main, unsaved, under a short-lived id.',
    input: z.strictObject({
      exchange: KeyExchange,
      environment: KeyEnvironment,
      label: Label,
      apiKey: ApiKeyText,
      secret: ApiSecretText,
      passphrase: ExchangePassphraseText.optional(),
      /** Rotation: the saved key this one replaces (same exchange and environment). */
      replacesKeyId: KeyId.optional(),
    }),
    output: PendingKeyView,
  }),
  recheckNewKey: command({
    summary: 'Ask the exchange again about a key checked a moment ago, without pasting it again.',
    input: z.strictObject({ verificationId: VerificationId }),
    output: PendingKeyView,
  }),
  saveVerifiedKey: command({
    summary: 'Save a checked key, only if the exchange confirmed it cannot withdraw; records the IP allowlist decision.',
    input: z.strictObject({ verificationId: VerificationId, ipAllowlistChoice: IpAllowlistChoice }),
    output: KeyView,
  }),
  discardNewKey: command({
    summary: 'Forget a checked but unsaved key now.',
    input: z.strictObject({ verificationId: VerificationId }),
    output: z.strictObject({ discarded: z.boolean() }),
  }),
  reverifyKey: command({
    summary: 'Read a saved key’s permissions from the exchange again and record the answer.',
    input: z.strictObject({ keyId: KeyId }),
    output: z.strictObject({ key: KeyView, check: KeyCheckView }),
  }),
  setIpAllowlistDecision: command({
    summary: 'Record whether the person restricted a saved key to their IP address.',
    input: z.strictObject({ keyId: KeyId, choice: IpAllowlistChoice }),
    output: KeyView,
  }),
  deleteKey: command({
    summary: 'Delete a saved key; its ciphertext is wiped. Not while live trading uses it.',
    input: z.strictObject({ keyId: KeyId, confirmed: z.literal(true) }),
    output: z.strictObject({ deletedKeyId: z.string() }),
  }),
  checkOldKeyStopped: command({
    summary: 'Rotation, last step: ask the exchange whether the old key still works; once the exchange refuses it, Ballast deletes its copy.',
    input: z.strictObject({ keyId: KeyId }),
    output: OldKeyCheckView,
  }),
  getLiveGate: command({
    summary: 'The live-trading checklist for a key, with permissions re-read from the exchange now.',
    input: z.strictObject({ keyId: KeyId, typedConfirmation: Confirmation, spotOnlyConfirmed: z.boolean().optional(), watchedStopsAccepted: z.boolean().optional() }),
    output: LiveGateView,
  }),
  startLive: command({
    summary: 'Start live trading if every checklist item holds; otherwise say which do not.',
    input: z.strictObject({
      keyId: KeyId, typedConfirmation: Confirmation, spotOnlyConfirmed: z.boolean().optional(),
      /** The person accepts that on this exchange positions are protected only while Ballast runs (it holds no stop orders). */
      watchedStopsAccepted: z.boolean().optional(),
      /** The most Ballast may use of the account; default the smaller of 100 and 10 % of the quote balance. */
      shareQuote: z.number().positive().max(10_000_000).optional(),
    }),
    output: StartLiveResult,
  }),
  stopLive: command({
    summary: 'Leave live trading and go back to paper mode.',
    input: NoInput,
    output: LiveStatusView,
  }),
  getLiveStatus: command({
    summary: 'Paper or live, with which key, and the last permission re-check.',
    input: NoInput,
    output: LiveStatusView,
  }),
};
