import type { ComponentType } from 'react';
import type { ScreenId } from '../store/appStore.ts';
import { DashboardScreen } from './dashboard/DashboardScreen.tsx';
import { PaperScreen } from './paper/PaperScreen.tsx';
import { ActivityScreen } from './activity/ActivityScreen.tsx';
import { KeysScreen } from './keys/KeysScreen.tsx';
import { RiskScreen } from './risk/RiskScreen.tsx';
import { PlaceholderScreen } from './PlaceholderScreen.tsx';

const placeholder = (id: ScreenId): ComponentType => {
  const Screen = () => <PlaceholderScreen id={id} />;
  Screen.displayName = `Placeholder(${id})`;
  return Screen;
};

/** The component behind each navigation entry. A screen not built yet says so honestly. */
export const screenComponents: Record<ScreenId, ComponentType> = {
  dashboard: DashboardScreen,
  paper: PaperScreen,
  keys: KeysScreen,
  risk: RiskScreen,
  activity: ActivityScreen,
  settings: placeholder('settings'),
};
