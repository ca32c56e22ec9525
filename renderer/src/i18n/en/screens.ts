/** Titles and empty-state texts of the screens. */
export const screens = {
  screens: {
    notBuilt: 'Not built yet',
    settings: {
      title: 'Settings',
      empty: 'Notifications, time zone and other preferences will be set here.',
    },
  },
} as const;
