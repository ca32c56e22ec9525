import { z } from 'zod';
import { TradingMode, TradingStateSnapshot } from './tradingState.ts';

export const AppStatus = z.strictObject({
  productName: z.string(),
  version: z.string(),
  mode: TradingMode,
  tradingState: TradingStateSnapshot,
});
export type AppStatus = z.infer<typeof AppStatus>;

export const AlertSeverity = z.enum(['info', 'warning', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

export const Alert = z.strictObject({
  id: z.string(),
  atMs: z.number().int().nonnegative(),
  severity: AlertSeverity,
  title: z.string().max(200),
  message: z.string().max(2000),
});
export type Alert = z.infer<typeof Alert>;

/** Free text a person may attach to an action; bounded so a payload cannot balloon. */
export const PersonNote = z.string().trim().max(500);
