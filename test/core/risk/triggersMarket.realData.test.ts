import { afterEach, describe, expect, it } from 'vitest';
import { validateCandles, type Candle, type CandleIssue } from '../../../core/market/index.ts';
import { DEFAULT_TRIGGER_SETTINGS, createVolatilityShockTrigger, dataFeedTriggerId, volatilityTriggerId, type TriggerReading } from '../../../core/risk/index.ts';
import { BTC_USDT_1H_CSV } from '../../support/sharedData.ts';
import { barIndex, realCandles } from './support/realCandles.ts';
import { RiskRig } from './support/riskRig.ts';

const HOUR_MS = 3_600_000;
const FEED = dataFeedTriggerId('BTC/USDT', '1h');
const LEAVE = { code: 'PERSON_LEFT_SAFE_MODE', message: 'You left safe mode.' };

let rig: RiskRig | undefined;
afterEach(() => {
  rig?.dispose();
  rig = undefined;
});

/** What a live feed would hand the monitor once bar `i` has closed: the last 100 bars, validated. */
function liveValidation(candles: readonly Candle[], i: number): { nowMs: number; issues: CandleIssue[] } {
  const nowMs = candles[i]!.openTimeMs + HOUR_MS + 60_000;
  const window = candles.slice(Math.max(0, i - 99), i + 1);
  return { nowMs, issues: validateCandles(window, '1h', { staleness: { nowMs, maxIntervals: DEFAULT_TRIGGER_SETTINGS.dataFeed.maxStaleIntervals } }) };
}

/** Replays bars `from..to` through the feed trigger; returns, per bar, whether the trigger was active. */
function replayFeed(candles: readonly Candle[], from: number, to: number, restartAt: number): boolean[] {
  const active: boolean[] = [];
  for (let i = from; i <= to; i++) {
    const validation = liveValidation(candles, i);
    rig!.nowMs = validation.nowMs;
    rig!.monitor.onFeedValidation('BTC/USDT', '1h', validation);
    active.push(rig!.activeTriggerIds().includes(FEED));
    if (i === restartAt) rig!.restart();
  }
  return active;
}

