import { createHash } from 'node:crypto';
import type { StatementSync } from 'node:sqlite';
import { z } from 'zod';
import type { Journal } from '../../journal/index.ts';
import {
  alertCodeSchema, alertIdFor, alertParamsSchema, alertSeveritySchema, atLeast, type AlertDraft, type AlertSeverity, type RecordedAlert,
} from '../alert.ts';
import type { OutgoingDelivery } from '../channels/alertChannel.ts';
import type { ChannelId } from '../channels/channelStatus.ts';
import { ALERT_COLUMNS, alertFromRow, DELIVERY_COLUMNS, deliveryFromRow, type DeliveryRow } from './deliveryRows.ts';
import { ALERTS_MIGRATIONS } from './outboxSchema.ts';
import { OutboxError } from './outboxError.ts';

/** Which channels get which alerts: a channel set up for critical alerts only gets no info rows. */
export interface ChannelSubscription {
  readonly channel: ChannelId;
  readonly minSeverity: AlertSeverity;
}

export interface RecordOptions {
  /** A full HTML document for email (the weekly review); already escaped by its renderer. */
  readonly documentHtml?: string;
}

export interface RecordResult {
  readonly alert: RecordedAlert;
  /** False when this occurrence was already recorded (a rule evaluated again, a restart). */
  readonly created: boolean;
}

const draftSchema = z.object({
  code: alertCodeSchema,
  severity: alertSeveritySchema,
  params: alertParamsSchema,
  occurrenceKey: z.string().min(1).max(300),
  groupKey: z.string().min(1).max(200),
  atMs: z.number().int().nonnegative(),
});

const DIGEST_GROUP = 'digest';

/**
 * The durable alert outbox, in the journal file. Written like orders: an alert and one delivery
 * row per subscribed channel are committed (synchronous = FULL) before anything is sent, a
 * delivery is marked `sending` durably before the channel is called, and `sent` after. A crash
 * anywhere leaves the alert either waiting or in `sending`, never lost; see `recoverInterrupted`.
 * Every change is one journal transaction with its audit event.
 */
export class Outbox {
  readonly #journal: Journal;
  readonly #statements = new Map<string, StatementSync>();

  constructor(journal: Journal) {
    journal.registerMigrations('alerts', ALERTS_MIGRATIONS);
    this.#journal = journal;
  }

  get journal(): Journal {
    return this.#journal;
  }

