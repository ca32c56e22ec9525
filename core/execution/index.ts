export * from './exchangePort.ts';
