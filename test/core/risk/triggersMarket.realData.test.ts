import { afterEach, describe, expect, it } from 'vitest';
import { validateCandles, type Candle, type CandleIssue } from '../../../core/market/index.ts';
import { ATR } from '../../../core/signals/indicators/index.ts';
import { DEFAULT_TRIGGER_SETTINGS, dataFeedTriggerId, volatilityTriggerId } from '../../../core/risk/index.ts';
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

describe('volatility shock trigger on the real 2020-03 crash', () => {
  it('trips first at the 2020-03-12 10:00 bar, on every bar whose move beats 6 ATRs, and is latched across a restart', async () => {
    const candles = await realCandles(BTC_USDT_1H_CSV);
    const from = barIndex(candles, '2020-03-01T00:00:00Z');
    const to = barIndex(candles, '2020-03-20T00:00:00Z');
    rig = new RiskRig();
    const trigger = volatilityTriggerId('BTC/USDT', '1h');

    // Independent reference: the close-to-close move against the ATR(14) of the bars before it.
    const atr = new ATR(14);
    const shocks: number[] = [];
    const tripped: number[] = [];
    for (let i = from; i <= to; i++) {
      const candle = candles[i]!;
      const before = atr.value;
      if (i > from && before !== undefined && Math.abs(candle.close - candles[i - 1]!.close) > 6 * before) shocks.push(i);
      atr.update(candle.high, candle.low, candle.close);
      rig.nowMs = candle.openTimeMs + HOUR_MS;
      const reading = rig.monitor.onClosedCandle('BTC/USDT', '1h', candle);
      if (reading.details.moveInAtr !== null && (reading.details.moveInAtr as number) > 6) tripped.push(i);
      if (i === barIndex(candles, '2020-03-12T12:00:00Z')) rig.restart();
    }
    expect(tripped).toEqual(shocks);
    expect(new Date(candles[shocks[0]!]!.openTimeMs).toISOString()).toBe('2020-03-12T10:00:00.000Z');
    expect(rig.trips()[0]).toMatchObject({ to: 'SAFE_MODE', cause: { code: 'VOLATILITY_SHOCK' } });
    expect((rig.trips()[0]!.cause as { message: string }).message).toMatch(/^BTC\/USDT moved 1\d\.\d times its usual 1h range in one bar \(2020-03-12 10:00 UTC\)/);
    // A week later the market has calmed: the trigger cleared, the latch did not.
    expect(rig.activeTriggerIds()).not.toContain(trigger);
    expect(rig.machine.snapshot().state).toBe('SAFE_MODE');
    expect(rig.machine.leaveSafeMode(LEAVE).state).toBe('ACTIVE');
  });
});
