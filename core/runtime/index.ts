export * from './ballastCore.ts';
