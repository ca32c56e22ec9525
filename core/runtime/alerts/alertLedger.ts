import { alertCodeSchema, alertMessages, alertReference, alertSeveritySchema, fillTemplate, type AlertParams, type ReaderContext } from '../../alerts/index.ts';
import type { RecentAlertView, RecentAlertsView } from '../../contract/index.ts';
import type { Journal, Migration } from '../../journal/index.ts';

/** The person's "seen" marks, next to the outbox in the journal file (namespace `alerts_screen`). */
const ALERTS_SCREEN_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'alerts the person has marked as seen',
    up: `CREATE TABLE alerts_acknowledged (alert_id TEXT PRIMARY KEY, acknowledged_at_ms INTEGER NOT NULL) STRICT;`,
  },
];

const DELIVERY_STATUSES = new Set(['queued', 'sending', 'sent', 'folded', 'digested', 'dropped']);
const CHANNELS = new Set(['desktop', 'telegram', 'email']);

function parsedParams(json: unknown): AlertParams {
  try {
    const value: unknown = JSON.parse(String(json));
    return typeof value === 'object' && value !== null ? (value as AlertParams) : {};
  } catch {
    return {};
  }
}

/**
 * What the Alerts screen lists: the outbox's alerts, newest first, in the words they were sent
 * with, each channel's delivery, and whether the person has seen it. Reads the outbox's tables;
 * writes only its own.
 */
export class AlertLedger {
  readonly #journal: Journal;
  readonly #reader: ReaderContext;

  constructor(journal: Journal, reader: ReaderContext) {
    journal.registerMigrations('alerts_screen', ALERTS_SCREEN_MIGRATIONS);
    this.#journal = journal;
    this.#reader = reader;
  }

  recent(limit = 50): RecentAlertsView {
    const db = this.#journal.db;
    const rows = db
      .prepare(
        `SELECT o.id, o.code, o.severity, o.params_json, o.at_ms, a.acknowledged_at_ms
         FROM alerts_outbox o LEFT JOIN alerts_acknowledged a ON a.alert_id = o.id
         WHERE o.code <> 'CHANNEL_TEST'
         ORDER BY o.at_ms DESC, o.recorded_at_ms DESC LIMIT ?`,
      )
      .all(limit);
    const deliveries = db.prepare('SELECT channel, status, attempts, last_error_code, sent_at_ms FROM alerts_deliveries WHERE alert_id = ? ORDER BY id');
    const alerts: RecentAlertView[] = [];
    for (const row of rows) {
      const code = alertCodeSchema.safeParse(row.code);
      const severity = alertSeveritySchema.safeParse(row.severity);
      if (!code.success || !severity.success) continue;
      const params = parsedParams(row.params_json);
      const words = alertMessages.alert[code.data];
      const id = String(row.id);
      alerts.push({
        id,
        reference: alertReference(id),
        code: code.data,
        severity: severity.data,
        title: fillTemplate(words.title, params, this.#reader),
        body: fillTemplate(words.body, params, this.#reader),
        atMs: Number(row.at_ms),
        acknowledgedAtMs: row.acknowledged_at_ms === null ? null : Number(row.acknowledged_at_ms),
        deliveries: deliveries
          .all(id)
          .filter((delivery) => CHANNELS.has(String(delivery.channel)) && DELIVERY_STATUSES.has(String(delivery.status)))
          .map((delivery) => ({
            channel: String(delivery.channel) as 'desktop' | 'telegram' | 'email',
            status: String(delivery.status) as 'queued' | 'sending' | 'sent' | 'folded' | 'digested' | 'dropped',
            attempts: Number(delivery.attempts),
            lastErrorCode: delivery.last_error_code === null ? null : String(delivery.last_error_code),
            sentAtMs: delivery.sent_at_ms === null ? null : Number(delivery.sent_at_ms),
          })),
      });
    }
    const open = db
      .prepare(`SELECT COUNT(*) AS n FROM alerts_outbox o LEFT JOIN alerts_acknowledged a ON a.alert_id = o.id WHERE a.alert_id IS NULL AND o.code <> 'CHANNEL_TEST'`)
      .get();
    return { alerts, unacknowledged: Number(open?.n ?? 0) };
  }

  /** Marks one alert as seen; an unknown id is refused by the caller. Returns false when there is no such alert. */
  acknowledge(alertId: string, atMs: number): boolean {
    return this.#journal.transaction(() => {
      const exists = this.#journal.db.prepare('SELECT 1 AS found FROM alerts_outbox WHERE id = ?').get(alertId);
      if (exists === undefined) return false;
      this.#journal.db.prepare('INSERT OR IGNORE INTO alerts_acknowledged (alert_id, acknowledged_at_ms) VALUES (?, ?)').run(alertId, atMs);
      this.#journal.append({ atMs, kind: 'person_action', subject: `alert:${alertId}`, payload: { action: 'acknowledged' } });
      return true;
    });
  }

  /** Counts of the alerts raised in a period by code, for the weekly review's "errors". */
  problemsBetween(fromMs: number, toMs: number): { atMs: number; code: string }[] {
    return this.#journal.db
      .prepare(`SELECT code, at_ms FROM alerts_outbox WHERE at_ms >= ? AND at_ms < ? AND severity <> 'info' AND code <> 'CHANNEL_TEST'`)
      .all(fromMs, toMs)
      .map((row) => ({ atMs: Number(row.at_ms), code: String(row.code) }));
  }
}
