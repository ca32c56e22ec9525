import { describe, expect, it } from 'vitest';
import type { Candle, Timeframe } from '../../../core/market/index.ts';
import {
  DEFAULT_TRIGGER_SETTINGS,
  TriggerSettingsSchema,
  createVolatilityShockTrigger,
  horizonLabel,
  type TriggerReading,
  type TriggerSettings,
} from '../../../core/risk/index.ts';
import { ATR } from '../../../core/signals/index.ts';
import { MINUTE_MS, START_MS, barsFromCloses, calmCloses, steadyMoveCloses } from './support/shockCandles.ts';

type ShockSettings = TriggerSettings['volatilityShock'];
const DEFAULTS = DEFAULT_TRIGGER_SETTINGS.volatilityShock;
const PRICE = 10_000;
/**
 * Bars of calm minute history before a move. With the defaults every horizon is judged from bar
 * 21,600 on: the 1-day horizon's first move is at bar 1,440 and it needs 14 days = 20,160 moves.
 * 21,901 is odd, so the last calm close is exactly PRICE.
 */
const WARM_CALM_BARS = 21_901;

function feed(trigger: { check(candle: Candle): TriggerReading }, candles: readonly Candle[]): TriggerReading[] {
  return candles.map((candle) => trigger.check(candle));
}

/** Calm minute history of `calmBars`, then `moveCloses`, then `afterBars` bars frozen at the last price. */
function scenario(calmBars: number, moveCloses: number[], afterBars = 0): { candles: Candle[]; moveStart: number } {
  const last = moveCloses.at(-1) ?? PRICE;
  const closes = [...calmCloses(calmBars, PRICE), ...moveCloses, ...Array.from({ length: afterBars }, () => last)];
  return { candles: barsFromCloses(closes, START_MS, PRICE), moveStart: calmBars };
}

const trigger = (settings: ShockSettings = DEFAULTS, timeframe: Timeframe = '1m') => createVolatilityShockTrigger('BTC/USDT', timeframe, settings);
const firstTrip = (readings: readonly TriggerReading[]): number => readings.findIndex((reading) => reading.tripped);

/** The trigger this one replaces: a one-bar close-to-close move beyond 6 ATR(14) taken before the bar. */
function oldAtrReadings(candles: readonly Candle[], from: number): number[] {
  const atr = new ATR(14);
  const readings: number[] = [];
  candles.forEach((candle, i) => {
    const before = atr.value;
    if (i >= from && before !== undefined) readings.push(Math.abs(candle.close - candles[i - 1]!.close) / before);
    atr.update(candle.high, candle.low, candle.close);
  });
  return readings;
}

