export * from './tradingStateMachine.ts';
export * from './intent.ts';
