import { z } from 'zod';
import { exchangeIdSchema } from '../exchangeId.ts';
import { triStateSchema } from '../permissions/permissionReport.ts';
import { KEY_CHECK_TOPICS } from './keyCheckFindings.ts';
import { reasonSchema, serviceVerdictSchema } from './serviceVerdict.ts';

export const keyFindingSchema = reasonSchema.extend({ topic: z.enum(KEY_CHECK_TOPICS) });

/**
 * The result of checking a key someone is about to hand to a bot service. It holds what the
 * exchange said about the key and nothing of the key itself: no key, secret or passphrase, and no
 * fragment of one (see checkServiceKey's final guard).
 */
export const serviceKeyCheckSchema = z.object({
  /** null when the exchange named is not one Ballast can ask. */
  exchange: exchangeIdSchema.nullable(),
  checkedAtMs: z.number(),
  verdict: serviceVerdictSchema,
  findings: z.array(keyFindingSchema),
  /** The exchange's own answer; absent when the key was not sent or the exchange did not answer. */
  permissions: z
    .object({
      canWithdraw: triStateSchema,
      canTrade: triStateSchema,
      futuresEnabled: triStateSchema,
      marginEnabled: triStateSchema,
      ipRestricted: triStateSchema,
      ipAllowlist: z.array(z.string()).optional(),
      keyCreatedAtMs: z.number().optional(),
      keyExpiresAtMs: z.number().optional(),
    })
    .optional(),
  /** Where the answer came from, for the "technical detail" fold of the screen. */
  source: z
    .object({
      endpoint: z.string(),
      fieldsConsulted: z.array(z.string()),
      /** The permission reader's own notes (English, already scrubbed of credentials). */
      readerNotes: z.array(z.string()),
    })
    .optional(),
  /** Why the exchange could not be asked, technical and scrubbed; absent when it answered. */
  technicalDetail: z.string().optional(),
});
export type ServiceKeyCheck = z.infer<typeof serviceKeyCheckSchema>;
