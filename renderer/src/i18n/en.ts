/**
 * Every English string on screen. Written for someone who has never used an API key: what
 * happened, what it means for their money, what to do next.
 */
export const en = {
  app: {
    name: 'Ballast',
    loading: 'Starting Ballast…',
    coreUnreachable: 'Ballast could not reach its trading core: {{message}}',
    screenCrashed: 'This screen hit a problem and cannot be shown. Pause and Kill above still work. Switch screens or restart Ballast.',
    frameCrashed: 'Ballast’s window hit a problem. Your bot keeps its current state; restart Ballast to get the controls back.',
  },
  mode: {
    paper: 'PAPER',
    live: 'LIVE',
    paperHint: 'Practice mode: orders are simulated with pretend money. Nothing is sent to an exchange.',
    liveHint: 'Live mode: orders are sent to your exchange with real money.',
  },
  state: {
    label: 'Trading state',
    ACTIVE: 'Active',
    SAFE_MODE: 'Safe mode',
    PAUSED: 'Paused',
    KILLED: 'Killed',
    since: 'since {{time}}',
    ACTIVE_explain: 'The bot may open and close positions within your risk limits.',
    SAFE_MODE_explain: 'The bot may only reduce or close positions. No new positions.',
    PAUSED_explain: 'No new positions. Protective exits (stops) stay in place.',
    KILLED_explain: 'Everything is stopped: no orders will be placed until you re-arm.',
  },
  actions: {
    pause: 'Pause',
    resume: 'Resume',
    kill: 'Kill',
    killShortcut: 'Ctrl+Shift+K',
    rearm: 'Re-arm…',
    cancel: 'Cancel',
  },
  kill: {
    title: 'Kill the bot now?',
    body: 'Ballast will stop placing orders immediately and cancel every open order. Positions you already hold stay as they are.',
    after: 'To trade again you will have to re-arm by typing a confirmation.',
    confirm: 'Yes, kill now',
  },
  rearm: {
    title: 'Re-arm after Kill',
    body: 'Re-arming lets the bot place orders again. It comes back paused, so nothing happens until you press Resume.',
    label: 'Type {{phrase}} to confirm',
    confirm: 'Re-arm',
  },
  killedBanner: {
    title: 'Stopped by Kill',
    body: 'No orders will be placed. {{cause}}',
  },
  nav: {
    label: 'Screens',
    dashboard: 'Dashboard',
    paper: 'Paper trading',
    keys: 'Keys & Exchanges',
    risk: 'Risk limits',
    activity: 'Activity',
    settings: 'Settings',
  },
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
  alerts: {
    title: 'Alerts',
    none: 'No alerts.',
  },
} as const;

export type Messages = typeof en;
