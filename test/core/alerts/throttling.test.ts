import { describe, expect, it } from 'vitest';
import { AlertDispatcher, channelPolicySchema, Outbox, type ChannelPolicy } from '../../../core/alerts/index.ts';
import { draft, ManualClock, ManualTimers, RecordingChannel, tempJournal } from './support/alertFixtures.ts';

const MINUTE = 60_000;
// 1 May 2024 is summer time in Berlin: UTC+2.
const NOON_BERLIN = Date.UTC(2024, 4, 1, 10, 0);
const quietBerlin = channelPolicySchema.parse({ groupWindowMs: 60 * MINUTE, quietHours: { startMinute: 22 * 60, endMinute: 7 * 60 }, timeZone: 'Europe/Berlin' });

function setUp(startMs: number, policies: Partial<Record<'email' | 'telegram' | 'desktop', ChannelPolicy>>) {
  const { journal } = tempJournal();
  const clock = new ManualClock(startMs);
  const dispatcher = new AlertDispatcher({ outbox: new Outbox(journal), nowMs: clock.now, timers: new ManualTimers(), random: () => 0.5, sendTimeoutMs: 200 });
  const channels = {
    email: new RecordingChannel('email'),
    telegram: new RecordingChannel('telegram'),
    desktop: new RecordingChannel('desktop'),
  };
  for (const [id, policy] of Object.entries(policies)) dispatcher.setChannel({ channel: channels[id as keyof typeof channels], policy });
  return { journal, clock, dispatcher, channels };
}

const rejected = (key: string, reason = 'MIN_NOTIONAL', atMs = NOON_BERLIN) =>
  draft({ occurrenceKey: key, groupKey: `rejected:${reason}`, atMs, params: { symbol: 'BTC/USDT', side: 'buy', reasonCode: reason, exchangeMessage: key } });

describe('throttling per channel', () => {
  it('sends a critical alert to every channel at once, even in quiet hours', async () => {
    // 21:30 UTC = 23:30 in Berlin: quiet.
    const { dispatcher, channels } = setUp(Date.UTC(2024, 4, 1, 21, 30), { email: quietBerlin, telegram: quietBerlin, desktop: quietBerlin });
    dispatcher.raise([draft({ occurrenceKey: 'kill', code: 'TRADING_STATE_KILLED', groupKey: 'trading-state' }, 'critical')]);
    await dispatcher.kickAll();
    for (const channel of Object.values(channels)) expect(channel.deliveredCodes()).toEqual(['TRADING_STATE_KILLED']);
  });

  it('sends at most one email per subject per hour and folds the rest into one digest', async () => {
    const { clock, dispatcher, channels } = setUp(NOON_BERLIN, { email: quietBerlin });
    const at = async (minutes: number, drafts: ReturnType<typeof rejected>[] = []) => {
      clock.nowMs = NOON_BERLIN + minutes * MINUTE;
      dispatcher.raise(drafts);
      await dispatcher.kickAll();
    };
    await at(0, [rejected('A1')]);
    await at(5, [rejected('B1', 'INSUFFICIENT_BALANCE')]);
    await at(10, [rejected('A2')]);
    await at(20, [rejected('A3')]);
    const summary = () => channels.email.deliveries.map((delivery) => (delivery.kind === 'digest' ? `digest(${delivery.alerts.map((alert) => String(alert.params.exchangeMessage)).join(',')})` : String(delivery.alerts[0]?.params.exchangeMessage)));
    expect(summary()).toEqual(['A1', 'B1']);
    // The digest is due one window after the oldest fold: minute 10 + 60 = minute 70.
    await at(69);
    expect(summary()).toEqual(['A1', 'B1']);
    await at(70);
    expect(summary()).toEqual(['A1', 'B1', 'digest(A2,A3)']);
    // More than an hour after A1 went out on its own, the subject may go out on its own again.
    await at(75, [rejected('A4')]);
    expect(summary()).toEqual(['A1', 'B1', 'digest(A2,A3)', 'A4']);
  });

  it('folds non-critical alerts during quiet hours and sends them when quiet hours end in the person\'s time zone', async () => {
    const { clock, dispatcher, channels } = setUp(Date.UTC(2024, 4, 1, 21, 30), { telegram: quietBerlin });
    dispatcher.raise([rejected('night', 'MIN_NOTIONAL', clock.nowMs)]);
    await dispatcher.kickAll();
    expect(channels.telegram.deliveries).toEqual([]);
    // 04:59 UTC = 06:59 in Berlin: still quiet.
    clock.nowMs = Date.UTC(2024, 4, 2, 4, 59);
    await dispatcher.kickAll();
    expect(channels.telegram.deliveries).toEqual([]);
    // 05:00 UTC = 07:00 in Berlin.
    clock.nowMs = Date.UTC(2024, 4, 2, 5, 0);
    await dispatcher.kickAll();
    expect(channels.telegram.deliveries.map((delivery) => delivery.kind)).toEqual(['digest']);
    expect(channels.telegram.deliveredCodes()).toEqual(['ORDER_REJECTED']);
  });

  it('reads quiet hours in the person\'s own time zone', async () => {
    // 21:30 UTC is 17:30 in New York: not quiet there.
    const newYork = channelPolicySchema.parse({ ...quietBerlin, timeZone: 'America/New_York' });
    const { dispatcher, channels } = setUp(Date.UTC(2024, 4, 1, 21, 30), { telegram: newYork });
    dispatcher.raise([rejected('evening')]);
    await dispatcher.kickAll();
    expect(channels.telegram.deliveries.map((delivery) => delivery.kind)).toEqual(['alert']);
  });

  it('holds a retry that falls into quiet hours until they end', async () => {
    const { clock, dispatcher, channels, journal } = setUp(Date.UTC(2024, 4, 1, 19, 59), { email: quietBerlin });
    channels.email.failing = { code: 'SMTP_UNREACHABLE' };
    dispatcher.raise([rejected('evening')]);
    await dispatcher.kickAll();
    channels.email.failing = null;
    // 20:05 UTC = 22:05 in Berlin: the retry is due but quiet hours have begun.
    clock.nowMs = Date.UTC(2024, 4, 1, 20, 5);
    await dispatcher.kickAll();
    expect(channels.email.deliveries).toEqual([]);
    expect(journal.db.prepare('SELECT next_attempt_at_ms AS n FROM alerts_deliveries').get()?.n).toBe(Date.UTC(2024, 4, 2, 5, 0));
  });
});

