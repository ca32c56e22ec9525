import { afterEach, describe, expect, it } from 'vitest';
import { REARM_PHRASE } from '../../../core/risk/index.ts';
import { BTC_USDT_1H_CSV } from '../../support/sharedData.ts';
import { BTC_USDT_1D_CSV, barIndex, realCandles } from './support/realCandles.ts';
import { RiskRig } from './support/riskRig.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** An account that put a quarter of 10,000 USDT (the exposure limit) into BTC at `entryClose`. */
const equityAt = (close: number, entryClose: number): number => 7_500 + (2_500 / entryClose) * close;

let rig: RiskRig | undefined;
afterEach(() => {
  rig?.dispose();
  rig = undefined;
});

describe('daily loss trigger on the real 2020-03-12 crash (1h BTC/USDT)', () => {
  it('trips at the hour the loss since New York midnight reaches 3%, is journaled, survives a restart, and clears the next day', async () => {
    const candles = await realCandles(BTC_USDT_1H_CSV);
    const from = barIndex(candles, '2020-03-11T00:00:00Z');
    const to = barIndex(candles, '2020-03-14T00:00:00Z');
    const entryClose = candles[from]!.close;
    rig = new RiskRig({ limits: { dayBoundaryTimeZone: 'America/New_York' } });

    // Independent reference: New York was at UTC−4 all of these days (DST began 2020-03-08).
    const nyDay = (atMs: number): number => Math.floor((atMs - 4 * HOUR_MS) / DAY_MS);
    let dayKey = Number.NaN;
    let dayStart = 0;
    const expected: boolean[] = [];
    const seen: boolean[] = [];
    let restarted = false;
    for (let i = from; i <= to; i++) {
      const closeAtMs = candles[i]!.openTimeMs + HOUR_MS;
      const equity = equityAt(candles[i]!.close, entryClose);
      if (nyDay(closeAtMs) !== dayKey) {
        dayKey = nyDay(closeAtMs);
        dayStart = equity;
      }
      expected.push((dayStart - equity) / dayStart >= 0.03);

      rig.nowMs = closeAtMs;
      rig.monitor.onEquity(equity, 'USDT', closeAtMs);
      seen.push(rig.activeTriggerIds().includes('daily_loss'));
      if (!restarted && seen.at(-1) === true) {
        restarted = true;
        rig.restart();
        expect(rig.machine.snapshot().state).toBe('SAFE_MODE');
        expect(rig.activeTriggerIds()).toEqual(['daily_loss']);
        expect(rig.watermarks.current()?.dayStartEquityQuote).toBe(dayStart);
      }
    }
    expect(seen).toEqual(expected);
    expect(expected.filter(Boolean).length).toBeGreaterThan(3);
    const firstTrip = rig.trips()[0]!;
    expect(firstTrip).toMatchObject({ to: 'SAFE_MODE', cause: { code: 'DAILY_LOSS_LIMIT' } });
    expect((firstTrip.cause as { message: string }).message).toMatch(/^Today's loss of \d+\.\d\d USDT reached the daily limit of 3\.00% \(\d+\.\d\d USDT\)\.$/);
    // Cleared on a later New York day, but safe mode stays latched until the person re-arms.
    expect(seen.at(-1)).toBe(false);
    expect(rig.machine.snapshot().state).toBe('SAFE_MODE');
    expect(rig.machine.leaveSafeMode({ code: 'PERSON_LEFT_SAFE_MODE', message: 'You left safe mode.' }).state).toBe('ACTIVE');
  });
});

describe('drawdown trigger on the real 2017-12 → 2018-02 fall (1d BTC/USDT)', () => {
  for (const action of ['SAFE_MODE', 'KILLED'] as const) {
    it(`moves to ${action} when equity falls 10% below its high, and a restart midway does not forget the high`, async () => {
      const candles = await realCandles(BTC_USDT_1D_CSV);
      const from = barIndex(candles, '2017-12-01T00:00:00Z');
      const to = barIndex(candles, '2018-03-01T00:00:00Z');
      const entryClose = candles[from]!.close;
      rig = new RiskRig({ settings: { drawdownAction: action } });

      let highWaterMark = 0;
      const expected: boolean[] = [];
      const seen: boolean[] = [];
      for (let i = from; i <= to; i++) {
        const atMs = candles[i]!.openTimeMs + DAY_MS;
        const equity = equityAt(candles[i]!.close, entryClose);
        highWaterMark = Math.max(highWaterMark, equity);
        expected.push((highWaterMark - equity) / highWaterMark >= 0.1);
        rig.nowMs = atMs;
        rig.monitor.onEquity(equity, 'USDT', atMs);
        seen.push(rig.activeTriggerIds().includes('drawdown'));
        if (i === from + 20) rig.restart();
      }
      expect(seen).toEqual(expected);
      // After the 2017-12-17 top, and before the 2018-02-06 low.
      const tripDay = new Date(candles[from + expected.indexOf(true)]!.openTimeMs).toISOString().slice(0, 10);
      expect(tripDay > '2017-12-17' && tripDay < '2018-02-06').toBe(true);
      expect(rig.trips()[0]).toMatchObject({ to: action, cause: { code: 'DRAWDOWN_LIMIT' } });
      expect(rig.machine.snapshot().state).toBe(action);

      rig.restart();
      expect(rig.machine.snapshot().state).toBe(action);
      expect(rig.watermarks.current()?.highWaterMarkQuote).toBeCloseTo(highWaterMark, 6);
      // Still in drawdown: the person cannot trade again until they accept it by resetting the high-water mark.
      const personLeaves = (): unknown =>
        action === 'KILLED'
          ? rig?.machine.rearm(REARM_PHRASE, { code: 'PERSON_REARMED', message: 'Re-armed by you.' })
          : rig?.machine.leaveSafeMode({ code: 'PERSON_LEFT_SAFE_MODE', message: 'You left safe mode.' });
      expect(personLeaves).toThrow(/below its highest value/);
      const last = equityAt(candles[to]!.close, entryClose);
      rig.watermarks.resetHighWaterMark(last, rig.nowMs, { code: 'PERSON_ACCEPTED_DRAWDOWN', message: 'You accepted the drawdown.' });
      rig.monitor.onEquity(last, 'USDT', rig.nowMs);
      expect(rig.activeTriggerIds()).not.toContain('drawdown');
      personLeaves();
      expect(rig.machine.snapshot().state).toBe(action === 'KILLED' ? 'PAUSED' : 'ACTIVE');
      expect(rig.journal.count({ kinds: ['person_action'], text: 'high_water_mark_reset' })).toBe(1);
    });
  }
});
