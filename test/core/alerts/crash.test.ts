import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { alertMessages, alertReference, messageIdFor } from '../../../core/alerts/index.ts';
import { verifyJournal } from '../../../core/journal/index.ts';
import { seededRandom } from '../../fake-exchange/index.ts';
import { startFakeTelegram } from '../../fake-telegram/index.ts';
import { tempFolder } from './support/alertFixtures.ts';
import { startSmtpTestServer } from './support/smtpTestServer.ts';

const envInteger = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
const SEED = envInteger('BALLAST_ALERT_CRASH_SEED', 1_717);
const LIVES = envInteger('BALLAST_ALERT_CRASH_LIVES', 8);
const CHILD = fileURLToPath(new URL('./crashChild.ts', import.meta.url));
const TOKEN = '555000111:FAKE-CRASH-TOKEN-abcdefghijklmnopqrstu';
const PASSWORD = 'FAKE-CRASH-SMTP-PASSWORD';
const CHAT = 8_008;
const MODES = ['before_send', 'random', 'after_send', 'random', 'random_early'] as const;
type Mode = (typeof MODES)[number] | 'none';

interface Life {
  readonly killed: boolean;
  readonly ready: boolean;
}

interface DeliveryOnDisk {
  readonly alertId: string;
  readonly code: string;
  readonly channel: string;
  readonly status: string;
  readonly maybeDelivered: boolean;
  readonly dedupKey: string;
}

function deliveriesOnDisk(path: string): DeliveryOnDisk[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db
      .prepare(`SELECT d.alert_id, a.code, d.channel, d.status, d.maybe_delivered, d.dedup_key FROM alerts_deliveries d JOIN alerts_outbox a ON a.id = d.alert_id ORDER BY d.id`)
      .all()
      .map((row) => ({
        alertId: String(row.alert_id), code: String(row.code), channel: String(row.channel), status: String(row.status),
        maybeDelivered: row.maybe_delivered === 1, dedupKey: String(row.dedup_key),
      }));
  } finally {
    db.close();
  }
}