describe('data feed trigger on the real holes in the 1h BTC/USDT file', () => {
  it('trips on the 2017-09-22 19:00 → 09-23 00:00 gap, survives a restart, and clears after 24 clean bars', async () => {
    const candles = await realCandles(BTC_USDT_1H_CSV);
    const gapBar = barIndex(candles, '2017-09-23T00:00:00Z');
    rig = new RiskRig();
    const active = replayFeed(candles, gapBar - 10, gapBar + 40, gapBar);

    const recent = DEFAULT_TRIGGER_SETTINGS.dataFeed.recentBars;
    // Active while the bar after the gap is one of the last `recent` closed bars.
    const expected = active.map((_, k) => {
      const i = gapBar - 10 + k;
      return i >= gapBar && i - gapBar < recent;
    });
    expect(active).toEqual(expected);
    expect(rig.trips()[0]).toMatchObject({ to: 'SAFE_MODE', cause: { code: 'DATA_FEED_GAP' } });
    expect((rig.trips()[0]!.cause as { message: string }).message).toContain('4 1h bar(s) missing between 2017-09-22 19:00 UTC and 2017-09-23 00:00 UTC');
    // The restart came right after the trip: the state and the trigger came back from the journal.
    expect(rig.machine.snapshot().state).toBe('SAFE_MODE');
    expect(rig.machine.leaveSafeMode(LEAVE).state).toBe('ACTIVE');
  });

  it('trips on the 2018-02-08 exchange outage (zero-volume flat bars) and clears with the 24th clean bar after it', async () => {
    const candles = await realCandles(BTC_USDT_1H_CSV);
    const outageStart = barIndex(candles, '2018-02-08T01:00:00Z');
    const outageEnd = barIndex(candles, '2018-02-09T09:00:00Z');
    rig = new RiskRig();
    const active = replayFeed(candles, outageStart - 5, outageEnd + 30, outageStart + 3);

    const firstActive = active.indexOf(true) + outageStart - 5;
    expect(firstActive).toBe(outageStart);
    expect(candles[outageStart]!.volumeBase).toBe(0);
    const lastActive = active.lastIndexOf(true) + outageStart - 5;
    // The last outage bar leaves the window of the last 24 closed bars with the 24th bar after it.
    expect(lastActive).toBe(outageEnd + DEFAULT_TRIGGER_SETTINGS.dataFeed.recentBars - 1);
    expect(active.at(-1)).toBe(false);
    expect(rig.trips()[0]).toMatchObject({ to: 'SAFE_MODE', cause: { code: 'DATA_FEED_OUTAGE' } });
    expect(rig.machine.snapshot().state).toBe('SAFE_MODE');
  });

  it('trips when the feed goes stale after the file\'s last bar, and a restart keeps it', async () => {
    const candles = await realCandles(BTC_USDT_1H_CSV);
    const last = candles.length - 1;
    rig = new RiskRig();
    const fresh = liveValidation(candles, last);
    rig.monitor.onFeedValidation('BTC/USDT', '1h', fresh);
    expect(rig.machine.snapshot().state).toBe('ACTIVE');

    const laterMs = candles[last]!.openTimeMs + 6 * HOUR_MS;
    const stale = { nowMs: laterMs, issues: validateCandles(candles.slice(last - 99), '1h', { staleness: { nowMs: laterMs, maxIntervals: 2 } }) };
    rig.nowMs = laterMs;
    rig.monitor.onFeedValidation('BTC/USDT', '1h', stale);
    expect(rig.trips()[0]).toMatchObject({ to: 'SAFE_MODE', cause: { code: 'DATA_FEED_STALE' } });
    rig.restart();
    expect(rig.machine.snapshot().state).toBe('SAFE_MODE');
    expect(rig.activeTriggerIds()).toEqual([FEED]);
    expect(() => rig?.machine.leaveSafeMode(LEAVE)).toThrow(/stale/);
  });
});

/** Feeds bars `from..to` to the monitor as a live run would, restarting after bar `restartAt`; returns the readings. */
function replayBars(candles: readonly Candle[], from: number, to: number, restartAt: number): TriggerReading[] {
  const readings: TriggerReading[] = [];
  for (let i = from; i <= to; i++) {
    const candle = candles[i]!;
    rig!.nowMs = candle.openTimeMs + HOUR_MS;
    readings.push(rig!.monitor.onClosedCandle('BTC/USDT', '1h', candle));
    if (i === restartAt) rig!.restart();
  }
  return readings;
}