describe('a failing channel', () => {
  it('does not hold up the others, keeps its alerts queued and delivers them once it works again', async () => {
    const open = channelPolicySchema.parse({});
    const { clock, dispatcher, channels } = setUp(NOON_BERLIN, { email: open, telegram: open, desktop: open });
    channels.telegram.failing = { code: 'TELEGRAM_TOKEN_REJECTED' };
    const statusCodes: string[] = [];
    dispatcher.onStatusChange((view) => statusCodes.push(`${view.channel}:${view.status.code}`));
    dispatcher.raise([draft({ occurrenceKey: 'x1' }, 'critical'), draft({ occurrenceKey: 'x2', groupKey: 'other' }, 'warning')]);
    await dispatcher.kickAll();
    expect(channels.email.deliveries).toHaveLength(2);
    expect(channels.desktop.deliveries).toHaveLength(2);
    expect(channels.telegram.deliveries).toHaveLength(0);
    expect(dispatcher.statuses().find((view) => view.channel === 'telegram')).toMatchObject({ status: { code: 'TELEGRAM_TOKEN_REJECTED' }, waiting: 2 });
    expect(statusCodes).toContain('telegram:TELEGRAM_TOKEN_REJECTED');
    channels.telegram.failing = null;
    clock.advance(10 * MINUTE);
    await dispatcher.kickAll();
    expect(channels.telegram.deliveredCodes()).toHaveLength(2);
    expect(dispatcher.statuses().find((view) => view.channel === 'telegram')).toMatchObject({ status: { code: 'CHANNEL_OK' }, waiting: 0 });
  });

  it('that hangs does not hold up the others and counts as "may have been delivered"', async () => {
    const open = channelPolicySchema.parse({});
    const { dispatcher, channels, journal } = setUp(NOON_BERLIN, { email: open, telegram: open });
    channels.telegram.hang = new Promise(() => undefined);
    dispatcher.raise([draft({ occurrenceKey: 'h1' }, 'critical')]);
    await dispatcher.kick('email');
    expect(channels.email.deliveries).toHaveLength(1);
    await dispatcher.kick('telegram');
    const row = journal.db.prepare(`SELECT status, maybe_delivered AS maybe, last_error_code AS code FROM alerts_deliveries WHERE channel = 'telegram'`).get();
    expect(row).toEqual({ status: 'queued', maybe: 1, code: 'CHANNEL_TIMED_OUT' });
  });
});
