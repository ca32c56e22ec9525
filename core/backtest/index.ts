export * from './backtestInputError.ts';
export * from './normalDistribution.ts';
export * from './sampleMoments.ts';
export * from './overfitting.ts';
export * from './returnPeriods.ts';
export * from './tradeStatistics.ts';
export * from './statistics.ts';
export * from './statisticsJson.ts';
