export * from './intent.ts';
export * from './signal.ts';
export * from './strategy.ts';
export * from './signalEmitter.ts';
export * from './policy.ts';
export * from './strategies/index.ts';
export * from './indicators/index.ts';