  #sql(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#journal.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Records an alert occurrence and its deliveries, durably, before anything is sent. Recording
   * the same occurrence again changes nothing and returns the first record. An alert that does
   * not parse is refused (fail closed) rather than stored half-formed.
   */
  record(draft: AlertDraft, subscriptions: readonly ChannelSubscription[], recordedAtMs: number, options: RecordOptions = {}): RecordResult {
    const parsed = draftSchema.safeParse(draft);
    if (!parsed.success) throw new OutboxError('INVALID_ALERT', `alert ${draft.code}: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
    const id = alertIdFor(draft.occurrenceKey);
    return this.#journal.transaction(() => {
      const existing = this.alert(id);
      if (existing !== null) return { alert: existing, created: false };
      this.#sql(`INSERT INTO alerts_outbox (${ALERT_COLUMNS}, document_html) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        id, draft.occurrenceKey, draft.code, draft.severity, this.#journal.redactText(JSON.stringify(draft.params)), draft.groupKey,
        draft.atMs, recordedAtMs, options.documentHtml === undefined ? null : this.#journal.redactText(options.documentHtml),
      );
      const channels = subscriptions.filter((subscription) => atLeast(draft.severity, subscription.minSeverity)).map((subscription) => subscription.channel);
      for (const channel of new Set(channels)) {
        this.#sql(
          `INSERT INTO alerts_deliveries (channel, kind, alert_id, severity, group_key, status, next_attempt_at_ms, dedup_key, created_at_ms)
           VALUES (?, 'alert', ?, ?, ?, 'queued', ?, ?, ?)`,
        ).run(channel, id, draft.severity, draft.groupKey, recordedAtMs, `${id}.${channel}`, recordedAtMs);
      }
      const alert = this.alert(id);
      if (alert === null) throw new OutboxError('OUTBOX_UNREADABLE', `alert ${id} vanished inside its own transaction`);
      this.#journal.append({ atMs: recordedAtMs, kind: 'alert', subject: draft.code, payload: { event: 'recorded', alertId: id, severity: draft.severity, params: alert.params, channels: [...new Set(channels)] } });
      return { alert, created: true };
    });
  }

  alert(id: string): RecordedAlert | null {
    const row = this.#sql(`SELECT ${ALERT_COLUMNS} FROM alerts_outbox WHERE id = ?`).get(id);
    return row === undefined ? null : alertFromRow(row);
  }

  delivery(id: number): DeliveryRow | null {
    const row = this.#sql(`SELECT ${DELIVERY_COLUMNS} FROM alerts_deliveries WHERE id = ?`).get(id);
    return row === undefined ? null : deliveryFromRow(row);
  }

  /**
   * At start: deliveries left in `sending` by a crash may or may not have reached the person.
   * They are queued again, marked so the next attempt says it may be a repeat (at least once,
   * never silently lost). Returns how many.
   */
  recoverInterrupted(atMs: number): number {
    return this.#journal.transaction(() => {
      const changed = Number(
        this.#sql(`UPDATE alerts_deliveries SET status = 'queued', maybe_delivered = 1, next_attempt_at_ms = ? WHERE status = 'sending'`).run(atMs).changes,
      );
      if (changed > 0) this.#journal.append({ atMs, kind: 'alert', subject: null, payload: { event: 'interrupted_sends_requeued', deliveries: changed } });
      return changed;
    });
  }

  /** Queued deliveries due now, critical first, then oldest first. */
  dueQueued(channel: ChannelId, nowMs: number, limit = 50): DeliveryRow[] {
    return this.#sql(
      `SELECT ${DELIVERY_COLUMNS} FROM alerts_deliveries WHERE channel = ? AND status = 'queued' AND next_attempt_at_ms <= ?
       ORDER BY severity = 'critical' DESC, created_at_ms, id LIMIT ?`,
    ).all(channel, nowMs, limit).map(deliveryFromRow);
  }

  /** When the next queued delivery of this channel becomes due, or null when none waits. */
  nextQueuedAtMs(channel: ChannelId): number | null {
    const row = this.#sql(`SELECT MIN(next_attempt_at_ms) AS at FROM alerts_deliveries WHERE channel = ? AND status = 'queued'`).get(channel);
    return row?.at === null || row?.at === undefined ? null : Number(row.at);
  }

  /** When a message of this group last went out (or was chosen to go out) on its own on this channel. */
  lastIndividualAtMs(channel: ChannelId, groupKey: string): number | null {
    const row = this.#sql(
      `SELECT MAX(routed_at_ms) AS at FROM alerts_deliveries WHERE channel = ? AND group_key = ? AND kind = 'alert' AND route = 'individual'`,
    ).get(channel, groupKey);
    return row?.at === null || row?.at === undefined ? null : Number(row.at);
  }

  /** Grouped with others of its subject, or held through quiet hours: it goes out in the next digest. */
  fold(id: number, atMs: number, reason: 'grouped' | 'quiet_hours'): void {
    this.#change(
      id,
      `UPDATE alerts_deliveries SET status = 'folded', route = 'digest', routed_at_ms = ? WHERE id = ? AND status = 'queued' AND severity != 'critical'`,
      [atMs, id],
      { atMs, event: 'folded', reason },
    );
  }

  /** Waits (quiet hours) without counting as an attempt. */
  hold(id: number, untilMs: number): void {
    this.#change(id, `UPDATE alerts_deliveries SET next_attempt_at_ms = ? WHERE id = ? AND status = 'queued'`, [untilMs, id], null);
  }

  /** When the oldest folded delivery of this channel still waiting for a digest was folded. */
  oldestFoldedAtMs(channel: ChannelId): number | null {
    const row = this.#sql(`SELECT MIN(routed_at_ms) AS at FROM alerts_deliveries WHERE channel = ? AND status = 'folded' AND digest_id IS NULL`).get(channel);
    return row?.at === null || row?.at === undefined ? null : Number(row.at);
  }

  /** Gathers every folded delivery of the channel into one digest delivery, queued now. */
  createDigest(channel: ChannelId, atMs: number): DeliveryRow | null {
    return this.#journal.transaction(() => {
      const members = this.#sql(`SELECT id, alert_id, severity FROM alerts_deliveries WHERE channel = ? AND status = 'folded' AND digest_id IS NULL ORDER BY routed_at_ms, id`).all(channel);
      if (members.length === 0) return null;
      const alertIds = members.map((member) => String(member.alert_id));
      const severity: AlertSeverity = members.some((member) => member.severity === 'warning') ? 'warning' : 'info';
      const dedupKey = `dg-${createHash('sha256').update(`${channel}\n${alertIds.join('\n')}`).digest('hex').slice(0, 24)}.${channel}`;
      const inserted = this.#sql(
        `INSERT INTO alerts_deliveries (channel, kind, alert_id, severity, group_key, status, route, routed_at_ms, next_attempt_at_ms, dedup_key, created_at_ms)
         VALUES (?, 'digest', NULL, ?, ?, 'queued', 'individual', ?, ?, ?, ?)`,
      ).run(channel, severity, DIGEST_GROUP, atMs, atMs, dedupKey, atMs);
      const digestId = Number(inserted.lastInsertRowid);
      const link = this.#sql(`UPDATE alerts_deliveries SET status = 'digested', digest_id = ? WHERE id = ?`);
      for (const member of members) link.run(digestId, Number(member.id));
      this.#journal.append({ atMs, kind: 'alert', subject: channel, payload: { event: 'digest_created', deliveryId: digestId, alertIds } });
      return this.delivery(digestId);
    });
  }

  /**
   * Durable before the channel is called: a crash from here on leaves the row in `sending`. A
   * first attempt also records that the delivery goes out on its own (what grouping counts).
   */
  markSending(id: number, atMs: number): void {
    this.#change(
      id,
      `UPDATE alerts_deliveries SET status = 'sending', attempts = attempts + 1, route = COALESCE(route, 'individual'), routed_at_ms = COALESCE(routed_at_ms, ?)
       WHERE id = ? AND status = 'queued'`,
      [atMs, id],
      { atMs, event: 'sending' },
    );
  }

  markSent(id: number, atMs: number, providerRef: string | null): void {
    this.#journal.transaction(() => {
      this.#change(
        id,
        `UPDATE alerts_deliveries SET status = 'sent', sent_at_ms = ?, provider_ref = ?, last_error_code = NULL WHERE id = ? AND status = 'sending'`,
        [atMs, providerRef === null ? null : this.#journal.redactText(providerRef.slice(0, 200)), id],
        { atMs, event: 'sent' },
      );
      this.#sql(`UPDATE alerts_deliveries SET status = 'sent', sent_at_ms = ? WHERE digest_id = ? AND status = 'digested'`).run(atMs, id);
    });
  }

  /** Back to the queue with its next attempt time; `maybeDelivered` sticks once set. */
  markFailed(id: number, atMs: number, failure: { nextAttemptAtMs: number; errorCode: string; maybeDelivered: boolean }): void {
    this.#change(
      id,
      `UPDATE alerts_deliveries SET status = 'queued', next_attempt_at_ms = ?, last_error_code = ?, maybe_delivered = MAX(maybe_delivered, ?)
       WHERE id = ? AND status = 'sending'`,
      [failure.nextAttemptAtMs, failure.errorCode, failure.maybeDelivered ? 1 : 0, id],
      { atMs, event: 'failed', errorCode: failure.errorCode, maybeDelivered: failure.maybeDelivered, nextAttemptAtMs: failure.nextAttemptAtMs },
    );
  }

  /** The channel was removed by the person: what still waits for it will never be sent. */
  dropChannel(channel: ChannelId, atMs: number): number {
    return this.#journal.transaction(() => {
      const changed = Number(
        this.#sql(`UPDATE alerts_deliveries SET status = 'dropped' WHERE channel = ? AND status IN ('queued', 'folded', 'digested')`).run(channel).changes,
      );
      this.#journal.append({ atMs, kind: 'alert', subject: channel, payload: { event: 'channel_dropped', deliveries: changed } });
      return changed;
    });
  }

  /** How many deliveries wait on a channel (queued, folded or in an unsent digest), for its status line. */
  waitingCount(channel: ChannelId): number {
    const row = this.#sql(`SELECT COUNT(*) AS n FROM alerts_deliveries WHERE channel = ? AND status IN ('queued', 'sending', 'folded') AND kind = 'alert'`).get(channel);
    const digested = this.#sql(`SELECT COUNT(*) AS n FROM alerts_deliveries WHERE channel = ? AND status = 'digested'`).get(channel);
    return Number(row?.n ?? 0) + Number(digested?.n ?? 0);
  }

  /** What a channel is given to send: the alert, or a digest's members oldest first. */
  outgoing(row: DeliveryRow): OutgoingDelivery {
    const alerts =
      row.kind === 'alert'
        ? [row.alertId === null ? null : this.alert(row.alertId)].filter((alert): alert is RecordedAlert => alert !== null)
        : this.#sql(`SELECT ${ALERT_COLUMNS.split(', ').map((column) => `a.${column}`).join(', ')} FROM alerts_deliveries d JOIN alerts_outbox a ON a.id = d.alert_id WHERE d.digest_id = ? ORDER BY a.at_ms, a.recorded_at_ms, d.id`)
            .all(row.id)
            .map(alertFromRow);
    if (alerts.length === 0) throw new OutboxError('OUTBOX_UNREADABLE', `delivery ${row.id} has no alert to send`);
    const documentRow = row.kind === 'alert' && row.alertId !== null ? this.#sql('SELECT document_html FROM alerts_outbox WHERE id = ?').get(row.alertId) : undefined;
    const documentHtml = typeof documentRow?.document_html === 'string' ? documentRow.document_html : null;
    return { deliveryId: row.id, channel: row.channel, kind: row.kind, dedupKey: row.dedupKey, alerts, maybeRepeat: row.maybeDelivered, documentHtml };
  }

  #change(id: number, sql: string, values: (string | number | null)[], audit: ({ atMs: number; event: string } & Record<string, unknown>) | null): void {
    this.#journal.transaction(() => {
      const changed = Number(this.#sql(sql).run(...values).changes);
      if (changed !== 1) throw new OutboxError('DELIVERY_STATE_CONFLICT', `delivery ${id}: ${sql.split(' SET ')[1]?.split(' ')[0] ?? 'update'} changed ${changed} rows`);
      if (audit !== null) {
        const { atMs, ...payload } = audit;
        this.#journal.append({ atMs, kind: 'alert', subject: `delivery:${id}`, payload });
      }
    });
  }
}
