import { expect } from 'vitest';
import { openJournal, type Journal } from '../../../../core/journal/index.ts';
import { createPaperExchange, type PaperExchange, type PaperExchangeOptions } from '../../../../core/paper/index.ts';
import { referenceCandles, referenceMarkets, type ExchangeHarness, type HarnessOptions } from './harness.ts';

export interface PaperHarness extends ExchangeHarness {
  readonly port: PaperExchange;
  readonly journal: Journal;
}

/** The paper exchange replaying the real 1h BTC/USDT and ETH/USDT bars, its clock moved by the test. */
export async function startPaperHarness(options: HarnessOptions, overrides: Partial<PaperExchangeOptions> = {}, journalPath = ':memory:'): Promise<PaperHarness> {
  const journal = openJournal(journalPath);
  const created = createPaperExchange({
    journal,
    markets: referenceMarkets(),
    initialBalances: options.balances,
    feed: { kind: 'replay', timeframe: '1h', startAtMs: Date.parse(options.startAt), candles: await referenceCandles() },
    ...(options.volumeShare === undefined ? {} : { fillModel: { volumeShare: options.volumeShare } }),
    ...overrides,
  });
  if (!created.ok) {
    journal.close();
    throw new Error(`PaperExchange refused to start: ${created.error.reason} (${created.error.detail})`);
  }
  const port = created.value;
  return {
    port,
    journal,
    advanceMarket: (durationMs) => {
      expect(port.advanceTo(port.nowMs() + durationMs)).toEqual({ kind: 'ok', value: null });
      return Promise.resolve();
    },
    close: () => {
      journal.close();
      return Promise.resolve();
    },
  };
}
