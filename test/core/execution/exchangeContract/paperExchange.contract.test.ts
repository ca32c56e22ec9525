import { runExchangeContract } from './exchangeContract.ts';
import { startPaperHarness } from './paperHarness.ts';

runExchangeContract('PaperExchange (replaying real 1h bars)', (options) => startPaperHarness(options));
