/** Titles and empty-state texts of the screens. */
export const screens = {
  screens: {
    notBuilt: 'Not built yet',
    dashboard: {
      title: 'Dashboard',
      empty: 'No bot has run yet, so there is nothing to show. Charts, positions and the reasons behind every decision will appear here once paper trading is available.',
    },
    paper: {
      title: 'Paper trading',
      empty: 'Practise with pretend money before risking any real money. Starting a paper bot will be possible here in a coming version.',
    },
    keys: {
      title: 'Keys & Exchanges',
      empty: 'Connecting an exchange key will be possible here. Ballast will only accept keys that your exchange confirms cannot withdraw funds.',
    },
    risk: {
      title: 'Risk limits',
      empty: 'Your limits (size per trade, daily loss, drawdown and more) will be shown and adjustable here.',
    },
    activity: {
      title: 'Activity',
      empty: 'A tamper-evident record of every decision, order and action will be shown here.',
    },
    settings: {
      title: 'Settings',
      empty: 'Notifications, time zone and other preferences will be set here.',
    },
  },
} as const;
