import { z } from 'zod';
import { alertCodeSchema, alertParamsSchema, alertSeveritySchema, type AlertSeverity, type RecordedAlert } from '../alert.ts';
import { CHANNEL_IDS, type ChannelId } from '../channels/channelStatus.ts';

/**
 * A delivery's states:
 * queued → sending → sent; sending → queued again on a failure (with back-off), or after a crash
 * mid-send with `maybe_delivered` set; queued → folded (grouped or quiet hours) → digested (part of
 * a digest delivery) → sent with that digest; anything waiting → dropped when its channel is removed.
 */
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'folded', 'digested', 'dropped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryRow {
  readonly id: number;
  readonly channel: ChannelId;
  readonly kind: 'alert' | 'digest';
  readonly alertId: string | null;
  readonly severity: AlertSeverity;
  readonly groupKey: string;
  readonly status: DeliveryStatus;
  readonly route: 'individual' | 'digest' | null;
  readonly routedAtMs: number | null;
  readonly digestId: number | null;
  readonly attempts: number;
  readonly maybeDelivered: boolean;
  readonly nextAttemptAtMs: number;
  readonly lastErrorCode: string | null;
  readonly dedupKey: string;
  readonly createdAtMs: number;
  readonly sentAtMs: number | null;
  readonly providerRef: string | null;
}

export const DELIVERY_COLUMNS = `id, channel, kind, alert_id, severity, group_key, status, route, routed_at_ms, digest_id, attempts,
  maybe_delivered, next_attempt_at_ms, last_error_code, dedup_key, created_at_ms, sent_at_ms, provider_ref`;

export const ALERT_COLUMNS = 'id, occurrence_key, code, severity, params_json, group_key, at_ms, recorded_at_ms';

const integer = z.union([z.number(), z.bigint()]).transform(Number);
const nullableInteger = integer.nullable();

// A row Ballast did not write (a damaged or edited file) fails here, loudly, instead of being sent half-read.
const deliveryRowSchema = z.object({
  id: integer,
  channel: z.enum(CHANNEL_IDS),
  kind: z.enum(['alert', 'digest']),
  alert_id: z.string().nullable(),
  severity: alertSeveritySchema,
  group_key: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  route: z.enum(['individual', 'digest']).nullable(),
  routed_at_ms: nullableInteger,
  digest_id: nullableInteger,
  attempts: integer,
  maybe_delivered: integer,
  next_attempt_at_ms: integer,
  last_error_code: z.string().nullable(),
  dedup_key: z.string(),
  created_at_ms: integer,
  sent_at_ms: nullableInteger,
  provider_ref: z.string().nullable(),
});

export function deliveryFromRow(row: unknown): DeliveryRow {
  const parsed = deliveryRowSchema.parse(row);
  return {
    id: parsed.id,
    channel: parsed.channel,
    kind: parsed.kind,
    alertId: parsed.alert_id,
    severity: parsed.severity,
    groupKey: parsed.group_key,
    status: parsed.status,
    route: parsed.route,
    routedAtMs: parsed.routed_at_ms,
    digestId: parsed.digest_id,
    attempts: parsed.attempts,
    maybeDelivered: parsed.maybe_delivered === 1,
    nextAttemptAtMs: parsed.next_attempt_at_ms,
    lastErrorCode: parsed.last_error_code,
    dedupKey: parsed.dedup_key,
    createdAtMs: parsed.created_at_ms,
    sentAtMs: parsed.sent_at_ms,
    providerRef: parsed.provider_ref,
  };
}

const alertRowSchema = z.object({
  id: z.string(),
  occurrence_key: z.string(),
  code: alertCodeSchema,
  severity: alertSeveritySchema,
  params_json: z.string(),
  group_key: z.string(),
  at_ms: integer,
  recorded_at_ms: integer,
});

export function alertFromRow(row: unknown): RecordedAlert {
  const parsed = alertRowSchema.parse(row);
  return {
    id: parsed.id,
    occurrenceKey: parsed.occurrence_key,
    code: parsed.code,
    severity: parsed.severity,
    params: alertParamsSchema.parse(JSON.parse(parsed.params_json)),
    groupKey: parsed.group_key,
    atMs: parsed.at_ms,
    recordedAtMs: parsed.recorded_at_ms,
  };
}
