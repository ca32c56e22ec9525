import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountViewForShare,
  CAPITAL_SHARE_CODES,
  CAPITAL_SHARE_MESSAGES,
  DEFAULT_RISK_LIMITS,
  defaultCapitalShareQuote,
  evaluate,
  type BallastBook,
  type ShareInputs,
} from '../../../core/risk/index.ts';
import { BTC_USDT, buyIntent, marketView, NOW_MS } from './riskFixtures.ts';

const SEED = Number(process.env.BALLAST_PROPERTY_SEED ?? 20_260_313);
const RUNS = Number(process.env.BALLAST_PROPERTY_RUNS ?? 500);

const EMPTY_BOOK: BallastBook = { positions: [], openOrders: [], realisedPnlQuote: 0, orderTimesMs: [] };

function inputs(overrides: Partial<ShareInputs> = {}): ShareInputs {
  return { shareQuote: 100, quoteAsset: 'USDT', exchangeFreeQuote: 10_000, exchangeTotals: new Map([['USDT', 10_000]]), book: EMPTY_BOOK, dayStartEquityQuote: null, highWaterMarkQuote: null, ...overrides };
}

describe("Ballast's share of the account", () => {
  it('defaults to the smaller of 100 and a tenth of the quote balance, and to nothing when the balance is unreadable', () => {
    expect(defaultCapitalShareQuote(10_000)).toBe(100); // min(100, 1,000)
    expect(defaultCapitalShareQuote(600)).toBe(60); // min(100, 60)
    expect(defaultCapitalShareQuote(0)).toBe(0);
    expect(defaultCapitalShareQuote(Number.NaN)).toBeNull();
    expect(defaultCapitalShareQuote(-5)).toBeNull();
  });

  it('shows the risk layer the share, not the account: 100 of 10,000 USDT', () => {
    const view = accountViewForShare(inputs());
    expect(view).toMatchObject({ ok: true, shareQuote: 100, inUseQuote: 0, account: { equityQuote: 100, freeQuote: 100, dayStartEquityQuote: 100, highWaterMarkQuote: 100 } });
  });

  it('counts Ballast’s positions and resting buys against the share, and its losses too, but never its gains', () => {
    // 0.001 BTC bought for 40 USDT, now worth 35 (mark 35,000); a resting buy of 0.0005 at 30,000 = 15.
    const book: BallastBook = {
      positions: [{ symbol: 'BTC/USDT', base: 'BTC', amountBase: 0.001, costBasisQuote: 40, markPriceQuote: 35_000 }],
      openOrders: [{ symbol: 'BTC/USDT', side: 'buy', purpose: 'entry', remainingBase: 0.0005, priceQuote: 30_000 }],
      realisedPnlQuote: -3,
      orderTimesMs: [],
    };
    const losing = accountViewForShare(inputs({ book, exchangeTotals: new Map([['BTC', 0.001]]) }));
    // equity = 100 − 3 realised − 5 unrealised = 92; free = 92 − 35 held − 15 resting = 42.
    expect(losing).toMatchObject({ ok: true, inUseQuote: 50, account: { equityQuote: 92, freeQuote: 42 } });
    const winning = accountViewForShare(inputs({ book: { ...book, realisedPnlQuote: 30 }, exchangeTotals: new Map([['BTC', 0.001]]) }));
    // 100 + 30 − 5 = 125 is capped at the share: 100; free = 100 − 35 − 15 = 50.
    expect(winning).toMatchObject({ ok: true, account: { equityQuote: 100, freeQuote: 50 } });
  });

  it('never counts a position above what the account holds, so an exit sized from it cannot sell coins that are not there', () => {
    const book: BallastBook = { ...EMPTY_BOOK, positions: [{ symbol: 'BTC/USDT', base: 'BTC', amountBase: 0.002, costBasisQuote: 80, markPriceQuote: 40_000 }] };
    const view = accountViewForShare(inputs({ book, exchangeTotals: new Map([['BTC', 0.0015]]) }));
    expect(view.ok && view.account.positions).toEqual([{ symbol: 'BTC/USDT', amountBase: 0.0015, averageEntryQuote: 40_000, markPriceQuote: 40_000 }]);
  });

  it('refuses, with a code, on a share or figures it cannot use', () => {
    expect(accountViewForShare(inputs({ shareQuote: 0 }))).toMatchObject({ ok: false, reasons: [{ code: 'SHARE_INVALID' }] });
    expect(accountViewForShare(inputs({ exchangeFreeQuote: Number.NaN }))).toMatchObject({ ok: false, reasons: [{ code: 'ACCOUNT_UNREADABLE' }] });
    expect(accountViewForShare(inputs({ book: { ...EMPTY_BOOK, realisedPnlQuote: -100 } }))).toMatchObject({ ok: false, reasons: [{ code: 'SHARE_USED_UP', params: { lossQuote: 100 } }] });
    const badMark: BallastBook = { ...EMPTY_BOOK, positions: [{ symbol: 'BTC/USDT', base: 'BTC', amountBase: 0.001, costBasisQuote: 40, markPriceQuote: 0 }] };
    expect(accountViewForShare(inputs({ book: badMark }))).toMatchObject({ ok: false, reasons: [{ code: 'POSITION_FIGURES_INVALID' }] });
    for (const code of CAPITAL_SHARE_CODES) expect(CAPITAL_SHARE_MESSAGES[code].length).toBeGreaterThan(20);
  });

  it('property: the view never exceeds the share, and evaluate never approves an entry worth more than the share has free', () => {
    let approved = 0;
    const position = fc.record({ amountBase: fc.double({ min: 0, max: 0.01, noNaN: true }), costBasisQuote: fc.double({ min: 0, max: 500, noNaN: true }), markPriceQuote: fc.double({ min: 1_000, max: 80_000, noNaN: true }) });
    fc.assert(
      fc.property(
        // Whole amounts: fast-check's doubles crowd at the extremes, where every entry rounds to nothing.
        fc.integer({ min: 10, max: 5_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.option(position, { nil: undefined }),
        fc.integer({ min: -200, max: 500 }),
        fc.double({ min: 0, max: 0.02, noNaN: true }),
        fc.option(fc.double({ min: 0, max: 10_000, noNaN: true }), { nil: null }),
        fc.option(fc.double({ min: 0, max: 10_000, noNaN: true }), { nil: null }),
        fc.integer({ min: 5, max: 150 }).map((percent) => percent / 100),
        (shareQuote, exchangeFreeQuote, held, realisedPnlQuote, heldOnExchange, dayStart, highWater, desiredFraction) => {
          const book: BallastBook = {
            positions: held === undefined ? [] : [{ symbol: 'BTC/USDT', base: 'BTC', ...held }],
            openOrders: [],
            realisedPnlQuote,
            orderTimesMs: [],
          };
          const view = accountViewForShare(inputs({ shareQuote, exchangeFreeQuote, book, exchangeTotals: new Map([['BTC', heldOnExchange]]), dayStartEquityQuote: dayStart, highWaterMarkQuote: highWater }));
          if (!view.ok) return;
          const { account } = view;
          expect(account.equityQuote).toBeLessThanOrEqual(shareQuote);
          expect(account.freeQuote).toBeLessThanOrEqual(shareQuote);
          expect(account.freeQuote).toBeLessThanOrEqual(exchangeFreeQuote);
          expect(account.dayStartEquityQuote).toBeLessThanOrEqual(shareQuote);
          expect(account.highWaterMarkQuote).toBeLessThanOrEqual(shareQuote);
          for (const p of account.positions) expect(p.amountBase).toBeLessThanOrEqual(heldOnExchange);
          const limits = { ...DEFAULT_RISK_LIMITS, perTradeFractionOfEquity: 1, totalExposureFractionOfEquity: 1, maxDepthFraction: 1, riskPerTradeFractionOfEquity: 1, dailyLossFractionOfEquity: 1, maxDrawdownFraction: 1, dustPositionQuote: 0, maxOpenPositions: 100 };
          const decision = evaluate(buyIntent({ desiredFractionOfEquity: Math.min(desiredFraction, 1), limitPriceQuote: 40_000, stopPriceQuote: 39_000 }), account, marketView(BTC_USDT, 40_000), limits, 'ACTIVE');
          if (decision.kind !== 'rejected') {
            approved += 1;
            expect(decision.notionalQuote).toBeLessThanOrEqual(account.freeQuote + 1e-9);
            expect(decision.notionalQuote).toBeLessThanOrEqual(shareQuote);
          }
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
    // The property is about approvals: enough of the generated cases must reach one.
    expect(approved).toBeGreaterThan(RUNS / 10);
  });

  it('shows the risk layer the share even when the account is large: an entry is sized from 100 USDT, not from 10,000', () => {
    const view = accountViewForShare(inputs());
    if (!view.ok) throw new Error('view refused');
    const decision = evaluate(buyIntent({ desiredFractionOfEquity: 1, limitPriceQuote: 40_000 }), view.account, marketView(BTC_USDT, 40_000, { atMs: NOW_MS }), DEFAULT_RISK_LIMITS, 'ACTIVE');
    // The per-trade cap is 1 % of equity: 1 % of 100 = 1 USDT, below the 5 USDT market minimum: refused, not sized from 10,000.
    expect(decision.kind).toBe('rejected');
    const bigger = evaluate(buyIntent({ desiredFractionOfEquity: 1, limitPriceQuote: 40_000 }), view.account, marketView(BTC_USDT, 40_000), { ...DEFAULT_RISK_LIMITS, perTradeFractionOfEquity: 0.2 }, 'ACTIVE');
    // 20 % of 100 = 20 USDT → 0.0005 BTC at 40,000.
    expect(bigger.kind !== 'rejected' && bigger.order.amountBase).toBe(0.0005);
  });
});
