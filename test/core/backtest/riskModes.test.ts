import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../core/backtest/index.ts';
import { crossBars, settingsFor } from './support/handMadeBars.ts';

describe('risk on and research mode (risk off)', () => {
  it('with risk on, refuses the entry in a market too thin for the limits; research mode trades it', async () => {
    // 1 000 coins a bar at about 10: some 10 000 traded a bar, far below the 10 million a day the limits ask for.
    const thin = crossBars(1_000);
    const guarded = await runBacktest(thin, settingsFor(thin, { risk: 'on', sizeFraction: 0.01 }));
    expect(guarded.fills).toEqual([]);
    expect(guarded.decisions).toMatchObject({ intents: 1, approved: 0, rejected: 1, reasons: { PAIR_ILLIQUID: 1 } });
    const research = await runBacktest(thin, settingsFor(thin, { risk: 'off', sizeFraction: 0.01 }));
    expect(research.fills.map((fill) => fill.side)).toEqual(['buy', 'sell']);
    expect(research.decisions).toMatchObject({ approved: 2, rejected: 0, reasons: {} });
  });

  it('with risk on, sizes a next-open entry at the fill price, as the formula does, when it is within the per-trade limit', async () => {
    // 2 000 000 coins a bar: liquid. floor(10 000 × 0.01 / 12.5 / 0.001) × 0.001 = 8, exactly 1 % of equity.
    const liquid = crossBars(2_000_000);
    const run = await runBacktest(liquid, settingsFor(liquid, { risk: 'on', sizeFraction: 0.01 }));
    expect(run.fills.map((fill) => [fill.side, fill.priceQuote, fill.amountBase])).toEqual([
      ['buy', 12.5, 8],
      ['sell', 10.5, 8],
    ]);
    expect(run.decisions).toMatchObject({ approved: 2, shrunk: 0, rejected: 0 });
  });

  it('with risk on, shrinks an entry larger than the per-trade limit; research mode buys it whole', async () => {
    const liquid = crossBars(2_000_000);
    const guarded = await runBacktest(liquid, settingsFor(liquid, { risk: 'on', sizeFraction: 0.5 }));
    // The default limit: 1 % of equity per trade → 100 quote → 8 coins at 12.5.
    expect(guarded.fills[0]?.amountBase).toBe(8);
    expect(guarded.decisions).toMatchObject({ shrunk: 1, reasons: { PER_TRADE_SIZE: 1 } });
    const research = await runBacktest(liquid, settingsFor(liquid, { risk: 'off', sizeFraction: 0.5 }));
    expect(research.fills[0]?.amountBase).toBe(400);
  });

  it('never spends more than the cash in research mode: the entry is capped at what the cash and fee pay for', async () => {
    const liquid = crossBars(2_000_000);
    const research = await runBacktest(liquid, settingsFor(liquid, { risk: 'off', sizeFraction: 1 }));
    // floor(10 000 / 1.001 / 12.5 / 0.001) × 0.001 = 799.2 (not the 800 a 100 % fraction asks for)
    expect(research.fills[0]?.amountBase).toBeCloseTo(799.2, 9);
    expect(Math.min(...research.equity)).toBeGreaterThan(0);
  });
});
