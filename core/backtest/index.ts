export * from './backtestInputError.ts';
export * from './normalDistribution.ts';
export * from './sampleMoments.ts';
export * from './overfitting.ts';
