import { activity } from './en/activity.ts';
import { ai } from './en/ai.ts';
import { alertsScreen } from './en/alertsScreen.ts';
import { dashboard } from './en/dashboard.ts';
import { frame } from './en/frame.ts';
import { glossary } from './en/glossary.ts';
import { keys } from './en/keys.ts';
import { live } from './en/live.ts';
import { paper } from './en/paper.ts';
import { practice } from './en/practice.ts';
import { risk } from './en/risk.ts';
import { serviceCheck } from './en/serviceCheck.ts';
import { backtest } from './en/backtest.ts';

/**
 * Every English string on screen, one file per area under en/. Written for someone who has
 * never used an API key: what happened, what it means for their money, what to do next.
 */
export const en = {
  ...frame,
  ...keys,
  ...dashboard,
  ...paper,
  ...risk,
  ...activity,
  ...serviceCheck,
  ...backtest,
  ...ai,
  ...alertsScreen,
  ...live,
  ...practice,
  ...glossary,
} as const;

export type Messages = typeof en;
