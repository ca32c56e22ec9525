import type { ComponentType } from 'react';
import type { ScreenId } from '../store/appStore.ts';
import { DashboardScreen } from './dashboard/DashboardScreen.tsx';
import { PaperScreen } from './paper/PaperScreen.tsx';
import { ActivityScreen } from './activity/ActivityScreen.tsx';
import { KeysScreen } from './keys/KeysScreen.tsx';
import { RiskScreen } from './risk/RiskScreen.tsx';
import { ServiceCheckScreen } from './serviceCheck/ServiceCheckScreen.tsx';
import { BacktestScreen } from './backtest/BacktestScreen.tsx';
import { AiScreen } from './ai/AiScreen.tsx';
import { MonitoringScreen } from './monitoring/MonitoringScreen.tsx';
import { AlertsScreen } from './alerts/AlertsScreen.tsx';

/** The component behind each navigation entry; a screen enters the navigation once it is built. */
export const screenComponents: Record<ScreenId, ComponentType> = {
  dashboard: DashboardScreen,
  paper: PaperScreen,
  backtest: BacktestScreen,
  keys: KeysScreen,
  risk: RiskScreen,
  activity: ActivityScreen,
  serviceCheck: ServiceCheckScreen,
  ai: AiScreen,
  monitoring: MonitoringScreen,
  alerts: AlertsScreen,
};
