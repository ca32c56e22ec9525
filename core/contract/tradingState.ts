// The trading state's vocabulary is the model's; the contract carries it as it is.
export { StateCause, TradingMode, TradingStateName, TradingStateSnapshot } from '../model/index.ts';
