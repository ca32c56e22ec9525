import { runExchangeContract } from './exchangeContract.ts';
import { startCcxtHarness } from './ccxtHarness.ts';

runExchangeContract('CcxtExchange (real ccxt over HTTP to the fake Binance)', (options) => startCcxtHarness(options));
