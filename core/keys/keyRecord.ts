import { z } from 'zod';
import { exchangeIdSchema, keyEnvironmentSchema } from './exchangeId.ts';
import { permissionReportSchema } from './permissions/permissionReport.ts';

/**
 * Whether the key is restricted to IP addresses. What the exchange reports wins over what the
 * person answered; the person's answer is kept only where the exchange does not say
 * (`source: 'person'`, also for records written before the source was kept).
 */
export const ipAllowlistDecisionSchema = z.object({
  choice: z.enum(['allowlist-set', 'declined']),
  decidedAtMs: z.number(),
  source: z.enum(['exchange', 'person']).optional(),
});
export type IpAllowlistDecision = z.infer<typeof ipAllowlistDecisionSchema>;

/**
 * One saved key as it sits in the record store (electron-store in the app). The credentials are
 * only ever present as ciphertext, together with the cipher backend that produced it.
 */
export const storedKeyRecordSchema = z.object({
  formatVersion: z.literal(1),
  id: z.string().min(1),
  exchange: exchangeIdSchema,
  environment: keyEnvironmentSchema,
  label: z.string().min(1),
  maskedKeyId: z.string(),
  cipherBackend: z.string().min(1),
  ciphertextBase64: z.string(),
  savedAtMs: z.number(),
  /** When a permission check last confirmed withdrawals off. */
  verifiedAtMs: z.number().optional(),
  lastPermissionReport: permissionReportSchema.optional(),
  ipAllowlistDecision: ipAllowlistDecisionSchema.optional(),
});
export type StoredKeyRecord = z.infer<typeof storedKeyRecordSchema>;

/**
 * Small key-value port for saved key records. The Electron side backs it with electron-store;
 * core has an in-memory and a JSON-file implementation. Values come back `unknown` because
 * whatever is on disk is parsed again before use.
 */
export interface KeyRecordStore {
  get(id: string): Promise<unknown>;
  put(id: string, record: StoredKeyRecord): Promise<void>;
  delete(id: string): Promise<void>;
  entries(): Promise<ReadonlyArray<readonly [string, unknown]>>;
}
