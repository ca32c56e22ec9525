/** Spot orders buy or sell the base asset for the quote asset. */
export const ORDER_SIDES = ['buy', 'sell'] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];

/** Who proposed an intent: every one of them goes through the risk layer. */
export const INTENT_ORIGINS = ['strategy', 'ai', 'manual', 'protective', 'kill'] as const;
export type IntentOrigin = (typeof INTENT_ORIGINS)[number];

/** What an intent is for: states let some purposes through and not others. */
export const INTENT_PURPOSES = ['entry', 'exit', 'protective_stop', 'flatten'] as const;
export type IntentPurpose = (typeof INTENT_PURPOSES)[number];
