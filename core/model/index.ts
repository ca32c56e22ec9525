// Ballast's shared vocabulary: every layer uses it and none owns it. It imports nothing of Ballast's.
export * from './result.ts';
export * from './refusal.ts';
export * from './orders.ts';
export * from './tradingState.ts';
export * from './exchanges.ts';
export * from './strategies.ts';
export * from './timeframes.ts';
export * from './marketSymbol.ts';
export * from './reasonCodes.ts';
