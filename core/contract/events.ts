import type { z } from 'zod';
import { Alert } from './schemas.ts';
import { TradingStateSnapshot } from './tradingState.ts';
import { LiveStatusView } from './keys.ts';
import { BotStatus } from './bot.ts';
import { BacktestStatusView } from './backtest.ts';
import { TrainingStatusView } from './ai.ts';

/** Main → renderer events, each declared once with its payload schema. */
export const events = {
  tradingStateChanged: TradingStateSnapshot,
  alertRaised: Alert,
  /** Live trading started or stopped, or the live key's permissions were re-read. */
  liveStatusChanged: LiveStatusView,
  /** The paper bot moved on (bars processed, phase, message); the frame shows it, the dashboard re-reads. */
  botProgressed: BotStatus,
  /** A backtest moved on, finished, failed or was cancelled (the Backtest screen's progress bar). */
  backtestProgressed: BacktestStatusView,
  /** Model training moved on (stage, fraction) or ended; the AI screen shows it. */
  aiTrainingProgressed: TrainingStatusView,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

export const eventNames = Object.keys(events) as EventName[];

export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name);