describe('alert outbox crash recovery: a child process delivering alerts is SIGKILLed again and again', () => {
  it(`delivers every alert to every channel at least once, and a second copy only for a send a kill interrupted, over ${LIVES} lives`, async () => {
    const telegram = await startFakeTelegram({ token: TOKEN, chats: [CHAT] });
    const smtp = await startSmtpTestServer({ username: 'alerts@example.test', password: PASSWORD });
    const folder = tempFolder();
    const path = `${folder}/journal.sqlite`;
    const random = seededRandom(SEED);
    const desktop: { reference: string; body: string }[] = [];
    let kills = 0;
    let killsAfterReady = 0;

    const runLife = async (index: number, mode: Mode, upto: number): Promise<Life> => {
      const child = spawn(process.execPath, [CHILD], {
        env: {
          ...process.env,
          ALERT_CRASH_JOURNAL: path, ALERT_CRASH_TOKEN: TOKEN, ALERT_CRASH_TELEGRAM: telegram.url, ALERT_CRASH_CHAT: String(CHAT),
          ALERT_CRASH_SMTP_PORT: String(smtp.port), ALERT_CRASH_SMTP_PASSWORD: PASSWORD, ALERT_CRASH_CA: smtp.certificate.certPem,
          ALERT_CRASH_UPTO: String(upto), ALERT_CRASH_RUN_ID: `life-${index}`,
          ALERT_CRASH_AT: mode === 'before_send' || mode === 'after_send' ? mode : 'none',
          ALERT_CRASH_ON: String(1 + Math.floor(random() * 6)),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => { resolve({ code, signal }); }));
      // Killed anywhere: while opening the journal and recovering, or while sending.
      if (mode === 'random_early') setTimeout(() => child.kill('SIGKILL'), 50 + Math.floor(random() * 400));
      let ready = false;
      const startedAtMs = Date.now();
      let readyAtMs = startedAtMs;
      let idleAtMs = 0;
      for await (const line of createInterface({ input: child.stdout })) {
        const message = JSON.parse(line) as { type: string; reference?: string; body?: string };
        if (message.type === 'ready') {
          ready = true;
          readyAtMs = Date.now();
          if (mode === 'random') setTimeout(() => child.kill('SIGKILL'), 10 + Math.floor(random() * 250));
        } else if (message.type === 'idle') {
          idleAtMs = Date.now();
        } else if (message.type === 'desktop') {
          desktop.push({ reference: message.reference ?? '', body: message.body ?? '' });
        }
      }
      const { code, signal } = await exited;
      if (process.env.BALLAST_ALERT_CRASH_DEBUG !== undefined) process.stderr.write(`life ${index} ${mode}: ready after ${readyAtMs - startedAtMs} ms, idle after ${idleAtMs === 0 ? '-' : idleAtMs - startedAtMs} ms, ended after ${Date.now() - startedAtMs} ms, ${signal ?? code}\n`);
      if (signal === null && code !== 0) throw new Error(`alert crash child failed with exit code ${code}: ${stderr.slice(-2_000)}`);
      return { killed: signal === 'SIGKILL', ready };
    };

    try {
      let upto = 0;
      for (let index = 0; index < LIVES; index += 1) {
        upto += 4;
        const life = await runLife(index, MODES[index % MODES.length] ?? 'random', upto);
        if (life.killed) {
          kills += 1;
          if (life.ready) killsAfterReady += 1;
        }
      }
      const last = await runLife(LIVES, 'none', upto);
      expect(last.killed).toBe(false);

      const rows = deliveriesOnDisk(path);
      const alerts = new Set(rows.map((row) => row.alertId));
      const plan = rows.filter((row) => row.code === 'ORDER_REJECTED');
      expect(new Set(plan.map((row) => row.alertId)).size).toBe(upto);
      expect(rows.every((row) => row.status === 'sent')).toBe(true);
      expect(rows.filter((row) => row.channel === 'telegram')).toHaveLength(alerts.size);

      // What reached each channel, by the reference a person (or mail client) recognises repeats with.
      const copies = new Map<string, string[]>();
      const add = (key: string, text: string): void => {
        copies.set(key, [...(copies.get(key) ?? []), text]);
      };
      for (const message of telegram.messagesTo(CHAT)) add(`telegram:${/Ref ([0-9A-F]{4}-[0-9A-F]{4})/.exec(message.text)?.[1] ?? '?'}`, message.text);
      for (const mail of smtp.mails) add(`email:${mail.parsed.messageId ?? '?'}`, mail.parsed.text ?? '');
      for (const notice of desktop) add(`desktop:${notice.reference}`, notice.body);

      let repeats = 0;
      for (const row of rows) {
        const key = row.channel === 'email' ? `email:${messageIdFor(row.dedupKey, 'ballast@example.test')}` : `${row.channel}:${alertReference(row.alertId)}`;
        const received = copies.get(key) ?? [];
        expect(received.length, `${key} arrived`).toBeGreaterThanOrEqual(1);
        copies.delete(key);
        if (received.length > 1) {
          repeats += received.length - 1;
          // A second copy only where a send was interrupted, and every later copy says it may be a repeat.
          expect(row.maybeDelivered, `${key} was repeated without an interrupted send`).toBe(true);
          for (const text of received.slice(1)) expect(text.replace(/\s+/g, ' ')).toContain(alertMessages.delivery.maybeRepeat);
        }
      }
      // Nothing arrived that the outbox does not know about.
      expect([...copies.keys()]).toEqual([]);
      // Every kill after the heartbeat started is reported once at the next start.
      const stoppedAlerts = new Set(rows.filter((row) => row.code === 'BALLAST_STOPPED_UNEXPECTEDLY').map((row) => row.alertId)).size;
      expect(stoppedAlerts).toBeGreaterThanOrEqual(killsAfterReady);
      expect(stoppedAlerts).toBeLessThanOrEqual(kills);
      expect(kills).toBeGreaterThanOrEqual(Math.floor(LIVES / 2));
      const chain = verifyJournal(path);
      expect(chain.ok).toBe(true);
      process.stderr.write(`alert crash: seed ${SEED}, ${LIVES} lives, ${kills} kills, ${alerts.size} alerts × 3 channels, ${repeats} repeated copies\n`);
    } finally {
      await telegram.close();
      await smtp.close();
    }
  }, 300_000);
});