describe('volatility shock over wall-clock horizons', () => {
  it('trips 15 minutes into a steady −22% hour after calm history, where the one-bar ATR test never reached 6', () => {
    const { candles, moveStart } = scenario(WARM_CALM_BARS, steadyMoveCloses(PRICE, -0.22, 60));
    const readings = feed(trigger(), candles);

    // Each minute falls by ln(0.78)/60 = −0.2484614/60 = −0.00414102 in log terms. The 15m floor is
    // −ln(1 − 0.06) = 0.0618754: after 14 minutes the fall from the calm close 0.05% above PRICE is
    // 14 × 0.00414102 + ln(1.0005) = 0.0584742 (below); after 15 minutes, from PRICE exactly,
    // 15 × 0.00414102 = 0.0621154 (−6.02%, above). The calm 15m move is 0.05%, 5× that is 0.25%,
    // far below the floor, so the floor decides.
    expect(firstTrip(readings)).toBe(moveStart + 14);
    expect(readings.slice(0, moveStart + 14).some((reading) => reading.tripped)).toBe(false);
    const trip = readings[moveStart + 14]!;
    expect(trip.cause.code).toBe('VOLATILITY_SHOCK');
    expect(trip.details).toMatchObject({ warmedUp: true, shockHorizon: '15m' });
    expect(trip.details.shockMoveFraction as number).toBeCloseTo(Math.expm1(-0.0621154), 6);
    expect(trip.cause.message).toBe('BTC/USDT fell 6.0% in 15m, up to 2021-01-16 05:16 UTC; its usual 15m move is 0.05%. Ballast only reduces positions, with no new buys, until BTC/USDT has been calm for 24 hours; then you can leave safe mode.');
    // Stays tripped through the hour; by its end the 1h horizon has the whole −22%.
    expect(readings.slice(moveStart + 14).every((reading) => reading.tripped)).toBe(true);
    expect(readings.at(-1)!.details).toMatchObject({ shockHorizon: '1h' });
    expect(readings.at(-1)!.details.shockMoveFraction as number).toBeCloseTo(-0.22, 9);

    // The old design on the same bars: the first falling minute is 0.413% against a calm ATR of
    // about 0.15% (2.8 ATRs), and the ATR widens with the fall, so it never got near 6.
    const old = oldAtrReadings(candles, moveStart);
    expect(Math.max(...old)).toBeGreaterThan(2);
    expect(Math.max(...old)).toBeLessThan(6);
  });

  it('does not trip on the equal rise (+22% in an hour), which needs 25% in an hour; +30% does trip', () => {
    const rise = feed(trigger(), scenario(WARM_CALM_BARS, steadyMoveCloses(PRICE, 0.22, 60)).candles);
    expect(rise.some((reading) => reading.tripped)).toBe(false);
    // The nearest it came: the 1h horizon, +22% against the 25% rise floor: ln(1.22)/ln(1.25) = 0.8911.
    expect(rise.at(-1)!.details).toMatchObject({ nearestHorizon: '1h' });
    expect(rise.at(-1)!.details.nearestScore as number).toBeCloseTo(Math.log(1.22) / Math.log(1.25), 6);

    // +30% over an hour: each minute ln(1.3)/60 = 0.00437272; the 1h horizon passes ln(1.25) =
    // 0.2231436 after 0.2231436 / 0.00437274 = 51.03 → 52 minutes: 52 × 0.00437274 = 0.2273824
    // (from PRICE); after 51, from the calm close 0.05% above it, 0.2230096 − 0.0004999 = 0.2225098.
    const { candles, moveStart } = scenario(WARM_CALM_BARS, steadyMoveCloses(PRICE, 0.3, 60));
    const spike = feed(trigger(), candles);
    expect(firstTrip(spike)).toBe(moveStart + 51);
    expect(spike[moveStart + 51]!.cause.message).toMatch(/^BTC\/USDT rose 25\.\d% in 1h/);
  });

  it('asks a fall for fewer usual moves and a smaller floor than a rise, on every default horizon', () => {
    expect(DEFAULTS.dropMultiple).toBeLessThan(DEFAULTS.riseMultiple);
    for (const horizon of DEFAULTS.horizons) expect(-Math.log(1 - horizon.minDropFraction)).toBeLessThan(Math.log(1 + horizon.minRiseFraction));
  });

  it('does not trip while warming up, and says so in its reading', () => {
    // 10,001 calm minutes are about 6.9 days: no horizon has its 14 days yet.
    const { candles, moveStart } = scenario(10_001, steadyMoveCloses(PRICE, -0.22, 60), 30);
    const readings = feed(trigger(), candles);
    expect(readings.some((reading) => reading.tripped)).toBe(false);
    const during = readings[moveStart + 59]!;
    expect(during.cause.code).toBe('VOLATILITY_WARMING_UP');
    expect(during.cause.message).toBe('Ballast is still learning how much BTC/USDT usually moves (7.0 of 15 days of 1m prices seen). Until then this check cannot pause buying on a sudden fall.');
    expect(during.details).toMatchObject({ warmedUp: false, nearestHorizon: null, shockAtMs: null });
    // 10,061 minutes = 6.987 days.
    expect(during.details.warmUpDaysSeen as number).toBeCloseTo(10_061 / 1440, 9);

    // The reading turns warm on the bar after which every horizon has 14 days of moves: bar 21,599.
    const warming = feed(trigger(), barsFromCloses(calmCloses(21_601, PRICE), START_MS, PRICE));
    expect(warming[21_598]!.details.warmedUp).toBe(false);
    expect(warming[21_599]!.details.warmedUp).toBe(true);
    expect(warming[21_600]!.cause.code).toBe('VOLATILITY_CALM');
  });

  it('clears 24 hours after the last shock, measured on the clock', () => {
    const fall = steadyMoveCloses(PRICE, -0.22, 60);
    const { candles, moveStart } = scenario(WARM_CALM_BARS, fall, 3_000);
    const readings = feed(trigger(), candles);
    // Minute t of the fall and after (t = 1 … 60 falling, then frozen at 0.78 × PRICE). The 1d horizon
    // compares with the close 1,440 minutes earlier: through t = 1440 that is the calm PRICE (−22%, past
    // the −20% floor); at t = 1440 + k it is the k-th falling close, a fall of (60 − k) × 0.00414102,
    // which passes −ln(0.8) = 0.2231436 up to k = 6 (0.2236152) and not at k = 7 (0.2194742).
    // Last shock at t = 1446; 24 hours = 1,440 minutes later, at t = 2886, it clears.
    const at = (t: number): TriggerReading => readings[moveStart + t - 1]!;
    expect(at(1446).details.shockAtMs).toBe(candles[moveStart + 1445]!.openTimeMs);
    expect(at(1447).details.shockAtMs).toBe(candles[moveStart + 1445]!.openTimeMs);
    expect(at(2885).tripped).toBe(true);
    expect(at(2886).tripped).toBe(false);
    expect(at(2886).cause).toEqual({ code: 'VOLATILITY_CALM', message: 'BTC/USDT has moved within its usual range for 24 hours.' });
    expect(readings.slice(moveStart + 2885).every((reading) => !reading.tripped)).toBe(true);

  });

  it('keeps a yardstick weeks long: six −10% hours in a row do not widen it, so a seventh of −12.5% trips', () => {
    // One horizon only, so the relative test (not a floor) decides. Closes alternate between PRICE
    // and 2.5% above it: every 1h move is ln(1.025) = 0.0246926, so the usual size is exactly that
    // and the threshold 5 × 0.0246926 = 0.1234630 (above the 9% floor of 0.0943107).
    const oneHorizon: ShockSettings = { ...DEFAULTS, horizons: [{ minutes: 60, minDropFraction: 0.09, minRiseFraction: 0.25 }] };
    const falls = [0.9, 0.81, 0.729, 0.6561, 0.59049, 0.531441].map((factor) => PRICE * factor);
    const closes = [...Array.from({ length: 697 }, (_, i) => (i % 2 === 0 ? PRICE : PRICE * 1.025)), ...falls, falls.at(-1)! * 0.875];
    const hourly = barsFromCloses(closes, START_MS, PRICE, 60 * MINUTE_MS);
    const readings = feed(trigger(oneHorizon, '1h'), hourly);
    // Each −10% hour is ln(0.9) = −0.1053605, a score of 0.8534: none trips. Each feeds the
    // yardstick (a mean over 672 hourly bars) with at most 4 usual sizes, lifting it by a factor of
    // at most 1 + 3/672; six lift it to 0.0246926 × (1 + 3/672)^6 = 0.0253618, a threshold of
    // 0.1268088. The seventh hour, ln(0.875) = −0.1335314, is a score of 1.0530: it trips.
    expect(readings.slice(0, 697 + 6).some((reading) => reading.tripped)).toBe(false);
    expect(readings[697]!.details.nearestScore as number).toBeCloseTo(0.1053605 / 0.123463, 5);
    expect(readings.at(-1)!.tripped).toBe(true);
    expect(readings.at(-1)!.details.nearestScore as number).toBeCloseTo(0.1335314 / 0.1268088, 4);

    // A yardstick of six hours (as a bar-count average would be) widens with the sell-off: after six
    // −10% hours it has grown to 0.0779 and wants a fall of 5 × 0.0779 = 0.39 (−32%) to trip.
    const shortMemory = feed(trigger({ ...oneHorizon, baselineDays: 0.25 }, '1h'), hourly);
    expect(shortMemory.some((reading) => reading.tripped)).toBe(false);
  });

  it('lets a 1.4% minute pass in a dead-calm market because of the floor, which the relative test alone would not', () => {
    const dip = [PRICE * 0.986, PRICE];
    const { candles } = scenario(WARM_CALM_BARS, dip, 60);
    const withFloor = feed(trigger(), candles);
    expect(withFloor.some((reading) => reading.tripped)).toBe(false);
    // ln(0.986) = −0.0140989 against the 15m floor of 0.0618754: a score of 0.2279.
    expect(withFloor[WARM_CALM_BARS]!.details.nearestScore as number).toBeCloseTo(0.0140989 / 0.0618754, 4);

    const noFloor: ShockSettings = { ...DEFAULTS, horizons: DEFAULTS.horizons.map((horizon) => ({ ...horizon, minDropFraction: 1e-6, minRiseFraction: 1e-6 })) };
    const withoutFloor = feed(trigger(noFloor), candles);
    // The calm 15m move is 0.05%; 5 × 0.0004999 = 0.0024994 against a 0.0140989 fall: 5.6 times past it.
    expect(firstTrip(withoutFloor)).toBe(WARM_CALM_BARS);
  });

  it('skips horizons shorter than one bar, says when none is left, and judges a day on daily bars', () => {
    expect(trigger(DEFAULTS, '1h').check(barsFromCloses([PRICE], START_MS, PRICE)[0]!).details).toMatchObject({ horizons: '1h,4h,1d', skippedHorizons: '15m' });
    const onlyShort: ShockSettings = { ...DEFAULTS, horizons: [{ minutes: 15, minDropFraction: 0.06, minRiseFraction: 0.15 }] };
    const reading = trigger(onlyShort, '1h').check(barsFromCloses([PRICE], START_MS, PRICE)[0]!);
    expect(reading).toMatchObject({ tripped: false, cause: { code: 'VOLATILITY_NOT_JUDGED' }, details: { horizons: '', skippedHorizons: '15m' } });

    // Daily bars: 17 calm days (the 1d horizon is judged from day 15, after 14 daily moves), then
    // −25% in a day: ln(0.75) = −0.2876821, past the 20% floor of 0.2231436.
    const daily = barsFromCloses([...calmCloses(17, PRICE), PRICE * 0.75], START_MS, PRICE, 1440 * MINUTE_MS);
    const readings = feed(trigger(DEFAULTS, '1d'), daily);
    expect(firstTrip(readings)).toBe(17);
    expect(readings[17]!.details).toMatchObject({ shockHorizon: '1d', horizons: '1d' });
  });

  it('does not judge a move across a missing bar, and ignores repeated or impossible bars', () => {
    const { candles, moveStart } = scenario(WARM_CALM_BARS, [PRICE * 0.9]);
    // Drop the 15 minutes before the −10% bar: the 15m horizon has nothing to compare with; the 1h
    // horizon compares with PRICE 60 minutes earlier (−10% > the 9% floor) and trips.
    const withHole = [...candles.slice(0, moveStart - 15), candles[moveStart]!];
    const readings = feed(trigger(), withHole);
    expect(readings.at(-1)!.details).toMatchObject({ shockHorizon: '1h' });
    expect(readings.at(-1)!.tripped).toBe(true);

    const t = trigger();
    feed(t, candles.slice(0, moveStart));
    const repeated = t.check(candles[moveStart - 1]!);
    const broken = t.check({ ...candles[moveStart]!, close: Number.NaN });
    expect([repeated.tripped, broken.tripped]).toEqual([false, false]);
    expect(t.check(candles[moveStart]!).tripped).toBe(true);
  });
});

describe('volatility shock settings', () => {
  it('parses the defaults and refuses a floor of 100% or an empty horizon list', () => {
    expect(TriggerSettingsSchema.parse(DEFAULT_TRIGGER_SETTINGS)).toEqual(DEFAULT_TRIGGER_SETTINGS);
    const withShock = (shock: unknown) => TriggerSettingsSchema.safeParse({ ...DEFAULT_TRIGGER_SETTINGS, volatilityShock: shock }).success;
    expect(withShock({ ...DEFAULTS, horizons: [] })).toBe(false);
    expect(withShock({ ...DEFAULTS, horizons: [{ minutes: 60, minDropFraction: 1, minRiseFraction: 0.2 }] })).toBe(false);
    expect(withShock({ ...DEFAULTS, atrMultiple: 6 })).toBe(false);
  });

  it('names horizons in wall-clock terms', () => {
    expect([15, 60, 240, 1440, 90].map(horizonLabel)).toEqual(['15m', '1h', '4h', '1d', '90m']);
  });
});
