export * from './tradingStateMachine.ts';
