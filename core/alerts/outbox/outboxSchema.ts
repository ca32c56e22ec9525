import type { Migration } from '../../journal/index.ts';

/**
 * The alert outbox's tables in the journal file (namespace `alerts`).
 *
 * - `alerts_outbox`: one row per alert occurrence, written before anything is sent.
 * - `alerts_deliveries`: one row per alert and channel (plus digests); its `status` is the
 *   delivery's state machine and `dedup_key` the id a repeat is recognised by.
 * - `alerts_heartbeat`: the running process's heartbeat; no clean-stop mark at the next start
 *   means Ballast stopped unexpectedly.
 * - `alerts_telegram_cursor`: the next Telegram update to read, so a restart never acts on a
 *   command twice.
 */
export const ALERTS_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'alert outbox, per-channel deliveries, heartbeat, Telegram update cursor',
    up: `
      CREATE TABLE alerts_outbox (
        id TEXT PRIMARY KEY,
        occurrence_key TEXT NOT NULL UNIQUE,
        code TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
        params_json TEXT NOT NULL,
        group_key TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        recorded_at_ms INTEGER NOT NULL,
        document_html TEXT
      ) STRICT;
      CREATE TABLE alerts_deliveries (
        id INTEGER PRIMARY KEY,
        channel TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('alert', 'digest')),
        alert_id TEXT REFERENCES alerts_outbox (id),
        severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
        group_key TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'folded', 'digested', 'dropped')),
        route TEXT CHECK (route IN ('individual', 'digest')),
        routed_at_ms INTEGER,
        digest_id INTEGER REFERENCES alerts_deliveries (id),
        attempts INTEGER NOT NULL DEFAULT 0,
        maybe_delivered INTEGER NOT NULL DEFAULT 0,
        next_attempt_at_ms INTEGER NOT NULL,
        last_error_code TEXT,
        dedup_key TEXT NOT NULL UNIQUE,
        created_at_ms INTEGER NOT NULL,
        sent_at_ms INTEGER,
        provider_ref TEXT,
        UNIQUE (alert_id, channel)
      ) STRICT;
      CREATE INDEX alerts_deliveries_due ON alerts_deliveries (channel, status, next_attempt_at_ms);
      CREATE INDEX alerts_deliveries_group ON alerts_deliveries (channel, group_key, route, routed_at_ms);
      CREATE INDEX alerts_deliveries_digest ON alerts_deliveries (digest_id);
      CREATE TABLE alerts_heartbeat (
        slot INTEGER PRIMARY KEY CHECK (slot = 1),
        run_id TEXT NOT NULL,
        started_at_ms INTEGER NOT NULL,
        beat_at_ms INTEGER NOT NULL,
        clean_stop_at_ms INTEGER
      ) STRICT;
      CREATE TABLE alerts_telegram_cursor (
        slot INTEGER PRIMARY KEY CHECK (slot = 1),
        next_update_id INTEGER NOT NULL
      ) STRICT;
    `,
  },
];