describe('volatility shock trigger on the real 2020-03 crash', () => {
  const VOLATILITY = volatilityTriggerId('BTC/USDT', '1h');

  it('trips first at the close of the 2020-03-12 10:00 bar (−18.2% in 1h) after six weeks of history, and the latch outlives a restart', async () => {
    const candles = await realCandles(BTC_USDT_1H_CSV);
    const from = barIndex(candles, '2020-02-01T00:00:00Z');
    const crash = barIndex(candles, '2020-03-12T10:00:00Z');
    rig = new RiskRig();
    const readings = replayBars(candles, from, barIndex(candles, '2020-03-20T00:00:00Z'), crash + 2);

    // 14 days of warm-up: the trigger says so and does not judge before 2020-02-15.
    expect(readings[0]!.cause.code).toBe('VOLATILITY_WARMING_UP');
    expect(readings.findIndex((reading) => reading.details.warmedUp === true)).toBeGreaterThan(14 * 24);
    expect(readings.findIndex((reading) => reading.tripped)).toBe(crash - from);
    // Nothing came near before the crash hour: from midnight the price slid 7913.42 → 7354.21
    // (−7.1% in ten hours); the largest 4h fall, to the 09:00 close, was 7354.21 / 7646.95 − 1 = −3.8%.
    const before = readings.slice(crash - from - 24, crash - from).map((reading) => reading.details.nearestScore as number);
    expect(Math.max(...before)).toBeLessThan(0.5);
    expect(rig.trips()[0]).toMatchObject({ to: 'SAFE_MODE', cause: { code: 'VOLATILITY_SHOCK' } });
    // 6014.90 / 7354.21 − 1 = −18.21% in one hour.
    expect((rig.trips()[0]!.cause as { message: string }).message).toMatch(/^BTC\/USDT fell 18\.2% in 1h, up to 2020-03-12 11:00 UTC; its usual 1h move is 0\.\d\d%\./);

    // The restart after the 12:00 bar builds the monitor again: without history the new trigger
    // starts its warm-up (its reading says so) and, not tripped, clears the restored trigger.
    // The latch keeps safe mode on; a person must leave it.
    expect(readings[crash - from + 3]!.cause.code).toBe('VOLATILITY_WARMING_UP');
    expect(rig.activeTriggerIds()).not.toContain(VOLATILITY);
    expect(rig.machine.snapshot().state).toBe('SAFE_MODE');
    expect(rig.machine.leaveSafeMode(LEAVE).state).toBe('ACTIVE');
  });

  it('with the market\'s earlier bars at hand, a restart during the crash finds the shock again and keeps the trigger active', async () => {
    const candles = await realCandles(BTC_USDT_1H_CSV);
    const from = barIndex(candles, '2020-02-01T00:00:00Z');
    const crash = barIndex(candles, '2020-03-12T10:00:00Z');
    const candlesBefore = (symbol: string, timeframe: string, openTimeMs: number): Candle[] => {
      expect([symbol, timeframe]).toEqual(['BTC/USDT', '1h']);
      return candles.slice(from, candles.findIndex((candle) => candle.openTimeMs >= openTimeMs));
    };
    rig = new RiskRig({ candlesBefore });
    const readings = replayBars(candles, from, crash + 20, crash + 2);
    // 20 hours after the first leg (the 23:00 bar fell another 17.3%) the trigger is still active
    // and safe mode cannot be left.
    expect(readings.at(-1)!.tripped).toBe(true);
    expect(rig.activeTriggerIds()).toContain(VOLATILITY);
    expect(() => rig?.machine.leaveSafeMode(LEAVE)).toThrow(/BTC\/USDT fell/);
    readings.push(...replayBars(candles, crash + 21, barIndex(candles, '2020-03-20T00:00:00Z'), -1));

    // After the restart the rebuilt trigger reads exactly as one that was never interrupted.
    const unbroken = createVolatilityShockTrigger('BTC/USDT', '1h', DEFAULT_TRIGGER_SETTINGS.volatilityShock);
    const expected = candles.slice(from, from + readings.length).map((candle) => unbroken.check(candle));
    expect(readings).toEqual(expected);
    expect(readings[crash - from + 3]!).toMatchObject({ tripped: true, cause: { code: 'VOLATILITY_SHOCK' } });
    // It cleared once, then tripped again on the −9.1% hour of 2020-03-15 22:00 (5,903.77 → 5,367.76).
    const messages = rig.trips().map((trip) => (trip.cause as { message: string }).message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^BTC\/USDT fell 18\.2% in 1h, up to 2020-03-12 11:00 UTC;/);
    expect(messages[1]).toMatch(/^BTC\/USDT fell 9\.1% in 1h, up to 2020-03-15 23:00 UTC;/);
    // A week later the market has calmed: the trigger cleared, the latch did not.
    expect(readings.at(-1)!.cause.code).toBe('VOLATILITY_CALM');
    expect(rig.activeTriggerIds()).not.toContain(VOLATILITY);
    expect(rig.machine.snapshot().state).toBe('SAFE_MODE');
    expect(rig.machine.leaveSafeMode(LEAVE).state).toBe('ACTIVE');
  });
});
